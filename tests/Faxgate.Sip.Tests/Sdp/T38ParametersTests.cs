using Faxgate.Sip.Sdp;

namespace Faxgate.Sip.Tests.Sdp;

public sealed class T38ParametersTests
{
    [Fact]
    public void FreeSwitch_offer_with_bare_flags_reads_every_attribute()
    {
        T38Parameters t38 = Parameters(SdpSamples.FreeSwitchT38Offer);

        Assert.Equal(
            new T38Parameters
            {
                Version = 0,
                MaxBitRate = 14400,
                RateManagement = T38RateManagement.TransferredTcf,
                MaxBuffer = 2000,
                MaxDatagram = 400,
                ErrorCorrection = T38ErrorCorrection.Redundancy,
                FillBitRemoval = true,
                TranscodingMmr = true,
                TranscodingJbig = true,
            },
            t38);
    }

    [Fact]
    public void Flags_with_zero_values_are_off_and_fec_is_read()
    {
        T38Parameters t38 = Parameters(SdpSamples.GatewayT38OfferLf);

        Assert.False(t38.FillBitRemoval);
        Assert.False(t38.TranscodingMmr);
        Assert.False(t38.TranscodingJbig);
        Assert.Equal(9600, t38.MaxBitRate);
        Assert.Equal(200, t38.MaxBuffer);
        Assert.Equal(320, t38.MaxDatagram);
        Assert.Equal(T38ErrorCorrection.Fec, t38.ErrorCorrection);
    }

    [Fact]
    public void Lower_case_names_odd_value_case_and_spaces_in_numbers_are_accepted()
    {
        SessionDescription sdp = SessionDescription.Parse(SdpSamples.AtaAudioAndImageOffer);
        T38Parameters t38 = T38Parameters.FromAttributes(sdp.Media[1].Attributes);

        Assert.Equal(3, t38.Version);
        Assert.Equal(14400, t38.MaxBitRate);
        Assert.Equal(512, t38.MaxDatagram);
        Assert.Equal(T38RateManagement.TransferredTcf, t38.RateManagement);
        Assert.Equal(T38ErrorCorrection.Redundancy, t38.ErrorCorrection);
    }

    [Fact]
    public void Missing_attributes_mean_version_0_and_nothing_else_stated()
    {
        T38Parameters t38 = Parameters(SdpSamples.MinimalT38);

        Assert.Equal(new T38Parameters(), t38);
        Assert.Null(t38.MaxDatagram);
        Assert.Null(t38.ErrorCorrection);
    }

    [Theory]
    [InlineData("T38FaxVersion 2", 2, null)]
    [InlineData("T38FaxMaxDatagram:1 472", 0, 1472)]
    [InlineData("T38FaxMaxDatagram:\t400\t", 0, 400)]
    [InlineData("T38FaxMaxDatagram:large", 0, null)]
    [InlineData("T38FaxVersion:99999999999", 0, null)]
    public void Odd_field_spellings_read_what_they_can(string line, int version, int? datagram)
    {
        T38Parameters t38 = T38Parameters.FromAttributes([Attribute(line)]);

        Assert.Equal(version, t38.Version);
        Assert.Equal(datagram, t38.MaxDatagram);
    }

    [Fact]
    public void Attributes_round_trip_in_annex_d_spelling()
    {
        var t38 = new T38Parameters
        {
            Version = 1,
            MaxBitRate = 9600,
            RateManagement = T38RateManagement.LocalTcf,
            MaxBuffer = 1024,
            MaxDatagram = 272,
            ErrorCorrection = T38ErrorCorrection.None,
            FillBitRemoval = true,
        };

        IReadOnlyList<SdpAttributeLine> lines = t38.ToAttributes();

        Assert.Equal(
            ["T38FaxVersion:1", "T38MaxBitRate:9600", "T38FaxFillBitRemoval", "T38FaxRateManagement:localTCF", "T38FaxMaxBuffer:1024", "T38FaxMaxDatagram:272", "T38FaxUdpEC:t38UDPNoEC"],
            lines.Select(l => l.ToString()));
        Assert.Equal(t38, T38Parameters.FromAttributes(lines));
    }

    private static T38Parameters Parameters(string sdp) => T38Parameters.FromAttributes(SessionDescription.Parse(sdp).Media[0].Attributes);

    private static SdpAttributeLine Attribute(string line)
    {
        int colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? new SdpAttributeLine(line) : new SdpAttributeLine(line[..colon], line[(colon + 1)..]);
    }
}
