namespace Faxgate.TestSupport.SpanDsp;

/// <summary>T30_SUPPORT_V27TER and friends (t30.h): the image modems a terminal offers.</summary>
[Flags]
public enum SpanDspModems
{
    None = 0,
    V27ter = 0x01,
    V29 = 0x02,
    V17 = 0x04,
    All = V27ter | V29 | V17,
}

/// <summary>T30_SUPPORT_*_COMPRESSION (t30.h): the codings a terminal offers; 0.0.6 codes T.4 and T.6 only.</summary>
[Flags]
public enum SpanDspCompressions
{
    None = 0,
    Mh = 0x02,
    Mr = 0x04,
    Mmr = 0x08,
    All = Mh | Mr | Mmr,
}

/// <summary>T30_SUPPORT_*_RESOLUTION (t30.h).</summary>
[Flags]
public enum SpanDspResolutions
{
    None = 0,
    Standard = 0x01,
    Fine = 0x02,
    Superfine = 0x04,
    R4 = 0x10000,
    R8 = 0x20000,
    R16 = 0x40000,
    Dpi300 = 0x100000,
    Dpi400 = 0x200000,
    Dpi600 = 0x400000,
    Dpi1200 = 0x800000,
    Dpi300x600 = 0x1000000,
    Dpi400x800 = 0x2000000,
    Dpi600x1200 = 0x4000000,

    /// <summary>Everything a bilevel T.4/T.6 page may use.</summary>
    All = Standard | Fine | Superfine | R4 | R8 | R16 | Dpi300 | Dpi400 | Dpi600 | Dpi1200 | Dpi300x600 | Dpi400x800 | Dpi600x1200,
}

/// <summary>T30_SUPPORT_*_WIDTH and *_LENGTH (t30.h).</summary>
[Flags]
public enum SpanDspImageSizes
{
    None = 0,
    Width215Mm = 0x01,
    Width255Mm = 0x02,
    Width303Mm = 0x04,
    UnlimitedLength = 0x10000,
    A4Length = 0x20000,
    B4Length = 0x40000,
    UsLetterLength = 0x80000,
    UsLegalLength = 0x100000,
    All = Width215Mm | Width255Mm | Width303Mm | UnlimitedLength | A4Length | B4Length | UsLetterLength | UsLegalLength,
}

/// <summary>T38_TERMINAL_OPTION_* (t38_terminal.h).</summary>
[Flags]
public enum SpanDspTerminalConfig
{
    None = 0,
    NoPacing = 0x01,
    RegularIndicators = 0x02,
    TwoSecondRepeatingIndicators = 0x04,
    NoIndicators = 0x08,
}

/// <summary>T.38 data rate management (T.38 clause 5.2.1; T38_DATA_RATE_MANAGEMENT_* in t38_core.h).</summary>
public enum T38RateManagement
{
    /// <summary>The receiving gateway makes TCF itself; TCF is not carried in IFP.</summary>
    LocalTcf = 1,

    /// <summary>TCF travels end to end as non-ECM data.</summary>
    TransferredTcf = 2,
}

/// <summary>T38_PACKET_CATEGORY_* (t38_core.h), for <c>t38_set_redundancy_control</c>.</summary>
public enum T38PacketCategory
{
    Indicator = 0,
    ControlData = 1,
    ControlDataEnd = 2,
    ImageData = 3,
    ImageDataEnd = 4,
}

/// <summary>SPAN_LOG_* severities (logging.h); a state logs messages at or below its level.</summary>
public enum SpanDspLogLevel
{
    None = 0,
    Error = 1,
    Warning = 2,
    ProtocolError = 3,
    ProtocolWarning = 4,
    Flow = 5,
    Flow2 = 6,
    Flow3 = 7,
    Debug = 8,
    Debug2 = 9,
    Debug3 = 10,
}
