namespace Faxgate.TestSupport.SpanDsp;

/// <summary>How a <see cref="SpanDspT38Terminal"/> is set up; the defaults offer everything 0.0.6 can do.</summary>
public sealed record SpanDspT38Options
{
    /// <summary>Offer (and use) T.30 error correction mode.</summary>
    public bool Ecm { get; init; } = true;

    public SpanDspCompressions Compressions { get; init; } = SpanDspCompressions.All;

    public SpanDspModems Modems { get; init; } = SpanDspModems.All;

    /// <summary>Every width and length, so B4 and A3 pages are accepted.</summary>
    public SpanDspImageSizes ImageSizes { get; init; } = SpanDspImageSizes.All;

    /// <summary>Every resolution, so superfine, 300 and 400 dpi pages are accepted.</summary>
    public SpanDspResolutions Resolutions { get; init; } = SpanDspResolutions.All;

    /// <summary>TSI/CSI, at most 20 characters; null leaves it empty.</summary>
    public string? LocalIdent { get; init; } = "SpanDSP";

    /// <summary>SUB sent by a caller; null sends none.</summary>
    public string? SubAddress { get; init; }

    /// <summary>The T.38 version emulated (0 to 3).</summary>
    public int T38Version { get; init; }

    /// <summary>
    /// Data rate management. SpanDSP 0.0.6 only uses it in its gateway: its terminal always sends
    /// TCF as non-ECM data and judges the TCF it receives, whichever method is set.
    /// </summary>
    public T38RateManagement RateManagement { get; init; } = T38RateManagement.TransferredTcf;

    /// <summary>T38FaxMaxDatagram: the largest IFP packet the far end accepts.</summary>
    public int MaxDatagram { get; init; } = 400;

    /// <summary>T38MaxBitRate in bit/s.</summary>
    public int FastestImageDataRate { get; init; } = 14400;

    /// <summary>Optional T38_TERMINAL_OPTION_* bits; null keeps SpanDSP's default.</summary>
    public SpanDspTerminalConfig? Config { get; init; }

    /// <summary>Allow for talker echo protection tone when sending.</summary>
    public bool Tep { get; init; }

    /// <summary>Copies of each packet per category (t38_set_redundancy_control); null keeps SpanDSP's defaults.</summary>
    public IReadOnlyDictionary<T38PacketCategory, int>? Redundancy { get; init; }

    /// <summary>Minimum scan line time in ms the receiver asks for; null keeps SpanDSP's default.</summary>
    public int? MinimumScanLineTime { get; init; }

    /// <summary>The level of the messages kept in <see cref="SpanDspT38Terminal.Log"/>.</summary>
    public SpanDspLogLevel LogLevel { get; init; } = SpanDspLogLevel.Flow;
}

/// <summary>
/// SpanDSP's <c>t30_stats_t</c> after a call, field by field. Resolutions are in pixels per metre;
/// <see cref="Encoding"/> is a T4_COMPRESSION_* value (1 = MH, 2 = MR, 3 = MMR in 0.0.6).
/// </summary>
public sealed record SpanDspStatistics(
    int BitRate,
    bool ErrorCorrectingMode,
    int PagesTransmitted,
    int PagesReceived,
    int PagesInFile,
    int XResolution,
    int YResolution,
    int Width,
    int Length,
    int ImageSize,
    int Encoding,
    int BadRows,
    int LongestBadRowRun,
    int EcmRetries,
    int CurrentStatus)
{
    internal static SpanDspStatistics From(in SpanDspNative.T30Stats s) => new(
        s.BitRate,
        s.ErrorCorrectingMode != 0,
        s.PagesTx,
        s.PagesRx,
        s.PagesInFile,
        s.XResolution,
        s.YResolution,
        s.Width,
        s.Length,
        s.ImageSize,
        s.Encoding,
        s.BadRows,
        s.LongestBadRowRun,
        s.ErrorCorrectingModeRetries,
        s.CurrentStatus);
}

/// <summary>One IFP packet a terminal handed to its transport, at <see cref="Sample"/> (8 kHz) of its clock.</summary>
public sealed record SpanDspIfp(byte[] Ifp, int Count, long Sample);

/// <summary>A T.30 frame as SpanDSP saw it (real-time frame handler): address, control, FCF and info, without the FCS.</summary>
public sealed record SpanDspFrame(bool Incoming, byte[] Frame, long Sample);
