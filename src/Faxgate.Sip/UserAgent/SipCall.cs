using Faxgate.Sip.Auth;
using Faxgate.Sip.Dialogs;
using Faxgate.Sip.Messages;
using Faxgate.Sip.Sdp;
using Faxgate.Sip.Transactions;
using Faxgate.Sip.Transport;

namespace Faxgate.Sip.UserAgent;

/// <summary>
/// One call as the user agent sees it: its dialog, the offer/answer state, and the timers that keep it honest (2xx
/// retransmission, ring timeout, T.38 re-INVITE, glare retry, watchdog). The adapter reads it; the user agent changes it.
/// </summary>
public sealed class SipCall
{
    internal SipCall(CallDirection direction, string callId, SipEndPoint peer, TimeSpan started)
    {
        Direction = direction;
        CallId = callId;
        Peer = peer;
        Started = started;
    }

    public CallDirection Direction { get; }

    public string CallId { get; }

    /// <summary>Where the call's signalling goes: the source of the INVITE, or the trunk we called through.</summary>
    public SipEndPoint Peer { get; internal set; }

    public TimeSpan Started { get; }

    public CallState State { get; internal set; }

    /// <summary>The INVITE that started the call (ours or the far end's).</summary>
    public SipRequest? Invite { get; internal set; }

    /// <summary>Inbound: the dialled number as the Request-URI's user part (or the To user when the Request-URI has none).</summary>
    public string? DialledUser { get; internal set; }

    /// <summary>The caller: From of the INVITE.</summary>
    public NameAddress? Caller { get; internal set; }

    /// <summary>The far end's offer in the INVITE, when it had one.</summary>
    public SessionDescription? RemoteOffer { get; internal set; }

    public Dialog? Dialog { get; internal set; }

    /// <summary>The T.38 parameters in force, once agreed.</summary>
    public NegotiatedT38? T38 { get; internal set; }

    public NegotiatedAudio? Audio { get; internal set; }

    public CallOutcome? Outcome { get; internal set; }

    internal LocalMedia? Media { get; set; }

    /// <summary>The description we last sent (offer or answer): what a session refresh gets again.</summary>
    internal SessionDescription? LocalDescription { get; set; }

    internal ServerTransaction? InviteServer { get; set; }

    internal ClientTransaction? InviteClient { get; set; }

    internal string? LocalTag { get; set; }

    internal SipResponse? Pending2xx { get; set; }

    /// <summary>Our 2xx to the initial INVITE, for a late retransmission of that INVITE.</summary>
    internal SipResponse? Answer2xx { get; set; }

    internal Transport.SipEndPoint Pending2xxTo { get; set; }

    internal TimeSpan Retransmit2xxAt { get; set; }

    internal TimeSpan Retransmit2xxInterval { get; set; }

    internal TimeSpan? AckDeadline { get; set; }

    internal TimeSpan? RingDeadline { get; set; }

    internal TimeSpan? ReinviteAt { get; set; }

    internal TimeSpan WatchdogAt { get; set; }

    /// <summary>Our re-INVITE in progress (a new one from the far end meanwhile gets 491).</summary>
    internal ClientTransaction? Reinvite { get; set; }

    internal SessionDescription? ReinviteOffer { get; set; }

    /// <summary>A far end re-INVITE we answered with 2xx, waiting for its ACK (another meanwhile gets 500).</summary>
    internal SipResponse? ReinviteAnswered { get; set; }

    internal CallRequest? Request { get; set; }

    internal DigestClient? Digest { get; set; }

    internal int ChallengesAnswered { get; set; }

    internal bool Cancelling { get; set; }

    internal SipRequest? Ack { get; set; }

    internal List<TransactionKey> Transactions { get; } = [];

    public override string ToString() => $"{Direction} call {CallId} ({State})";
}
