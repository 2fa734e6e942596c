using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Transactions;

/// <summary>
/// The INVITE server transaction (RFC 3261 section 17.2.1, figure 7): Proceeding, Completed, Confirmed, Terminated.
/// It sends 100 Trying itself when the TU has sent nothing within <see cref="SipTimers.TryingDelay"/>, answers a
/// retransmitted INVITE with the last response, retransmits a 3xx-6xx on timer G (doubling from T1 up to T2, only on
/// an unreliable transport) until the ACK comes or timer H (64*T1) fires, then absorbs ACKs for timer I (T4 on UDP,
/// 0 on a reliable transport). A 2xx ends the transaction: the TU retransmits it and receives the ACK.
/// </summary>
public sealed class InviteServerTransaction : ServerTransaction
{
    private TimeSpan? _trying;
    private TimeSpan? _timerG;
    private TimeSpan _intervalG;
    private TimeSpan? _timerH;
    private TimeSpan? _timerI;

    public InviteServerTransaction(SipRequest request, bool reliable, TimeSpan now, SipTimers? timers = null)
        : base(request, reliable, timers, TransactionState.Proceeding)
    {
        if (request.Method != "INVITE")
        {
            throw new ArgumentException("an INVITE", nameof(request));
        }

        _trying = now + Timers.TryingDelay;
    }

    public override bool SendResponse(SipResponse response, TimeSpan now)
    {
        RequireAnswer(response);
        if (State != TransactionState.Proceeding)
        {
            return false;
        }

        _trying = null;
        LastResponse = response;
        Transmit(response);
        if (response.IsProvisional)
        {
            return true;
        }

        if (response.StatusCode < 300)
        {
            Terminate();
            return true;
        }

        Enter(TransactionState.Completed);
        if (!Reliable)
        {
            _intervalG = Timers.T1;
            _timerG = now + _intervalG;
        }

        _timerH = now + Timers.TransactionTimeout;
        return true;
    }

    public override void Handle(SipMessage message, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is not SipRequest request)
        {
            return;
        }

        switch (State)
        {
            case TransactionState.Proceeding or TransactionState.Completed when request.Method == "INVITE":
                if (LastResponse is not null)
                {
                    Transmit(LastResponse);
                }

                break;
            case TransactionState.Completed when request.Method == "ACK":
                _timerG = null;
                _timerH = null;
                Enter(TransactionState.Confirmed);
                if (Reliable)
                {
                    Terminate();
                }
                else
                {
                    _timerI = now + Timers.T4;
                }

                break;
            default:
                break;
        }
    }

    private protected override TimeSpan? EarliestDeadline() => Earliest(_trying, _timerG, _timerH, _timerI);

    private protected override void Fire(TimeSpan deadline)
    {
        if (_trying == deadline)
        {
            _trying = null;
            LastResponse = SipResponse.For(Request, 100);
            Transmit(LastResponse);
        }
        else if (_timerH == deadline)
        {
            _timerG = null;
            _timerH = null;
            Emit(new TransactionEvent(TransactionEventKind.TimedOut));
            Terminate();
        }
        else if (_timerG == deadline)
        {
            Transmit(LastResponse!);
            _intervalG = Min(_intervalG * 2, Timers.T2);
            _timerG = deadline + _intervalG;
        }
        else if (_timerI == deadline)
        {
            _timerI = null;
            Terminate();
        }
    }
}
