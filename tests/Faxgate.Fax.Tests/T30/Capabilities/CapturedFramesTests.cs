using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Frames;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;

namespace Faxgate.Fax.Tests.T30.Capabilities;

/// <summary>
/// Phase B frames captured from two SpanDSP 0.0.6 T.38 terminals sending an R8 x 15.4 A4 page to each other,
/// without and with ECM (answerer ident "0115550000", caller "+27 11 555 1234").
/// </summary>
public sealed class CapturedFramesTests
{
    private const string Csi = "FF03403030303035353531313020202020202020202020";
    private const string Dis = "FF1380046EF880809180808018";
    private const string DisEcm = "FF1380046EF884809180808018";
    private const string Tsi = "FF034334333231203535352031312037322B2020202020";
    private const string Dcs = "FF13830022F8808001";
    private const string DcsEcm = "FF13830022F8848001";

    [Fact]
    public void Decodes_the_DIS_of_a_reference_implementation_and_encodes_it_back_octet_for_octet()
    {
        FaxCapabilities dis = ParseDis(Dis);

        Assert.Equal(ModemSet.All, dis.Modems);
        Assert.True(dis.CanReceive);
        Assert.Equal(ResolutionSupport.Fine | ResolutionSupport.Superfine, dis.Resolutions);
        Assert.True(dis.PrefersMetricResolution);
        Assert.False(dis.SupportsMr);
        Assert.False(dis.SupportsEcm);
        Assert.Equal(FaxWidth.A4, dis.MaxWidth);
        Assert.Equal(FaxLength.Unlimited, dis.MaxLength);
        Assert.Equal(ScanLineTimeCapability.Ms0, dis.ScanLineTime);
        // T.38 (bit 3), North American letter and legal (76, 77).
        Assert.Equal([3, 76, 77], dis.OtherBits.SetBits());
        Assert.Equal(Convert.FromHexString(Dis)[3..], dis.EncodeDis());

        FaxCapabilities withEcm = ParseDis(DisEcm);
        Assert.True(withEcm.SupportsEcm);
        Assert.Equal(dis with { SupportsEcm = true }, withEcm);
    }

    [Fact]
    public void Decodes_its_DCS_and_encodes_it_back_octet_for_octet()
    {
        DcsParameters dcs = ParseDcs(Dcs);

        Assert.Equal(SignallingRate.V17At14400, dcs.Rate);
        Assert.True(dcs.ReceiveFax);
        Assert.Equal(FaxResolution.Superfine, dcs.Resolution);
        Assert.Equal(CodingScheme.Mh, dcs.Compression);
        Assert.False(dcs.Ecm);
        Assert.Equal(FaxWidth.A4, dcs.Width);
        Assert.Equal(FaxLength.Unlimited, dcs.Length);
        Assert.Equal(MinimumScanLineTime.Ms0, dcs.MinScanLineTime);
        Assert.True(dcs.OtherBits.IsEmpty);
        Assert.Equal(Hex(Dcs)[3..], dcs.Encode());
        Assert.True(ParseDcs(DcsEcm).Ecm);
    }

    [Theory]
    [InlineData(Dis, Dcs, false)]
    [InlineData(DisEcm, DcsEcm, true)]
    public void Mode_selection_answers_its_DIS_with_the_DCS_it_chose_itself(string disHex, string dcsHex, bool ecm)
    {
        FaxCapabilities local = FaxCapabilitiesTests.Full with { SupportsEcm = ecm };
        var page = new PageRequirement(1728, PageResolution.Superfine, 4500);

        var chosen = Assert.IsType<ModeDecision.Chosen>(ModeSelection.Choose(local, ParseDis(disHex), page));

        Assert.Equal(ParseDcs(dcsHex), chosen.Dcs);
        byte[] frame = T30Frame.Build(FacsimileControlField.Dcs, x: true, final: true, chosen.Dcs.Encode());
        Assert.Equal(Hex(dcsHex), frame);
    }

    [Fact]
    public void Identifiers_match_the_captured_CSI_and_TSI()
    {
        Assert.True(T30Frame.TryParse(Hex(Csi), out T30Frame? csi, out _));
        Assert.Equal(FacsimileControlField.Csi, csi.Fcf);
        Assert.Equal("0115550000", FaxIdentifier.Decode(csi.Fif));

        Assert.True(T30Frame.TryParse(Hex(Tsi), out T30Frame? tsi, out _));
        Assert.Equal(FacsimileControlField.Tsi, tsi.Fcf);
        Assert.True(tsi.X);
        Assert.Equal("+27 11 555 1234", FaxIdentifier.Decode(tsi.Fif));
        Assert.Equal(Hex(Tsi), T30Frame.Build(FacsimileControlField.Tsi, true, false, FaxIdentifier.Encode("+27 11 555 1234")));
    }

    private static byte[] Hex(string hex) => Convert.FromHexString(hex);

    private static FaxCapabilities ParseDis(string hex)
    {
        Assert.True(T30Frame.TryParse(Hex(hex), out T30Frame? frame, out _));
        Assert.Equal(FacsimileControlField.Dis, frame.Fcf);
        Assert.True(FaxCapabilities.TryDecode(frame.Fif, out FaxCapabilities? dis, out CapabilityFieldError error), error.ToString());
        return dis;
    }

    private static DcsParameters ParseDcs(string hex)
    {
        Assert.True(T30Frame.TryParse(Hex(hex), out T30Frame? frame, out _));
        Assert.Equal(FacsimileControlField.Dcs, frame.Fcf);
        Assert.True(frame.X);
        Assert.True(DcsParameters.TryDecode(frame.Fif, out DcsParameters? dcs, out CapabilityFieldError error), error.ToString());
        return dcs;
    }
}
