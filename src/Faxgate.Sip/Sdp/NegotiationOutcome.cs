namespace Faxgate.Sip.Sdp;

/// <summary>What a far end's answer did to our offer.</summary>
public enum NegotiationOutcome
{
    /// <summary>Every offered kind of stream we care about was accepted.</summary>
    Accepted = 0,

    /// <summary>We offered T.38 and the answer rejected it (port 0 or another stream in its place): "T.38 refused".</summary>
    T38Refused,

    /// <summary>No stream accepted at all.</summary>
    NoCommonMedia,

    /// <summary>The answer does not answer the offer (another number of m= lines, RFC 3264 6).</summary>
    InvalidAnswer,
}
