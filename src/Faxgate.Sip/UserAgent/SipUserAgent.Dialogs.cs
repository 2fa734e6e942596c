using Faxgate.Sip.Messages;
using Faxgate.Sip.Sdp;
using Faxgate.Sip.Transactions;

namespace Faxgate.Sip.UserAgent;

/// <summary>
/// Requests within a call's dialog: BYE, the far end's re-INVITE and UPDATE (T.38 switch or session refresh), INFO,
/// and our own T.38 re-INVITE with its glare handling (RFC 3261 14).
/// </summary>
public sealed partial class SipUserAgent
{
    /// <summary>Sends our T.38 re-INVITE now (the adapter may call it; otherwise it goes after <see cref="UserAgentOptions.T38ReinviteDelay"/>).</summary>
    public void SwitchToT38(SipCall call, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(call);
        call.ReinviteAt = null;
        if (call.State != CallState.Established || call.T38 is not null || call.Reinvite is not null || call.ReinviteAnswered is not null
            || call.Dialog is not { } dialog || call.Media is not { UdptlPort: not null } media)
        {
            return;
        }

        media = media with { Origin = (call.LocalDescription?.Origin ?? media.Origin).Next() };
        call.Media = media;
        SessionDescription offer = call.LocalDescription is { } previous ? OfferAnswer.CreateT38Offer(media, previous) : OfferAnswer.CreateT38Offer(media);
        SipRequest reinvite = WithBody(dialog.CreateRequest("INVITE", DialogHeaders(call)), offer);
        call.ReinviteOffer = offer;
        call.Reinvite = StartClient(reinvite, DialogDestination(call, reinvite), call, now);
        Drain(now);
    }

    /// <summary>
    /// Refreshes the session (RFC 4028, when we are the refresher): a re-INVITE offering exactly the description in
    /// force, same version, so the far end keeps its media as it is.
    /// </summary>
    public void RefreshSession(SipCall call, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.State != CallState.Established || call.Reinvite is not null || call.ReinviteAnswered is not null
            || call.Dialog is not { } dialog || call.LocalDescription is not { } current)
        {
            return;
        }

