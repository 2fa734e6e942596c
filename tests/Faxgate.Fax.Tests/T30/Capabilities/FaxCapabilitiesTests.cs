using Faxgate.Fax.T30.Capabilities;
using Faxgate.Imaging.Coding;

namespace Faxgate.Fax.Tests.T30.Capabilities;

public sealed class FaxCapabilitiesTests
{
    internal static readonly FaxCapabilities Full = new()
    {
        Modems = ModemSet.All,
        CanReceive = true,
        SupportsMr = true,
        SupportsMmr = true,
        SupportsEcm = true,
        Resolutions = ResolutionSupport.All,
        MaxWidth = FaxWidth.A3,
        MaxLength = FaxLength.Unlimited,
        ScanLineTime = ScanLineTimeCapability.Ms0,
    };

    [Fact]
    public void Decodes_the_DIS_of_a_real_station()
    {
        // Received over T.38 from a carrier's gateway: FF 13 80 | 00 6E B8 00.
        Assert.True(FaxCapabilities.TryDecode(Convert.FromHexString("006EB800"), out FaxCapabilities? dis, out _));

        Assert.Equal(ModemSet.All, dis.Modems);
        Assert.True(dis.CanReceive);
        Assert.False(dis.ReadyToTransmit);
        Assert.Equal(ResolutionSupport.Fine, dis.Resolutions);
        Assert.False(dis.SupportsMr);
        Assert.False(dis.SupportsEcm);
        Assert.False(dis.Supports(CodingScheme.Mmr));
        Assert.Equal(FaxWidth.A4, dis.MaxWidth);
        Assert.Equal(FaxLength.Unlimited, dis.MaxLength);
        Assert.Equal(ScanLineTimeCapability.Ms20FineHalved, dis.ScanLineTime);
        Assert.True(dis.OtherBits.IsEmpty);
        Assert.Equal(Convert.FromHexString("006E38"), dis.EncodeDis());
    }

    [Fact]
    public void Encodes_a_full_G3_receiver_as_pinned_octets()
    {
        // Bits 10, 11, 12, 14, 15, 16 | 18, 20, 21-23, ext | 27, 31, ext | ext | 41, 42, 43.
        Assert.Equal("00EEFAC48007", Convert.ToHexString(Full.EncodeDis()));
    }

    public static TheoryData<ModemSet> Modems => [ModemSet.None, ModemSet.V27ter, ModemSet.V29, ModemSet.V27ter | ModemSet.V29, ModemSet.All];

    [Theory]
    [MemberData(nameof(Modems))]
    public void Round_trips_every_modem_code(ModemSet modems)
    {
        AssertRoundTrip(new FaxCapabilities { Modems = modems });
    }

    [Theory]
    [InlineData(ModemSet.None, 0b0000)]
    [InlineData(ModemSet.V29, 0b0001)]
    [InlineData(ModemSet.V27ter, 0b0010)]
    [InlineData(ModemSet.V27ter | ModemSet.V29, 0b0011)]
    [InlineData(ModemSet.All, 0b1011)]
    public void Modem_codes_are_those_of_Table_2(ModemSet modems, int code)
    {
        byte[] fif = new FaxCapabilities { Modems = modems }.EncodeDis();
        Assert.Equal(code, (fif[1] >> 2) & 0x0F);
    }

    [Theory]
    [InlineData(ModemSet.V17)]
    [InlineData(ModemSet.V17 | ModemSet.V29)]
    public void Refuses_to_encode_modem_sets_without_a_code_point(ModemSet modems)
    {
        Assert.Throws<InvalidOperationException>(() => new FaxCapabilities { Modems = modems }.EncodeDis());
    }

    [Fact]
    public void Reads_old_V33_code_points_as_their_other_modems_and_keeps_bit_13()
    {
        // 1111: V.27 ter, V.29, V.33 and V.17 in the 1993 table.
        Assert.True(FaxCapabilities.TryDecode([0x00, 0x3C, 0x00], out FaxCapabilities? dis, out _));

        Assert.Equal(ModemSet.All, dis.Modems);
        Assert.Equal([13], dis.OtherBits.SetBits());
        Assert.Equal([0x00, 0x3C, 0x00], dis.EncodeDis());
    }

    [Theory]
    [InlineData(FaxWidth.A4)]
    [InlineData(FaxWidth.B4)]
    [InlineData(FaxWidth.A3)]
    public void Round_trips_every_width(FaxWidth width) => AssertRoundTrip(new FaxCapabilities { MaxWidth = width });

    [Theory]
    [InlineData(FaxLength.A4)]
    [InlineData(FaxLength.B4)]
    [InlineData(FaxLength.Unlimited)]
    public void Round_trips_every_length(FaxLength length) => AssertRoundTrip(new FaxCapabilities { MaxLength = length });

    [Fact]
    public void Round_trips_every_scan_line_time_with_and_without_bit_46()
    {
        foreach (ScanLineTimeCapability time in Enum.GetValues<ScanLineTimeCapability>())
        {
            AssertRoundTrip(new FaxCapabilities { ScanLineTime = time });
            AssertRoundTrip(new FaxCapabilities { ScanLineTime = time, SuperfineHalvesScanLineTime = true });
        }
    }

