namespace Faxgate.Sip.Sdp;

/// <summary>Limits the SDP parser keeps to, checked before a line is read.</summary>
public sealed record SdpLimits
{
    /// <summary>Longest body accepted, in bytes (a fax call's SDP is well under 2 KiB).</summary>
    public int MaxLength { get; init; } = 16 * 1024;

    /// <summary>Most lines in one body.</summary>
    public int MaxLines { get; init; } = 256;

    /// <summary>Longest line, in bytes, without its line end.</summary>
    public int MaxLineLength { get; init; } = 1024;

    /// <summary>Most m= lines.</summary>
    public int MaxMedia { get; init; } = 16;

    public static SdpLimits Default { get; } = new();
}
