using Faxgate.Fax.T30.Capabilities;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;

namespace Faxgate.Fax.Tests.T30.Capabilities;

public sealed class ModeSelectionTests
{
    private static readonly FaxCapabilities Local = FaxCapabilitiesTests.Full;

    private static readonly FaxCapabilities Plain = new()
    {
        Modems = ModemSet.All,
        CanReceive = true,
        Resolutions = ResolutionSupport.Fine,
        ScanLineTime = ScanLineTimeCapability.Ms20FineHalved,
    };

    private static readonly PageRequirement FineA4 = new(1728, PageResolution.Fine, 2200);

    [Fact]
    public void Two_full_stations_use_V17_14400_ECM_and_MMR()
    {
        ModeDecision.Chosen chosen = Choose(Local, Local, FineA4);

        Assert.Equal(SignallingRate.V17At14400, chosen.Dcs.Rate);
        Assert.True(chosen.Dcs.Ecm);
        Assert.Equal(CodingScheme.Mmr, chosen.Dcs.Compression);
        Assert.Equal(FaxResolution.Fine, chosen.Dcs.Resolution);
        Assert.Equal(FaxWidth.A4, chosen.Dcs.Width);
        Assert.Equal(FaxLength.Unlimited, chosen.Dcs.Length);
        Assert.Equal(MinimumScanLineTime.Ms0, chosen.Dcs.MinScanLineTime);
        Assert.True(chosen.Dcs.ReceiveFax);
        Assert.False(chosen.MustResample || chosen.MustReduceWidth || chosen.PageTooLong);
        Assert.Equal(1728, chosen.LinePixels);
        Assert.Equal(0, chosen.MinLineBits);
    }

    [Theory]
    [InlineData(ModemSet.All, ModemSet.All, SignallingRate.V17At14400)]
    [InlineData(ModemSet.All, ModemSet.V27ter | ModemSet.V29, SignallingRate.V29At9600)]
    [InlineData(ModemSet.All, ModemSet.V29, SignallingRate.V29At9600)]
    [InlineData(ModemSet.All, ModemSet.V27ter, SignallingRate.V27ter4800)]
    [InlineData(ModemSet.All, ModemSet.None, SignallingRate.V27ter2400)]
    [InlineData(ModemSet.V27ter | ModemSet.V29, ModemSet.All, SignallingRate.V29At9600)]
    [InlineData(ModemSet.None, ModemSet.V27ter, SignallingRate.V27ter2400)]
    [InlineData(ModemSet.V17, ModemSet.V17, SignallingRate.V17At14400)]
    public void Picks_the_fastest_common_rate(ModemSet local, ModemSet remote, SignallingRate expected)
    {
        Assert.Equal(expected, ModeSelection.FastestCommonRate(local, remote));
        Assert.Equal(expected, Choose(Local with { Modems = local }, Plain with { Modems = remote }, FineA4).Dcs.Rate);
    }

    [Theory]
    [InlineData(ModemSet.V29, ModemSet.V27ter)]
    [InlineData(ModemSet.V29, ModemSet.None)]
    [InlineData(ModemSet.V17, ModemSet.V27ter | ModemSet.V29)]
    public void Without_a_common_modem_the_stations_are_incompatible(ModemSet local, ModemSet remote)
    {
        ModeDecision decision = ModeSelection.Choose(Local with { Modems = local }, Plain with { Modems = remote }, FineA4);

        Assert.Equal(new ModeDecision.Incompatible(IncompatibilityReason.NoCommonModem), decision);
    }

    [Fact]
    public void A_far_end_that_cannot_receive_is_incompatible()
    {
        ModeDecision decision = ModeSelection.Choose(Local, Local with { CanReceive = false, ReadyToTransmit = true }, FineA4);

        Assert.Equal(new ModeDecision.Incompatible(IncompatibilityReason.NotAReceiver), decision);
    }

