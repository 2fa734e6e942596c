namespace Faxgate.Sip.UserAgent;

/// <summary>Why a call ended, as the fax flows act on it (retry later, give up, report to the sender).</summary>
public enum CallEndReason
{
    /// <summary>We hung up (after Phase E, or on request).</summary>
    LocalHangup,

    /// <summary>The far end sent BYE.</summary>
    RemoteHangup,

    /// <summary>486 Busy Here or 600 Busy Everywhere.</summary>
    Busy,

    /// <summary>Nobody answered before the ring timeout, or 408/480 from the far end.</summary>
    NoAnswer,

    /// <summary>The network could not take the call (500, 502, 503, 504).</summary>
    Congestion,

    /// <summary>The number does not exist (404, 484, 604).</summary>
    NotFound,

    /// <summary>The trunk refused us (403, or credentials it did not accept).</summary>
    Forbidden,

    /// <summary>401/407 that our credentials could not answer.</summary>
    AuthenticationFailed,

    /// <summary>A 3xx: the far end pointed elsewhere (the contact is in the reason).</summary>
    Redirected,

    /// <summary>Any other final refusal of the INVITE.</summary>
    Rejected,

    /// <summary>The call was cancelled before it was answered (CANCEL, 487).</summary>
    Cancelled,

    /// <summary>The far end refused T.38 (415, 488 or 606 to the T.38 offer, or the image stream rejected).</summary>
    T38Refused,

    /// <summary>No common media in the first offer/answer (488 to the INVITE, or an unusable answer).</summary>
    NoCommonMedia,

    /// <summary>Our 2xx was never acknowledged (RFC 3261 13.3.1.4).</summary>
    AckTimeout,

    /// <summary>A request of the call got no response at all (timer B or F).</summary>
    Timeout,

    /// <summary>The transport could not deliver a request of the call.</summary>
    TransportError,

    /// <summary>The call outlived its configured maximum and was ended.</summary>
    Watchdog,

    /// <summary>The inbound call was refused before answering (404, 480, 403, 503...).</summary>
    Refused,

    /// <summary>The user agent is shutting down.</summary>
    Shutdown,
}
