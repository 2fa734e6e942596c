namespace Faxgate.Sip.Messages;

/// <summary>Limits the SIP parser keeps to, checked before and while parsing, never after.</summary>
public sealed record SipParserLimits
{
    /// <summary>Largest message, header section and body together, in octets.</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024;

    /// <summary>Most header lines (a folded line counts once).</summary>
    public int MaxHeaderCount { get; init; } = 128;

    /// <summary>Longest header line in octets, continuation lines included.</summary>
    public int MaxHeaderLineLength { get; init; } = 8 * 1024;

    /// <summary>Most Via values in one message.</summary>
    public int MaxViaCount { get; init; } = 70;

    /// <summary>Longest body in octets.</summary>
    public int MaxBodyLength { get; init; } = 60 * 1024;

    public static SipParserLimits Default { get; } = new();
}
