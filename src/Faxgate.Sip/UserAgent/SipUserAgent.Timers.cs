using Faxgate.Sip.Messages;

namespace Faxgate.Sip.UserAgent;

/// <summary>The call timers: 2xx retransmission and ACK wait (RFC 3261 13.3.1.4), ring timeout, the T.38 re-INVITE, the watchdog.</summary>
public sealed partial class SipUserAgent
{
    private static TimeSpan? CallDeadline(SipCall call)
    {
        if (call.State == CallState.Ended)
        {
            return null;
        }

        TimeSpan? earliest = call.WatchdogAt;
        if (call.Pending2xx is not null)
        {
            earliest = Earliest(earliest, call.Retransmit2xxAt);
            earliest = Earliest(earliest, call.AckDeadline);
        }

        earliest = Earliest(earliest, call.RingDeadline);
        return Earliest(earliest, call.ReinviteAt);
    }

    private void HandleCallTimers(SipCall call, TimeSpan now)
    {
        if (call.State == CallState.Ended)
        {
            return;
        }

        if (now >= call.WatchdogAt)
        {
            Hangup(call, new CallOutcome(CallEndReason.Watchdog, null, $"the call outlived its maximum of {Options.MaxCallDuration}"), now);
            return;
        }

        if (call.Pending2xx is { } pending)
        {
            if (call.AckDeadline is { } deadline && now >= deadline)
            {
                call.Pending2xx = null;
                call.ReinviteAnswered = null;
                EndCall(call, new CallOutcome(CallEndReason.AckTimeout, null, "the far end never acknowledged our 2xx"), now, sendBye: true);
                return;
            }

            if (now >= call.Retransmit2xxAt && !call.Pending2xxTo.IsReliable)
            {
                Send(pending, call.Pending2xxTo, call);
                call.Retransmit2xxInterval = call.Retransmit2xxInterval * 2 < Options.Timers.T2 ? call.Retransmit2xxInterval * 2 : Options.Timers.T2;
                call.Retransmit2xxAt = now + call.Retransmit2xxInterval;
            }
            else if (call.Pending2xxTo.IsReliable)
            {
                call.Retransmit2xxAt = call.AckDeadline ?? now;
            }
        }

        if (call.RingDeadline is { } ring && now >= ring && call.State == CallState.Calling)
        {
            call.RingDeadline = null;
            Cancel(call, now);
            EndCall(call, new CallOutcome(CallEndReason.NoAnswer, null, $"no answer within {call.Request?.RingTimeout}"), now, sendBye: false);
            return;
        }

        if (call.ReinviteAt is { } at && now >= at)
        {
            SwitchToT38(call, now);
        }
    }

    /// <summary>Ends a call once: the outcome is kept, the event raised, and BYE sent when the dialog is up.</summary>
    private void EndCall(SipCall call, CallOutcome outcome, TimeSpan now, bool sendBye)
    {
        if (call.State == CallState.Ended)
        {
            return;
        }

        if (sendBye && call.Dialog is { } dialog && call.State is CallState.Established or CallState.Answering)
        {
            SipRequest bye = dialog.CreateRequest("BYE", DialogHeaders(call, contact: false));
            StartClient(bye, DialogDestination(call, bye), null, now);
        }

        call.Dialog?.Terminate();
        call.State = CallState.Ended;
        call.Outcome = outcome;
        call.RingDeadline = null;
        call.ReinviteAt = null;
        call.Pending2xx = null;
        _events.Enqueue(new CallEnded(call, outcome));
    }

    /// <summary>Shutting down: every call ends (BYE or CANCEL), every registration is removed.</summary>
    public void Shutdown(TimeSpan now)
    {
        foreach (SipCall call in _calls.Values.ToList())
        {
            Hangup(call, new CallOutcome(CallEndReason.Shutdown, null, "Faxgate is shutting down"), now);
        }

        foreach (SipRegistration registration in _registrations.Values.ToList())
        {
            Unregister(registration.Name, now);
        }

        Drain(now);
    }
}
