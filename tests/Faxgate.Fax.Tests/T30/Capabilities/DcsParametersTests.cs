using Faxgate.Fax.T30.Capabilities;
using Faxgate.Imaging.Coding;

namespace Faxgate.Fax.Tests.T30.Capabilities;

public sealed class DcsParametersTests
{
    [Fact]
    public void Encodes_V17_14400_fine_unlimited_zero_scan_time_as_a_sender_does()
    {
        var dcs = new DcsParameters
        {
            Rate = SignallingRate.V17At14400,
            Resolution = FaxResolution.Fine,
            Length = FaxLength.Unlimited,
            MinScanLineTime = MinimumScanLineTime.Ms0,
        };

        Assert.Equal("006278", Convert.ToHexString(dcs.Encode()));
    }

    [Fact]
    public void Decodes_an_ECM_MMR_DCS()
    {
        Assert.True(DcsParameters.TryDecode(Convert.FromHexString("0062F844"), out DcsParameters? dcs, out _));

        Assert.Equal(SignallingRate.V17At14400, dcs.Rate);
        Assert.True(dcs.ReceiveFax);
        Assert.True(dcs.Ecm);
        Assert.False(dcs.Ecm64OctetFrames);
        Assert.Equal(CodingScheme.Mmr, dcs.Compression);
        Assert.Equal(FaxResolution.Fine, dcs.Resolution);
        Assert.Equal(FaxWidth.A4, dcs.Width);
        Assert.Equal(FaxLength.Unlimited, dcs.Length);
        Assert.Equal(MinimumScanLineTime.Ms0, dcs.MinScanLineTime);
    }

    [Theory]
    [InlineData(SignallingRate.V27ter2400, 0b0000)]
    [InlineData(SignallingRate.V27ter4800, 0b0010)]
    [InlineData(SignallingRate.V29At9600, 0b0001)]
    [InlineData(SignallingRate.V29At7200, 0b0011)]
    [InlineData(SignallingRate.V17At14400, 0b1000)]
    [InlineData(SignallingRate.V17At12000, 0b1010)]
    [InlineData(SignallingRate.V17At9600, 0b1001)]
    [InlineData(SignallingRate.V17At7200, 0b1011)]
    public void Round_trips_every_signalling_rate_with_the_DCS_code_points(SignallingRate rate, int code)
    {
        var dcs = new DcsParameters { Rate = rate };
        byte[] fif = dcs.Encode();

        Assert.Equal(code, (fif[1] >> 2) & 0x0F);
        AssertRoundTrip(dcs);
    }

    [Theory]
    [InlineData(FaxResolution.Standard, new int[0])]
    [InlineData(FaxResolution.Fine, new[] { 15 })]
    [InlineData(FaxResolution.Superfine, new[] { 41 })]
    [InlineData(FaxResolution.UltraFine, new[] { 43 })]
    [InlineData(FaxResolution.Dpi200x100, new[] { 44 })]
    [InlineData(FaxResolution.Dpi200x200, new[] { 15, 44 })]
    [InlineData(FaxResolution.Dpi200x400, new[] { 41, 44 })]
    [InlineData(FaxResolution.Dpi300x300, new[] { 42, 44 })]
    [InlineData(FaxResolution.Dpi400x400, new[] { 43, 44 })]
    public void Round_trips_every_resolution_with_its_bits(FaxResolution resolution, int[] bits)
    {
        var dcs = new DcsParameters { Rate = SignallingRate.V27ter2400, ReceiveFax = false, Resolution = resolution };

        Assert.True(CapabilityBits.TryRead(dcs.Encode(), out CapabilityBits set, out _));
        Assert.Equal(bits, set.SetBits());
        AssertRoundTrip(dcs);
    }