        SipRequest reinvite = WithBody(dialog.CreateRequest("INVITE", DialogHeaders(call)), current);
        call.ReinviteOffer = current;
        call.Reinvite = StartClient(reinvite, DialogDestination(call, reinvite), call, now);
        Drain(now);
    }

    /// <summary>Ends the call from our side: BYE when established, CANCEL while calling, 480 while offered.</summary>
    public void Hangup(SipCall call, CallOutcome outcome, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(outcome);
        switch (call.State)
        {
            case CallState.Ended:
                return;
            case CallState.Offered:
                Reject(call, 480, "Temporarily Unavailable", now);
                return;
            case CallState.Calling:
                Cancel(call, now);
                EndCall(call, outcome, now, sendBye: false);
                break;
            default:
                EndCall(call, outcome, now, sendBye: true);
                break;
        }

        Drain(now);
    }

    private void Cancel(SipCall call, TimeSpan now)
    {
        if (call.InviteClient is not { } client || call.Cancelling)
        {
            return;
        }

        call.Cancelling = true;
        SipRequest invite = client.Request;
        var headers = new List<SipHeader>();
        foreach (SipHeader header in invite.Headers)
        {
            if (header.Name is SipHeaderNames.Via or SipHeaderNames.From or SipHeaderNames.To or SipHeaderNames.CallId or SipHeaderNames.MaxForwards
                || header.Name == SipHeaderNames.Route)
            {
                headers.Add(header);
            }
        }

        headers.Add(new SipHeader(SipHeaderNames.CSeq, new CSeq(invite.CSeq!.Number, "CANCEL").ToString()));
        var cancel = new SipRequest("CANCEL", invite.RequestUri, new SipHeaders(headers));
        StartClient(cancel, call.Peer, null, now);
    }

    private void HandleInDialogRequest(SipCall call, SipRequest request, ServerTransaction server, TimeSpan now)
    {
        Dialogs.Dialog dialog = call.Dialog!;
        if (!dialog.AcceptRemoteSequence(request))
        {
            server.SendResponse(Response(request, 500, "Out Of Order CSeq"), now);
            return;
        }

        _owners[server.Key] = call;
        switch (request.Method)
        {
            case "BYE":
                server.SendResponse(Response(request, 200), now);
                EndCall(call, new CallOutcome(CallEndReason.RemoteHangup, null, "the far end hung up"), now, sendBye: false);
                break;
            case "INVITE":
                HandleReinvite(call, request, server, now);
                break;
            case "UPDATE":
                HandleUpdate(call, request, server, now);
                break;
            case "INFO" or "NOTIFY" or "OPTIONS":
                server.SendResponse(Response(request, 200), now);
                break;
            default:
                server.SendResponse(WithHeader(Response(request, 405), SipHeaderNames.Allow, string.Join(", ", UserAgentOptions.AllowedMethods)), now);
                break;
        }
    }

    private void HandleReinvite(SipCall call, SipRequest reinvite, ServerTransaction server, TimeSpan now)
    {
        if (call.Reinvite is not null)
        {
            server.SendResponse(Response(reinvite, 491, "Request Pending"), now); // glare: RFC 3261 14.2
            return;
        }

        if (call.State == CallState.Answering || call.ReinviteAnswered is not null)
        {
            // Our previous 2xx is not acknowledged yet (RFC 3261 14.2): try again a little later.
            server.SendResponse(WithHeader(Response(reinvite, 500, "Server Internal Error"), SipHeaderNames.RetryAfter, "1"), now);
            return;
        }

        call.Dialog!.RefreshTarget(reinvite);
        SessionDescription? answer = AnswerOffer(call, reinvite, out int? refusal);
        if (refusal is { } status)
        {
            server.SendResponse(Response(reinvite, status), now);
            return;
        }

        SipResponse ok = WithHeader(Capabilities(Response(reinvite, 200)), SipHeaderNames.Contact, Contact(call.Dialog.Local.Uri.User, call.Peer));
        ok = WithBody(WithSessionTimer(reinvite, ok), answer!);
        server.SendResponse(ok, now);
        call.ReinviteAnswered = ok;
        call.Pending2xx = ok;
        call.Pending2xxTo = _destinations.TryGetValue(server.Key, out Transport.SipEndPoint to) ? to : call.Peer;
        call.Retransmit2xxInterval = Options.Timers.T1;
        call.Retransmit2xxAt = now + Options.Timers.T1;
        call.AckDeadline = now + Options.Timers.TransactionTimeout;
    }

    private void HandleUpdate(SipCall call, SipRequest update, ServerTransaction server, TimeSpan now)
    {
        call.Dialog!.RefreshTarget(update);
        SipResponse ok = WithHeader(Response(update, 200), SipHeaderNames.Contact, Contact(call.Dialog.Local.Uri.User, call.Peer));
        if (!update.Body.IsEmpty)
        {
            SessionDescription? answer = AnswerOffer(call, update, out int? refusal);
            if (refusal is { } status)
            {
                server.SendResponse(Response(update, status), now);
                return;
            }

            ok = WithBody(ok, answer!);
        }

        server.SendResponse(WithSessionTimer(update, ok), now);
    }

    /// <summary>
    /// Our answer to an in-dialog offer. The same media as now (a session refresh) gets our last description again,
    /// unchanged, and raises no event; T.38 or a new far-end address is a media change for the adapter. An empty offer
    /// (RFC 3261 14.2: we offer in the 2xx) gets our current description.
    /// </summary>
    private SessionDescription? AnswerOffer(SipCall call, SipRequest request, out int? refusal)
    {
        refusal = null;
        if (request.Body.IsEmpty)
        {
            return call.LocalDescription;
        }

        if (SdpOf(request) is not { } offer || call.Media is not { } media)
        {
            refusal = 400;
            return null;
        }

        SdpAnswer answer = OfferAnswer.Answer(offer, media with { Origin = call.LocalDescription?.Origin ?? media.Origin });
        if (!answer.HasAcceptedMedia)
        {
            refusal = 488;
            return null;
        }

        bool sameMedia = Equals(answer.T38, call.T38) && (answer.T38 is not null || Equals(answer.Audio?.RemotePort, call.Audio?.RemotePort));
        if (sameMedia && call.LocalDescription is { } current)
        {
            return current;
        }

        SessionDescription description = answer.Description with { Origin = (call.LocalDescription?.Origin ?? media.Origin).Next() };
        call.LocalDescription = description;
        call.T38 = answer.T38;
        call.Audio = answer.Audio;
        if (answer.T38 is not null)
        {
            call.ReinviteAt = null;
        }

        _events.Enqueue(new CallMediaChanged(call, answer.T38, answer.Audio));
        return description;
    }

    private void OnReinviteResponse(SipCall call, ClientTransaction client, SipResponse response, TimeSpan now)
    {
        int status = response.StatusCode;
        if (status < 200)
        {
            return;
        }

        call.Reinvite = null;
        if (call.State == CallState.Ended)
        {
            return;
        }

        if (status is >= 200 and < 300)
        {
            Dialogs.Dialog dialog = call.Dialog!;
            dialog.RefreshTarget(response);
            SipRequest ack = TransactionTable.WithTopBranch(dialog.CreateRequest("ACK", DialogHeaders(call, contact: false), sequence: response.CSeq!.Number), Branches.Random());
            call.Ack = ack;
            Send(ack, DialogDestination(call, ack), call);
            if (SdpOf(response) is { } answer && call.ReinviteOffer is { } offer)
            {
                call.LocalDescription = offer;
                ApplyAnswer(call, offer, answer, now);
            }
            else
            {
                EndCall(call, new CallOutcome(CallEndReason.T38Refused, status, "the 2xx to the T.38 offer carried no session description"), now, sendBye: true);
            }

            return;
        }

        switch (status)
        {
            case 491:
                // Glare (RFC 3261 14.1): the owner of the Call-ID waits 2.1-4 s, the other side 0-2 s, then tries again.
                double wait = call.Dialog!.IsCaller ? 2.1 + (_random.NextDouble() * 1.9) : _random.NextDouble() * 2.0;
                call.ReinviteAt = now + TimeSpan.FromSeconds(wait);
                break;
            case 500 when response.Headers.Get(SipHeaderNames.RetryAfter) is { } retry
                && int.TryParse(retry.Split(';')[0].Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int seconds)
                && seconds <= 10:
                // The far end is still busy with the previous offer (RFC 3261 14.2): try again when it says.
                call.ReinviteAt = now + TimeSpan.FromSeconds(seconds);
                break;
            case 481 or 408:
                EndCall(call, new CallOutcome(CallEndReason.RemoteHangup, status, $"the far end lost the call ({status} to the re-INVITE)"), now, sendBye: status == 408);
                break;
            default:
                // 415, 488 and 606 are the carriers' usual refusals; anything else leaves us without T.38 too.
                EndCall(call, new CallOutcome(CallEndReason.T38Refused, status, $"T.38 refused: {status} {response.ReasonPhrase}".TrimEnd()), now, sendBye: true);
                break;
        }
    }
}
