using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Ecm;
using Faxgate.Fax.T30.Frames;
using Faxgate.Fax.T30.Session;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.TestSupport;

namespace Faxgate.Fax.Tests.T30.Session;

/// <summary>What the scripted far end says and sends: DIS, DCS, coded pages, ECM partial pages.</summary>
internal static class FarEnd
{
    public const string SenderIdent = "+1 555 0100";
    public const string ReceiverIdent = "+1 555 0200";

    /// <summary>A receiver's DIS: every modem, MR, ECM with MMR when asked, all resolutions, no scan line time.</summary>
    public static FaxCapabilities Receiver(ModemSet modems = ModemSet.All, bool ecm = true, bool subaddressing = true) => new()
    {
        Modems = modems,
        CanReceive = true,
        SupportsMr = true,
        SupportsMmr = ecm,
        SupportsEcm = ecm,
        Resolutions = ResolutionSupport.All,
        PrefersMetricResolution = true,
        MaxWidth = FaxWidth.A3,
        MaxLength = FaxLength.Unlimited,
        ScanLineTime = ScanLineTimeCapability.Ms0,
        Subaddressing = subaddressing,
    };

    /// <summary>CSI then DIS, as a called station sends them.</summary>
    public static byte[][] Dis(SessionScript script, FaxCapabilities? capabilities = null) =>
    [
        script.Frame(FacsimileControlField.Csi, FaxIdentifier.Encode(ReceiverIdent), final: false),
        script.Frame(FacsimileControlField.Dis, (capabilities ?? Receiver()).EncodeDis()),
    ];

    /// <summary>A DCS for an A4 page at standard resolution.</summary>
    public static DcsParameters Dcs(SignallingRate rate = SignallingRate.V17At14400, CodingScheme compression = CodingScheme.Mh, bool ecm = false) => new()
    {
        Rate = rate,
        Compression = compression,
        Ecm = ecm,
        Resolution = FaxResolution.Standard,
        Width = FaxWidth.A4,
        Length = FaxLength.Unlimited,
        MinScanLineTime = MinimumScanLineTime.Ms0,
    };

    /// <summary>TSI, (SUB,) DCS.</summary>
    public static byte[][] DcsFrames(SessionScript script, DcsParameters dcs, string? subAddress = null)
    {
        var frames = new List<byte[]> { script.Frame(FacsimileControlField.Tsi, FaxIdentifier.Encode(SenderIdent), final: false) };
        if (subAddress is not null)
        {
            frames.Add(script.Frame(FacsimileControlField.Sub, FaxIdentifier.Encode(subAddress), final: false));
            dcs = dcs with { SubaddressFollows = true };
        }

        frames.Add(script.Frame(FacsimileControlField.Dcs, dcs.Encode()));
        return [.. frames];
    }

    /// <summary>A small A4 page at standard resolution (the DCS above).</summary>
    public static BilevelPage Page(int seed = 1, int height = 120) =>
        TestPages.Document(1728, height, seed, PageResolution.Standard);

    /// <summary>Random noise at standard resolution: codes to many ECM frames (about 35 kB in MMR for 150 rows).</summary>
    public static BilevelPage NoisePage(int seed = 5, int height = 150, PageResolution? resolution = null) =>
        TestPages.Noise(1728, height, 0.08, seed, resolution ?? PageResolution.Standard);

    /// <summary>A document of small fine-resolution pages for a sending session.</summary>
    public static PageDocument Document(int pages) =>
        new([.. Enumerable.Range(0, pages).Select(i => TestPages.Document(1728, 100, seed: i, PageResolution.Fine))]);

    /// <summary>The page coded as a non-ECM sender sends it: MH with EOLs, ending with RTC, most significant bit first.</summary>
    public static byte[] NonEcmPage(BilevelPage page) =>
        LineEncoder.Encode(page, new EncoderOptions { Scheme = CodingScheme.Mh, EndOfPage = true });

    /// <summary>
    /// An MH page in which the rows <paramref name="bad"/> picks are damaged: coded for half the width, so the
    /// decoder meets the next EOL before the row is complete. Each row is coded on its own with a byte-aligned
    /// EOL; the zero bits between them are fill.
    /// </summary>
    public static byte[] NonEcmPageWithBadRows(BilevelPage page, Func<int, bool> bad)
    {
        var options = new EncoderOptions { Scheme = CodingScheme.Mh, AlignEol = true, EndOfPage = false };
        var data = new List<byte>();
        for (int y = 0; y < page.Height; y++)
        {
            int width = bad(y) ? page.Width / 2 : page.Width;
            var encoder = new LineEncoder(width, options);
            encoder.EncodeRow(page.Row(y));
            data.AddRange(encoder.Finish());
        }

        data.AddRange(new LineEncoder(page.Width, options with { EndOfPage = true }).Finish());
        return [.. data];
    }

    /// <summary>A far-end ECM transmitter for <paramref name="page"/> coded in MMR (frames carry it in line order).</summary>
    public static PartialPageTransmitter EcmPage(BilevelPage page, EcmFrameSize size = EcmFrameSize.Octets256)
    {
        byte[] coded = LineEncoder.Encode(page, new EncoderOptions { Scheme = CodingScheme.Mmr, EndOfLine = false, EndOfPage = true });
        return new PartialPageTransmitter(BitOrder.ReversedCopy(coded), size);
    }

    /// <summary>The frame number of an FCD frame (null for RCP).</summary>
    public static int? FrameNumber(byte[] frame) =>
        frame[2] == (byte)FacsimileControlField.Fcd ? frame[3] : null;
}
