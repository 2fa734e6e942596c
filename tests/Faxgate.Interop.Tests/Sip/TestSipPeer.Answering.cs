namespace Faxgate.Interop.Tests.Sip;

/// <summary>The called party of the outbound tests: answers one call by a <see cref="TestCalleePlan"/>.</summary>
internal sealed partial class TestSipPeer
{
    /// <summary>
    /// Answers the next INVITE: 100, 180, (ring), then the plan's final response with an audio or T.38 answer on
    /// the plan's media port; answers re-INVITEs (T.38 by default), other requests with 200, a retransmitted
    /// request with the same response again, CANCEL with 200 and 487; returns after BYE (answered 200), after a
    /// CANCEL, after the ACK of a refusal, or after the answer to its own BYE (<see cref="TestCalleePlan.HangUpWhen"/>).
    /// While it runs it takes every message of that call from the inbox.
    /// </summary>
    public async Task<TestAnsweredCall> AnswerCallAsync(TestCalleePlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        DateTimeOffset deadline = DateTimeOffset.UtcNow + plan.CallLimit;
        TimeSpan Left() => deadline - DateTimeOffset.UtcNow;

        TestSipMessage invite = await WaitAsync(m => m.Method == "INVITE" && m.ToTag is null, "INVITE", Left(), cancellationToken).ConfigureAwait(false);
        TestDialog dialog = AcceptDialog(invite);
        var call = new TestAnsweredCall(invite, dialog);
        Respond(invite, 100, "Trying");
        Respond(invite, 180, "Ringing", toTag: dialog.LocalTag);
        string callId = invite.CallId;
        if (await TryWaitAsync(m => m.CallId == callId && m.Method == "CANCEL", plan.RingTime, cancellationToken).ConfigureAwait(false) is { } cancel)
        {
            call.Cancel = cancel;
            Respond(cancel, 200, "OK", toTag: dialog.LocalTag);
            call.FinalResponses.Add(Respond(invite, 487, "Request Terminated", toTag: dialog.LocalTag));
            return call;
        }

        TestSdp? offer = invite.Sdp;
        string answer = plan.AnswerT38Directly && offer is { IsT38: true } ? TestSdp.T38Answer(plan.MediaPort) : TestSdp.AudioOffer(plan.MediaPort);
        string? finalSdp = plan.FinalStatus is >= 200 and < 300 ? answer : null;

        // The media is agreed before the answer goes out: the far end may send T.38 as soon as it has it.
        if (finalSdp is not null && offer is { IsT38: true } && plan.AnswerT38Directly)
        {
            AgreeT38(call, plan, offer);
        }

        call.FinalResponses.Add(Respond(invite, plan.FinalStatus, Reason(plan.FinalStatus), finalSdp, dialog.LocalTag));

        var answered = new Dictionary<(int, string), TestSipMessage>();
        while (true)
        {
            Task? hangUp = call.Ack is not null && call.SentBye is null ? plan.HangUpWhen : null;
            if (hangUp is { IsCompleted: true })
            {
                call.SentBye = SendBye(dialog);
                hangUp = null;
            }

            Func<TestSipMessage, bool> next = x => x.CallId == callId && (x.IsRequest || x.CSeqMethod == "INVITE" || (call.SentBye is { } bye && x.CSeq == bye.CSeq && x.CSeqMethod == "BYE"));
            if (await NextAsync(next, Left(), hangUp, cancellationToken).ConfigureAwait(false) is not { } m)
            {
                if (Left() <= TimeSpan.Zero)
                {
                    throw new TimeoutException($"no next message of call {callId} within {plan.CallLimit.TotalSeconds} s; received:\n{Describe(Received)}");
                }

                continue; // time to hang up
            }

            if (!m.IsRequest && m.CSeqMethod == "BYE")
            {
                if (m.StatusCode >= 200)
                {
                    call.SentByeAnswer = m;
                    return call;
                }

                continue;
            }

            if (!m.IsRequest)
            {
                if (m.StatusCode >= 200 && dialog.Invite is { } ours && m.CSeq == ours.CSeq)
                {
                    call.ReinviteAnswer ??= m;
                    if (m.StatusCode < 300)
                    {
                        _ = SendAck(dialog, m);
                        if (m.Sdp is { IsT38: true } t38)
                        {
                            AgreeT38(call, plan, t38);
                        }
                    }
                }

                continue;
            }

            if (m.Method == "INVITE" && m.ToTag is null)
            {
                call.FinalResponses.Add(Send(call.FinalResponses[^1].ToString(), m.RemoteEndPoint!)); // retransmitted INVITE
                continue;
            }

            if (m.Method == "ACK")
            {
                call.Ack ??= m;
                if (plan.FinalStatus >= 300)
                {
                    return call;
                }

                if (plan.SendT38Reinvite && dialog.Invite is null)
                {
                    SendReinvite(dialog, TestSdp.T38Offer(plan.MediaPort, sessionVersion: 2));
                }

                continue;
            }

            if (answered.TryGetValue((m.CSeq, m.Method!), out TestSipMessage? earlier))
            {
                Send(earlier.ToString(), m.RemoteEndPoint!); // retransmitted request
                continue;
            }

            switch (m.Method)
            {
                case "INVITE":
                    call.Reinvites.Add(m);
                    if (plan.ReinviteStatus is >= 200 and < 300 && m.Sdp is { IsT38: true } t38Offer)
                    {
                        AgreeT38(call, plan, t38Offer);
                        answered[(m.CSeq, "INVITE")] = Respond(m, plan.ReinviteStatus, Reason(plan.ReinviteStatus), TestSdp.T38Answer(plan.MediaPort, sessionVersion: 2));
                    }
                    else
                    {
                        string? sdp = plan.ReinviteStatus is >= 200 and < 300 ? TestSdp.AudioOffer(plan.MediaPort, sessionVersion: 2) : null;
                        answered[(m.CSeq, "INVITE")] = Respond(m, plan.ReinviteStatus, Reason(plan.ReinviteStatus), sdp);
                    }

                    break;
                case "BYE":
                    call.Bye = m;
                    Respond(m, 200, "OK");
                    if (call.SentBye is null)
                    {
                        return call;
                    }

                    break; // our BYE crossed theirs: still wait for its answer
                default:
                    call.Others.Add(m);
                    answered[(m.CSeq, m.Method!)] = Respond(m, 200, "OK");
                    break;
            }
        }
    }

    /// <summary>
    /// Takes the next message that matches; null when <paramref name="wake"/> completed first or the time ran out.
    /// </summary>
    private async Task<TestSipMessage?> NextAsync(Func<TestSipMessage, bool> match, TimeSpan timeout, Task? wake, CancellationToken cancellationToken)
    {
        if (wake is null)
        {
            return await TryWaitAsync(match, timeout, cancellationToken).ConfigureAwait(false);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<TestSipMessage?> next = TryWaitAsync(match, timeout, stop.Token);
        if (await Task.WhenAny(next, wake).ConfigureAwait(false) != next)
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            return await next.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static void AgreeT38(TestAnsweredCall call, TestCalleePlan plan, TestSdp sdp)
    {
        call.RemoteT38 = sdp.T38EndPoint;
        plan.OnT38?.Invoke(call.RemoteT38);
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        404 => "Not Found",
        415 => "Unsupported Media Type",
        480 => "Temporarily Unavailable",
        486 => "Busy Here",
        488 => "Not Acceptable Here",
        491 => "Request Pending",
        503 => "Service Unavailable",
        603 => "Decline",
        606 => "Not Acceptable",
        _ => "Status",
    };
}
