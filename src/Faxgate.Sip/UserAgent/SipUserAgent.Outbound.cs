using Faxgate.Sip.Auth;
using Faxgate.Sip.Dialogs;
using Faxgate.Sip.Messages;
using Faxgate.Sip.Sdp;
using Faxgate.Sip.Transactions;
using Faxgate.Sip.Transport;

namespace Faxgate.Sip.UserAgent;

/// <summary>Calls we place: the INVITE, its responses (RFC 3261 13.2.2), the ACK of the 2xx, CANCEL on ring timeout.</summary>
public sealed partial class SipUserAgent
{
    /// <summary>Places a call: an INVITE with an audio offer (or T.38 with <see cref="CallRequest.OfferT38First"/>).</summary>
    public SipCall PlaceCall(CallRequest request, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(request);
        string callId = _newId();
        var call = new SipCall(CallDirection.Outbound, callId, request.Destination, now)
        {
            State = CallState.Calling,
            Request = request,
            Media = request.Media,
            LocalTag = NewTag(),
            RingDeadline = now + request.RingTimeout,
            WatchdogAt = now + Options.MaxCallDuration,
            Digest = request.Credentials is { } c ? new DigestClient(c.Username, c.Password) : null,
        };
        SessionDescription offer = request.OfferT38First ? OfferAnswer.CreateT38Offer(request.Media) : OfferAnswer.CreateAudioOffer(request.Media);
        call.LocalDescription = offer;
        SipEndPoint local = LocalFor(request.Destination);
        NameAddress to = request.To ?? new NameAddress(request.Target);
        var headers = new List<(string, string)>
        {
            (SipHeaderNames.Via, NewVia(local)),
            (SipHeaderNames.MaxForwards, "70"),
            (SipHeaderNames.From, request.From.WithTag(call.LocalTag).ToString()),
            (SipHeaderNames.To, to.ToString()),
            (SipHeaderNames.CallId, callId),
            (SipHeaderNames.CSeq, "1 INVITE"),
            (SipHeaderNames.Contact, Contact(request.From.Uri.User, request.Destination)),
            (SipHeaderNames.Allow, string.Join(", ", UserAgentOptions.AllowedMethods)),
            (SipHeaderNames.UserAgent, Options.Product),
        };
        SipRequest invite = WithBody(new SipRequest("INVITE", request.Target, new SipHeaders(headers.ToArray())), offer);
        _calls.Add(callId, call);
        call.InviteClient = StartClient(invite, request.Destination, call, now);
        call.Invite = call.InviteClient.Request;
        Drain(now);
        return call;
    }

    private void OnCallResponse(SipCall call, ClientTransaction client, SipResponse response, TransactionEventKind kind, TimeSpan now)
    {
        string method = client.Request.Method;
        if (method == "INVITE" && ReferenceEquals(client, call.InviteClient))
        {
            OnInviteResponse(call, client, response, kind, now);
        }
        else if (method == "INVITE" && ReferenceEquals(client, call.Reinvite))
        {
            OnReinviteResponse(call, client, response, now);
        }

        // BYE and CANCEL responses change nothing: the call ended when we sent them.
    }

    private void OnInviteResponse(SipCall call, ClientTransaction client, SipResponse response, TransactionEventKind kind, TimeSpan now)
    {
        if (call.State == CallState.Ended)
        {
            if (response.StatusCode is >= 200 and < 300)
            {
                // Answered as we gave up (CANCEL crossed the 2xx): acknowledge and hang up at once (RFC 3261 9.1).
                var late = Dialog.ForCaller(client.Request, response);
                SendAck(call, late, client.Request, response);
                SipRequest bye = late.CreateRequest("BYE", DialogHeaders(call, contact: false));
                StartClient(bye, DialogDestination(call, bye), call, now);
            }

            return;
        }

        int status = response.StatusCode;
        if (status < 200)
        {
            if (status is 180 or 183)
            {
                _events.Enqueue(new CallProgress(call, status));
            }

            return;
        }

        if (status is >= 200 and < 300)
        {
            OnInviteAnswered(call, client, response, now);
            return;
        }

        if (status is 401 or 407 && kind == TransactionEventKind.ResponseReceived && !call.Cancelling)
        {
            int rounds = call.ChallengesAnswered;
            SipRequest? again = Authenticate(call.Digest, client.Request, response, client.Request.CSeq!.Number + 1, ref rounds);
            call.ChallengesAnswered = rounds;
            if (again is not null)
            {
                call.InviteClient = StartClient(again, call.Peer, call, now);
                call.Invite = call.InviteClient.Request;
                return;
            }
        }

        CallOutcome outcome = kind switch
        {
            TransactionEventKind.TimedOut => new CallOutcome(CallEndReason.Timeout, 408, "no response to the INVITE"),
            TransactionEventKind.TransportError => new CallOutcome(CallEndReason.TransportError, null, $"cannot reach {call.Peer}"),
            _ when call.Cancelling && status == 487 => new CallOutcome(CallEndReason.NoAnswer, 487, "no answer before the ring timeout"),
            _ => CallOutcome.ForFinalResponse(status, response.ReasonPhrase),
        };
        if (outcome.Reason == CallEndReason.Redirected && response.Contacts.Count > 0)
        {
            outcome = outcome with { Description = $"{outcome.Description}: {response.Contacts[0].Uri}" };
        }

        EndCall(call, outcome, now, sendBye: false);
    }

