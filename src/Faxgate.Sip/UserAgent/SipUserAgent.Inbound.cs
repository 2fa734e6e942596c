using System.Globalization;
using Faxgate.Sip.Dialogs;
using Faxgate.Sip.Messages;
using Faxgate.Sip.Sdp;
using Faxgate.Sip.Transactions;
using Faxgate.Sip.Transport;

namespace Faxgate.Sip.UserAgent;

/// <summary>Calls to us: the new INVITE, the router's answer, CANCEL, and the ACK of our 2xx (RFC 3261 13.3).</summary>
public sealed partial class SipUserAgent
{
    /// <summary>Answers an offered call with <paramref name="media"/> (our ports): 200 with the SDP answer, or 488 when nothing in the offer is usable.</summary>
    public void Accept(SipCall call, LocalMedia media, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(media);
        if (call.State != CallState.Offered || call.InviteServer is not { } server || call.Invite is not { } invite)
        {
            throw new InvalidOperationException($"{call} is not waiting for an answer");
        }

        call.Media = media;
        SessionDescription description;
        if (call.RemoteOffer is { } offer)
        {
            SdpAnswer answer = OfferAnswer.Answer(offer, media);
            if (!answer.HasAcceptedMedia)
            {
                server.SendResponse(WithHeader(Response(invite, 488, "Not Acceptable Here", call.LocalTag), SipHeaderNames.Warning, "304 faxgate \"Media type not available\""), now);
                EndCall(call, new CallOutcome(CallEndReason.NoCommonMedia, 488, "no audio or T.38 stream in the offer that Faxgate can take"), now, sendBye: false);
                Drain(now);
                return;
            }

            description = answer.Description;
            call.Audio = answer.Audio;
            call.T38 = answer.T38;
        }
        else
        {
            // An INVITE without an offer: ours goes in the 2xx, the answer comes in the ACK (RFC 3264 and 3261 13.2.1).
            description = OfferAnswer.CreateAudioOffer(media);
        }

        call.LocalDescription = description;
        call.Dialog = Dialog.ForCallee(invite, call.LocalTag!, 0);
        SipResponse ok = WithHeader(Capabilities(Response(invite, 200, "OK", call.LocalTag)), SipHeaderNames.Contact, Contact(invite.RequestUri.User, call.Peer));
        ok = WithSessionTimer(invite, ok);
        ok = WithBody(ok, description);
        server.SendResponse(ok, now);
        call.Pending2xx = ok;
        call.Answer2xx = ok;
        call.Pending2xxTo = ResponseDestination(invite, call.Peer);
        call.State = CallState.Answering;
        call.Retransmit2xxInterval = Options.Timers.T1;
        call.Retransmit2xxAt = now + Options.Timers.T1;
        call.AckDeadline = now + Options.Timers.TransactionTimeout;
        if (call.T38 is not null)
        {
            // The far end may send T.38 as soon as it has our 2xx: the media starts now, not at the ACK.
            _events.Enqueue(new CallMediaChanged(call, call.T38, null));
        }

        Drain(now);
    }

    /// <summary>Refuses an offered call with a final status (404 unknown number, 480 inactive, 403, 503...).</summary>
    public void Reject(SipCall call, int status, string? reason, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 300);
        if (call.State != CallState.Offered || call.InviteServer is not { } server || call.Invite is not { } invite)
        {
            throw new InvalidOperationException($"{call} is not waiting for an answer");
        }

        SipResponse response = Response(invite, status, reason, call.LocalTag);
        if (status == 503)
        {
            response = WithHeader(response, SipHeaderNames.RetryAfter, "30");
        }

