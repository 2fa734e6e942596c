namespace Faxgate.Sip.Messages;

/// <summary>Why a request is refused: the status code and reason phrase to answer with, and for 420 the option tags not supported.</summary>
public sealed record SipRejection(int StatusCode, string Reason)
{
    /// <summary>For 420 Bad Extension: the Require option tags to list in Unsupported (RFC 3261 section 8.2.2.3).</summary>
    public IReadOnlyList<string> Unsupported { get; init; } = [];
}