    [Fact]
    public void Without_ECM_on_the_far_end_MMR_gives_way_to_MR()
    {
        ModeDecision.Chosen chosen = Choose(Local, Plain with { SupportsMr = true, SupportsMmr = true }, FineA4);

        Assert.False(chosen.Dcs.Ecm);
        Assert.Equal(CodingScheme.Mr, chosen.Dcs.Compression);
        Assert.Equal(MinimumScanLineTime.Ms10, chosen.Dcs.MinScanLineTime);
        Assert.Equal(144, chosen.MinLineBits);
    }

    [Fact]
    public void Without_MR_on_either_side_the_coding_is_MH()
    {
        Assert.Equal(CodingScheme.Mh, Choose(Local, Plain, FineA4).Dcs.Compression);
        Assert.Equal(CodingScheme.Mh, Choose(Local with { SupportsMr = false, SupportsEcm = false }, Plain with { SupportsMr = true }, FineA4).Dcs.Compression);
    }

    [Fact]
    public void ECM_without_MMR_on_one_side_uses_MR_with_ECM_and_the_far_end_frame_size()
    {
        ModeDecision.Chosen chosen = Choose(Local, Plain with { SupportsEcm = true, SupportsMr = true, Prefers64OctetFrames = true }, FineA4);

        Assert.True(chosen.Dcs.Ecm);
        Assert.True(chosen.Dcs.Ecm64OctetFrames);
        Assert.Equal(CodingScheme.Mr, chosen.Dcs.Compression);
    }

    [Fact]
    public void A_B4_page_to_an_A4_only_receiver_must_be_reduced()
    {
        ModeDecision.Chosen chosen = Choose(Local, Plain, new PageRequirement(2048, PageResolution.Fine, 2800));

        Assert.Equal(FaxWidth.A4, chosen.Dcs.Width);
        Assert.True(chosen.MustReduceWidth);
        Assert.Equal(1728, chosen.LinePixels);
    }

    [Fact]
    public void A_B4_page_to_a_B4_receiver_keeps_its_width()
    {
        ModeDecision.Chosen chosen = Choose(Local, Plain with { MaxWidth = FaxWidth.A3 }, new PageRequirement(2048, PageResolution.Fine, 2800));

        Assert.Equal(FaxWidth.B4, chosen.Dcs.Width);
        Assert.False(chosen.MustReduceWidth);
    }

    [Fact]
    public void A_page_wider_than_A3_must_be_reduced_even_for_an_A3_receiver()
    {
        ModeDecision.Chosen chosen = Choose(Local, Local, new PageRequirement(3000, PageResolution.Fine, 2200));

        Assert.Equal(FaxWidth.A3, chosen.Dcs.Width);
        Assert.True(chosen.MustReduceWidth);
    }

    [Fact]
    public void A_superfine_page_to_a_fine_only_receiver_is_resampled_to_fine()
    {
        ModeDecision.Chosen chosen = Choose(Local, Plain, new PageRequirement(1728, PageResolution.Superfine, 4400));

        Assert.Equal(FaxResolution.Fine, chosen.Dcs.Resolution);
        Assert.True(chosen.MustResample);
    }

    [Fact]
    public void A_superfine_page_to_a_standard_only_receiver_is_resampled_to_standard()
    {
        ModeDecision.Chosen chosen = Choose(Local, Plain with { Resolutions = ResolutionSupport.None }, new PageRequirement(1728, PageResolution.Superfine, 4400));

        Assert.Equal(FaxResolution.Standard, chosen.Dcs.Resolution);
        Assert.True(chosen.MustResample);
        Assert.Equal(MinimumScanLineTime.Ms20, chosen.Dcs.MinScanLineTime);
    }

    [Fact]
    public void An_inch_page_goes_as_is_where_the_shared_bit_allows_it()
    {
        ModeDecision.Chosen chosen = Choose(Local, Plain, new PageRequirement(1728, PageResolution.Dpi200, 2200));

        Assert.Equal(FaxResolution.Dpi200x200, chosen.Dcs.Resolution);
        Assert.False(chosen.MustResample);
    }