    [Fact]
    public void Round_trips_every_width_length_time_and_coding()
    {
        foreach (FaxWidth width in Enum.GetValues<FaxWidth>())
        {
            AssertRoundTrip(new DcsParameters { Width = width });
        }

        foreach (FaxLength length in Enum.GetValues<FaxLength>())
        {
            AssertRoundTrip(new DcsParameters { Length = length });
        }

        foreach (MinimumScanLineTime time in Enum.GetValues<MinimumScanLineTime>())
        {
            AssertRoundTrip(new DcsParameters { MinScanLineTime = time });
        }

        AssertRoundTrip(new DcsParameters { Compression = CodingScheme.Mh });
        AssertRoundTrip(new DcsParameters { Compression = CodingScheme.Mr });
        AssertRoundTrip(new DcsParameters { Compression = CodingScheme.Mr, Ecm = true });
        AssertRoundTrip(new DcsParameters { Compression = CodingScheme.Mmr, Ecm = true });
        AssertRoundTrip(new DcsParameters { Compression = CodingScheme.Mmr, Ecm = true, Ecm64OctetFrames = true });
        AssertRoundTrip(new DcsParameters { SubaddressFollows = true });
        AssertRoundTrip(new DcsParameters { SenderIdFollows = true });
        AssertRoundTrip(new DcsParameters { OtherBits = default(CapabilityBits).With(123, true) });
    }

    [Fact]
    public void The_64_octet_frame_bit_is_written_and_read_only_with_ECM()
    {
        Assert.Equal(3, new DcsParameters { Ecm64OctetFrames = true }.Encode().Length);
        Assert.Equal("0002800C", Convert.ToHexString(new DcsParameters { Ecm = true, Ecm64OctetFrames = true }.Encode()));

        Assert.True(DcsParameters.TryDecode([0x00, 0x02, 0x80, 0x08], out DcsParameters? dcs, out _));
        Assert.False(dcs.Ecm64OctetFrames);
    }

    [Theory]
    [InlineData(0b0100)]
    [InlineData(0b0101)]
    [InlineData(0b0110)]
    [InlineData(0b1100)]
    [InlineData(0b1111)]
    public void Refuses_rate_codes_Table_2_does_not_define_for_DCS(int code)
    {
        byte[] fif = [0x00, (byte)(0x02 | (code << 2)), 0x00];

        Assert.False(DcsParameters.TryDecode(fif, out _, out CapabilityFieldError error));
        Assert.Equal(CapabilityFieldError.UnknownSignallingRate, error);
    }

    [Fact]
    public void Refuses_T6_without_ECM_both_ways()
    {
        Assert.False(DcsParameters.TryDecode([0x00, 0x02, 0x80, 0x40], out _, out CapabilityFieldError error));
        Assert.Equal(CapabilityFieldError.T6WithoutEcm, error);
        Assert.Throws<InvalidOperationException>(() => new DcsParameters { Compression = CodingScheme.Mmr }.Encode());
    }

    [Theory]
    [InlineData(3, MinimumScanLineTime.Ms20)]
    [InlineData(5, MinimumScanLineTime.Ms40)]
    [InlineData(6, MinimumScanLineTime.Ms10)]
    public void Reads_scan_line_codes_a_DCS_may_not_hold_by_their_DIS_meaning(int code, MinimumScanLineTime expected)
    {
        Assert.True(DcsParameters.TryDecode([0x00, 0x02, (byte)(code << 4)], out DcsParameters? dcs, out _));
        Assert.Equal(expected, dcs.MinScanLineTime);
    }

    [Fact]
    public void The_finest_resolution_bit_wins_when_several_are_set()
    {
        Assert.True(DcsParameters.TryDecode([0x00, 0x42, 0x80, 0x80, 0x80, 0x01], out DcsParameters? dcs, out _));
        Assert.Equal(FaxResolution.Superfine, dcs.Resolution);
    }

    private static void AssertRoundTrip(DcsParameters dcs)
    {
        byte[] fif = dcs.Encode();
        Assert.True(DcsParameters.TryDecode(fif, out DcsParameters? again, out CapabilityFieldError error), error.ToString());
        Assert.Equal(dcs, again);
        Assert.Equal(fif, again.Encode());
    }
}
