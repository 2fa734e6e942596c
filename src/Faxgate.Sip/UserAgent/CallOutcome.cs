namespace Faxgate.Sip.UserAgent;

/// <summary>How a call ended: a typed reason, the SIP status that said so (when one did), and words for people.</summary>
public sealed record CallOutcome(CallEndReason Reason, int? StatusCode, string Description)
{
    /// <summary>The outcome of a final response to our INVITE (RFC 3261 21.3-21.6, as carriers use them).</summary>
    public static CallOutcome ForFinalResponse(int status, string reasonPhrase)
    {
        CallEndReason reason = status switch
        {
            >= 300 and < 400 => CallEndReason.Redirected,
            486 or 600 => CallEndReason.Busy,
            408 or 480 => CallEndReason.NoAnswer,
            404 or 484 or 604 => CallEndReason.NotFound,
            403 => CallEndReason.Forbidden,
            401 or 407 => CallEndReason.AuthenticationFailed,
            487 => CallEndReason.Cancelled,
            488 or 606 or 415 => CallEndReason.NoCommonMedia,
            500 or 502 or 503 or 504 => CallEndReason.Congestion,
            _ => CallEndReason.Rejected,
        };
        return new CallOutcome(reason, status, $"{status} {reasonPhrase}".TrimEnd());
    }

    public override string ToString() => StatusCode is { } status ? $"{Reason} ({Description})" : $"{Reason}: {Description}";
}
