namespace Faxgate.Sip.UserAgent;

public enum CallState
{
    /// <summary>Inbound: the INVITE arrived and waits for the router's accept or reject.</summary>
    Offered,

    /// <summary>Outbound: the INVITE is out, no final response yet.</summary>
    Calling,

    /// <summary>Inbound: our 2xx is out and retransmitted until the ACK comes.</summary>
    Answering,

    /// <summary>The dialog is confirmed: media may flow, re-INVITEs may come and go.</summary>
    Established,

    /// <summary>The call is over; <see cref="SipCall.Outcome"/> says how.</summary>
    Ended,
}