    private void OnInviteAnswered(SipCall call, ClientTransaction client, SipResponse response, TimeSpan now)
    {
        var dialog = Dialog.ForCaller(client.Request, response);
        call.Dialog = dialog;
        call.RingDeadline = null;
        SendAck(call, dialog, client.Request, response);
        call.State = CallState.Established;
        _events.Enqueue(new CallEstablished(call));
        if (call.Cancelling)
        {
            // CANCEL crossed the 2xx: the call was answered after all, but we no longer want it.
            EndCall(call, new CallOutcome(CallEndReason.NoAnswer, null, "answered after the ring timeout"), now, sendBye: true);
            return;
        }

        if (SdpOf(response) is not { } answer || call.LocalDescription is not { } offer)
        {
            EndCall(call, new CallOutcome(CallEndReason.NoCommonMedia, response.StatusCode, "the 2xx carried no session description"), now, sendBye: true);
            return;
        }

        ApplyAnswer(call, offer, answer, now);
        if (call.State == CallState.Established && call.T38 is null)
        {
            call.ReinviteAt = now + Options.T38ReinviteDelay;
        }
    }

    /// <summary>Reads the far end's answer to our offer; a refusal of every stream (or of T.38 when we offered it) ends the call.</summary>
    private void ApplyAnswer(SipCall call, SessionDescription offer, SessionDescription answer, TimeSpan now)
    {
        SdpNegotiation negotiation = OfferAnswer.ReadAnswer(offer, answer, Options.T38);
        switch (negotiation.Outcome)
        {
            case NegotiationOutcome.Accepted:
                call.Audio = negotiation.Audio;
                if (negotiation.T38 is { } t38 && !Equals(t38, call.T38))
                {
                    // A refresh that agrees the same T.38 again changes nothing for the fax.
                    call.T38 = t38;
                    call.ReinviteAt = null;
                    _events.Enqueue(new CallMediaChanged(call, t38, null));
                }

                break;
            case NegotiationOutcome.T38Refused:
                EndCall(call, new CallOutcome(CallEndReason.T38Refused, null, "the far end rejected the T.38 stream"), now, sendBye: true);
                break;
            default:
                EndCall(call, new CallOutcome(CallEndReason.NoCommonMedia, null, $"the answer is unusable ({negotiation.Outcome})"), now, sendBye: true);
                break;
        }
    }

    /// <summary>The ACK of a 2xx (RFC 3261 13.2.2.4): a request of the dialog with the INVITE's CSeq, sent outside any transaction.</summary>
    private void SendAck(SipCall call, Dialog dialog, SipRequest invite, SipResponse response)
    {
        List<(string, string)> headers = DialogHeaders(call, contact: false);
        foreach (string value in invite.Headers.GetAll(SipHeaderNames.ProxyAuthorization))
        {
            headers.Add((SipHeaderNames.ProxyAuthorization, value));
        }

        SipRequest ack = dialog.CreateRequest("ACK", headers, sequence: response.CSeq!.Number);
        ack = TransactionTable.WithTopBranch(ack, Branches.Random());
        call.Ack = ack;
        Send(ack, DialogDestination(call, ack), call);
    }

    /// <summary>A 2xx after the INVITE transaction ended: a retransmission (our ACK was lost) or a fork's answer.</summary>
    private void HandleStrayResponse(SipResponse response, TimeSpan now)
    {
        if (response.CSeq?.Method != "INVITE" || response.StatusCode is < 200 or >= 300 || response.CallId is not { } id
            || !_calls.TryGetValue(id, out SipCall? call) || call.Direction != CallDirection.Outbound)
        {
            return;
        }

        if (call.Dialog is { } dialog && dialog.Matches(response) && call.Ack is { } ack && ack.CSeq?.Number == response.CSeq.Number)
        {
            Send(ack, DialogDestination(call, ack), call);
            return;
        }

        if (call.Invite is { } invite && call.Dialog is not null)
        {
            // Another fork answered too: acknowledge it and hang it up at once (RFC 3261 13.2.2.4).
            var fork = Dialog.ForCaller(invite, response);
            SipRequest forkAck = TransactionTable.WithTopBranch(fork.CreateRequest("ACK", DialogHeaders(call, contact: false), sequence: response.CSeq.Number), Branches.Random());
            Send(forkAck, DialogDestination(call, forkAck));
            SipRequest bye = fork.CreateRequest("BYE", DialogHeaders(call, contact: false));
            StartClient(bye, DialogDestination(call, bye), null, now);
        }
    }
}
