using Faxgate.Sip.Auth;
using Faxgate.Sip.Messages;
using Faxgate.Sip.Sdp;
using Faxgate.Sip.Transport;

namespace Faxgate.Sip.UserAgent;

/// <summary>An outbound call: whom to call, through which next hop, as whom, with which media.</summary>
public sealed record CallRequest(SipUri Target, SipEndPoint Destination, NameAddress From, LocalMedia Media)
{
    /// <summary>The To header; the target when null.</summary>
    public NameAddress? To { get; init; }

    /// <summary>Offer T.38 straight away instead of audio first (some trunks accept it, most expect audio).</summary>
    public bool OfferT38First { get; init; }

    /// <summary>Credentials for 401/407 challenges; null: a challenge ends the call.</summary>
    public DigestCredentialsSource? Credentials { get; init; }

    /// <summary>How long the far end may ring before we cancel (a "no answer" outcome).</summary>
    public TimeSpan RingTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>A user name and password for digest authentication.</summary>
public sealed record DigestCredentialsSource(string Username, string Password)
{
    public override string ToString() => $"{Username}:***";
}