        server.SendResponse(response, now);
        EndCall(call, new CallOutcome(CallEndReason.Refused, status, response.ReasonPhrase), now, sendBye: false);
        Drain(now);
    }

    private void HandleNewInvite(SipRequest invite, ServerTransaction server, SipEndPoint source, TimeSpan now)
    {
        if (_calls.TryGetValue(invite.CallId!, out SipCall? existing))
        {
            if (existing.Answer2xx is { } answered && Equals(answered.TopVia, invite.TopVia) && Equals(answered.CSeq, invite.CSeq))
            {
                // The INVITE again after our 2xx ended its transaction (RFC 6026 8): the same 2xx answers it.
                server.SendResponse(answered, now);
                return;
            }

            // Same Call-ID, no To tag, another branch: a loop or a fork we already took (RFC 3261 8.2.2.2).
            server.SendResponse(Response(invite, 482, "Loop Detected"), now);
            return;
        }

        if (_calls.Count >= Options.MaxCalls)
        {
            server.SendResponse(WithHeader(Response(invite, 503, "Service Unavailable"), SipHeaderNames.RetryAfter, "30"), now);
            return;
        }

        if (!invite.Body.IsEmpty && invite.ContentType is { } type && !type.StartsWith(SdpType, StringComparison.OrdinalIgnoreCase))
        {
            server.SendResponse(WithHeader(Response(invite, 415, "Unsupported Media Type"), SipHeaderNames.Accept, SdpType), now); // RFC 4475 3.3.6
            return;
        }

        SessionDescription? offer = SdpOf(invite);
        if (!invite.Body.IsEmpty && offer is null)
        {
            server.SendResponse(Response(invite, 400, "Bad Session Description"), now);
            return;
        }

        var call = new SipCall(CallDirection.Inbound, invite.CallId!, source, now)
        {
            State = CallState.Offered,
            Invite = invite,
            InviteServer = server,
            DialledUser = invite.RequestUri.User ?? invite.To?.Uri.User,
            Caller = invite.From,
            RemoteOffer = offer,
            LocalTag = NewTag(),
            WatchdogAt = now + Options.MaxCallDuration,
        };
        _calls.Add(call.CallId, call);
        _owners[server.Key] = call;
        _events.Enqueue(new IncomingCall(call));
    }

    /// <summary>CANCEL (RFC 3261 9.2): 200 to the CANCEL; 487 to the INVITE if it was not answered yet.</summary>
    private void HandleCancel(SipRequest cancel, ServerTransaction server, TimeSpan now)
    {
        SipCall? call = _calls.Values.FirstOrDefault(c => c.Direction == CallDirection.Inbound && c.Invite is { } invite
            && invite.TopVia?.Branch == cancel.TopVia?.Branch && invite.CallId == cancel.CallId);
        if (call is null)
        {
            server.SendResponse(Response(cancel, 481, "Call/Transaction Does Not Exist"), now);
            return;
        }

        server.SendResponse(Response(cancel, 200, "OK", call.LocalTag), now);
        if (call.State == CallState.Offered)
        {
            call.InviteServer!.SendResponse(Response(call.Invite!, 487, "Request Terminated", call.LocalTag), now);
            EndCall(call, new CallOutcome(CallEndReason.Cancelled, 487, "the caller cancelled"), now, sendBye: false);
        }
    }

    /// <summary>The ACK for a 2xx: it is its own transaction (RFC 3261 13.3.1.4), found by the dialog.</summary>
    private void HandleAck(SipRequest ack, TimeSpan now)
    {
        if (FindDialogCall(ack) is not { } call)
        {
            return;
        }

        if (call.State == CallState.Answering && ack.CSeq?.Number == call.Invite?.CSeq?.Number)
        {
            call.Pending2xx = null;
            call.AckDeadline = null;
            call.State = CallState.Established;
            if (call.RemoteOffer is null && SdpOf(ack) is { } answer && call.LocalDescription is { } offer)
            {
                ApplyAnswer(call, offer, answer, now);
            }

            _events.Enqueue(new CallEstablished(call));
            if (call.T38 is null && call.State == CallState.Established)
            {
                call.ReinviteAt = now + Options.T38ReinviteDelay;
            }
        }
        else if (call.ReinviteAnswered is { } answered && ack.CSeq?.Number == answered.CSeq?.Number)
        {
            call.ReinviteAnswered = null;
            call.Pending2xx = null;
            call.AckDeadline = null;
        }
    }

    /// <summary>RFC 4028: when the caller asks for session timers we grant them and leave the refreshing to the caller.</summary>
    private SipResponse WithSessionTimer(SipRequest invite, SipResponse response)
    {
        if (invite.Headers.Get(SipHeaderNames.SessionExpires) is not { } asked)
        {
            return response;
        }

        int seconds = int.TryParse(asked.Split(';')[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int s) ? s : (int)Options.SessionExpires.TotalSeconds;
        seconds = Math.Min(seconds, (int)Options.SessionExpires.TotalSeconds);
        seconds = Math.Max(seconds, 90);
        response = WithHeader(response, SipHeaderNames.SessionExpires, string.Create(CultureInfo.InvariantCulture, $"{seconds};refresher=uac"));
        bool supported = invite.Headers.GetAll(SipHeaderNames.Supported).Any(v => v.Split(',').Any(t => t.Trim().Equals("timer", StringComparison.OrdinalIgnoreCase)));
        return supported ? WithHeader(response, SipHeaderNames.Require, "timer") : response;
    }

    private SipCall? FindDialogCall(SipMessage message) =>
        message.CallId is { } id && _calls.TryGetValue(id, out SipCall? call) && call.Dialog is { } dialog && dialog.Matches(message) ? call : null;
}