    [Fact]
    public void A_300_dpi_page_to_a_receiver_without_300_falls_to_200_dpi()
    {
        ModeDecision.Chosen chosen = Choose(Local, Plain, new PageRequirement(2592, PageResolution.Dpi300, 3300));

        Assert.Equal(FaxResolution.Dpi200x200, chosen.Dcs.Resolution);
        Assert.True(chosen.MustResample);
        Assert.Equal(FaxWidth.A4, chosen.Dcs.Width);
        Assert.False(chosen.MustReduceWidth);
        Assert.Equal(1728, chosen.LinePixels);
    }

    [Fact]
    public void A_400_dpi_page_prefers_300_over_superfine_when_both_are_offered()
    {
        FaxCapabilities remote = Plain with { Resolutions = ResolutionSupport.Fine | ResolutionSupport.Superfine | ResolutionSupport.Dpi300 };

        ModeDecision.Chosen chosen = Choose(Local, remote, new PageRequirement(3456, PageResolution.Dpi400, 4400));

        Assert.Equal(FaxResolution.Dpi300x300, chosen.Dcs.Resolution);
        Assert.Equal(2592, chosen.LinePixels);
    }

    [Fact]
    public void A_page_at_an_odd_resolution_is_resampled_to_the_best_the_receiver_takes_below_it()
    {
        ModeDecision.Chosen chosen = Choose(Local, Local, new PageRequirement(5100, new PageResolution(600, 600), 6600));

        Assert.Equal(FaxResolution.UltraFine, chosen.Dcs.Resolution);
        Assert.True(chosen.MustResample);
        Assert.Equal(FaxWidth.A4, chosen.Dcs.Width);
    }

    [Fact]
    public void Superfine_halves_the_scan_line_time_again_when_bit_46_says_so()
    {
        FaxCapabilities remote = Plain with { Resolutions = ResolutionSupport.Fine | ResolutionSupport.Superfine };
        var page = new PageRequirement(1728, PageResolution.Superfine, 4400);

        Assert.Equal(MinimumScanLineTime.Ms10, Choose(Local, remote, page).Dcs.MinScanLineTime);
        Assert.Equal(MinimumScanLineTime.Ms5, Choose(Local, remote with { SuperfineHalvesScanLineTime = true }, page).Dcs.MinScanLineTime);
    }

    [Theory]
    [InlineData(FaxLength.A4, 2200, FaxLength.A4, false)]
    [InlineData(FaxLength.A4, 2800, FaxLength.A4, true)]
    [InlineData(FaxLength.B4, 2200, FaxLength.A4, false)]
    [InlineData(FaxLength.B4, 2800, FaxLength.B4, false)]
    [InlineData(FaxLength.B4, 4000, FaxLength.B4, true)]
    [InlineData(FaxLength.Unlimited, 9000, FaxLength.Unlimited, false)]
    public void Length_is_unlimited_where_possible_else_the_shortest_that_fits(FaxLength remoteMax, int lines, FaxLength expected, bool tooLong)
    {
        ModeDecision.Chosen chosen = Choose(Local, Plain with { MaxLength = remoteMax }, new PageRequirement(1728, PageResolution.Fine, lines));

        Assert.Equal(expected, chosen.Dcs.Length);
        Assert.Equal(tooLong, chosen.PageTooLong);
    }

    [Fact]
    public void The_chosen_DCS_encodes_and_decodes_unchanged()
    {
        DcsParameters dcs = Choose(Local, Plain with { SupportsMr = true }, FineA4).Dcs;

        Assert.True(DcsParameters.TryDecode(dcs.Encode(), out DcsParameters? again, out _));
        Assert.Equal(dcs, again);
    }

    [Fact]
    public void A_page_without_size_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => ModeSelection.Choose(Local, Plain, new PageRequirement(0, PageResolution.Fine, 10)));
        Assert.Throws<ArgumentException>(() => ModeSelection.Choose(Local, Plain, new PageRequirement(1728, new PageResolution(0, 0), 10)));
    }

    private static ModeDecision.Chosen Choose(FaxCapabilities local, FaxCapabilities remote, PageRequirement page) =>
        Assert.IsType<ModeDecision.Chosen>(ModeSelection.Choose(local, remote, page));
}
