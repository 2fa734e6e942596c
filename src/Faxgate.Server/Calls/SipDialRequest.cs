using Faxgate.Sip.Messages;
using Faxgate.Sip.Sdp;
using Faxgate.Sip.Transport;
using Faxgate.Sip.UserAgent;

namespace Faxgate.Server.Calls;

/// <summary>One outbound fax call: whom to call and how (the SIP side; the document comes with the T.30 session).</summary>
public sealed record SipDialRequest(SipUri Target)
{
    /// <summary>The user part of From (our caller ID).</summary>
    public string CallerId { get; init; } = "faxgate";

    public DigestCredentialsSource? Credentials { get; init; }

    public TimeSpan RingTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long after the answer we wait for the far end's T.38 re-INVITE before sending ours.</summary>
    public TimeSpan T38ReinviteDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxCallDuration { get; init; } = TimeSpan.FromMinutes(30);

    public T38Preferences T38 { get; init; } = T38Preferences.Default;

    public bool OfferT38First { get; init; }

    public SipTransportOptions Transport { get; init; } = new();
}
