namespace Faxgate.Sip.Auth;

/// <summary>Limits the challenge parser keeps to, checked before anything is copied.</summary>
public sealed record DigestLimits
{
    /// <summary>Longest header value, in characters.</summary>
    public int MaxLength { get; init; } = 8192;

    /// <summary>Longest parameter value (a nonce, a realm), in characters.</summary>
    public int MaxValueLength { get; init; } = 1024;

    /// <summary>Most parameters, over all challenges of one value.</summary>
    public int MaxParameters { get; init; } = 64;

    public static DigestLimits Default { get; } = new();
}