    [Fact]
    public void Round_trips_every_resolution_combination()
    {
        for (int flags = 0; flags <= (int)ResolutionSupport.All; flags++)
        {
            AssertRoundTrip(new FaxCapabilities { Resolutions = (ResolutionSupport)flags });
        }
    }

    [Fact]
    public void Round_trips_each_flag_alone()
    {
        FaxCapabilities[] each =
        [
            new() { CanReceive = true }, new() { ReadyToTransmit = true }, new() { SupportsMr = true },
            new() { SupportsMmr = true }, new() { SupportsEcm = true }, new() { Prefers64OctetFrames = true },
            new() { PrefersInchResolution = true }, new() { PrefersMetricResolution = true },
            new() { SuperfineHalvesScanLineTime = true }, new() { Subaddressing = true }, new() { Password = true },
            new() { SelectivePolling = true }, new() { PolledSubaddressing = true },
        ];
        foreach (FaxCapabilities capabilities in each)
        {
            AssertRoundTrip(capabilities);
        }
    }

    [Theory]
    [InlineData(7, 1)]
    [InlineData(9, 2)]
    [InlineData(27, 4)]
    [InlineData(31, 4)]
    [InlineData(35, 5)]
    [InlineData(47, 6)]
    [InlineData(49, 7)]
    [InlineData(50, 7)]
    public void Named_bits_sit_where_Table_2_puts_them(int bit, int octets)
    {
        var named = new FaxCapabilities
        {
            Prefers64OctetFrames = bit == 7,
            ReadyToTransmit = bit == 9,
            SupportsEcm = bit == 27,
            SupportsMmr = bit == 31,
            PolledSubaddressing = bit == 35,
            SelectivePolling = bit == 47,
            Subaddressing = bit == 49,
            Password = bit == 50,
        };
        byte[] fif = named.EncodeDis();

        Assert.Equal(Math.Max(3, octets), fif.Length);
        Assert.True(CapabilityBits.TryRead(fif, out CapabilityBits bits, out _));
        Assert.Equal([bit], bits.SetBits());
    }

    [Fact]
    public void Keeps_bits_it_does_not_name_and_encodes_them_again()
    {
        CapabilityBits other = default(CapabilityBits).With(3, true).With(33, true).With(123, true);
        var dis = new FaxCapabilities { CanReceive = true, Modems = ModemSet.All, OtherBits = other };

        byte[] fif = dis.EncodeDis();
        Assert.Equal(16, fif.Length);
        Assert.True(FaxCapabilities.TryDecode(fif, out FaxCapabilities? again, out _));
        Assert.Equal(dis, again);
        Assert.Equal(other, again.OtherBits);
    }

    [Fact]
    public void Named_bits_in_OtherBits_do_not_leak_into_the_encoding()
    {
        var dis = new FaxCapabilities { OtherBits = default(CapabilityBits).With(27, true).With(10, true) };

        Assert.Equal(new byte[3], dis.EncodeDis());
    }

    [Fact]
    public void Garbage_after_the_last_octet_and_a_short_extension_chain_are_tolerated()
    {
        Assert.True(FaxCapabilities.TryDecode([0x00, 0x6E, 0x38, 0xFF, 0xFF], out FaxCapabilities? garbage, out _));
        Assert.False(garbage.SupportsEcm);
        Assert.True(garbage.OtherBits.IsEmpty);

        Assert.True(FaxCapabilities.TryDecode([0x00, 0x6E, 0xB8], out FaxCapabilities? truncated, out _));
        Assert.Equal(ModemSet.All, truncated.Modems);
    }

    [Fact]
    public void Invalid_width_and_length_codes_read_as_the_widest_and_longest()
    {
        Assert.True(FaxCapabilities.TryDecode([0x00, 0x00, 0x0F], out FaxCapabilities? dis, out _));

        Assert.Equal(FaxWidth.A3, dis.MaxWidth);
        Assert.Equal(FaxLength.Unlimited, dis.MaxLength);
    }

    [Fact]
    public void MMR_counts_only_with_ECM()
    {
        Assert.False(new FaxCapabilities { SupportsMmr = true }.Supports(CodingScheme.Mmr));
        Assert.True(new FaxCapabilities { SupportsMmr = true, SupportsEcm = true }.Supports(CodingScheme.Mmr));
        Assert.True(new FaxCapabilities().Supports(CodingScheme.Mh));
    }

    [Fact]
    public void A_metric_resolution_and_its_inch_twin_share_a_bit()
    {
        var fine = new FaxCapabilities { Resolutions = ResolutionSupport.Fine };

        Assert.True(fine.Accepts(FaxResolution.Fine));
        Assert.True(fine.Accepts(FaxResolution.Dpi200x200));
        Assert.True(fine.Accepts(FaxResolution.Standard));
        Assert.True(fine.Accepts(FaxResolution.Dpi200x100));
        Assert.False(fine.Accepts(FaxResolution.Superfine));
        Assert.False(fine.Accepts(FaxResolution.Dpi300x300));
    }

    private static void AssertRoundTrip(FaxCapabilities capabilities)
    {
        byte[] fif = capabilities.EncodeDis();
        Assert.True(fif.Length >= 3);
        Assert.True(FaxCapabilities.TryDecode(fif, out FaxCapabilities? again, out CapabilityFieldError error), error.ToString());
        Assert.Equal(capabilities, again);
        Assert.Equal(fif, again.EncodeDis());
    }
}
