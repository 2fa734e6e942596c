using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Transactions;

/// <summary>
/// The non-INVITE client transaction (RFC 3261 section 17.1.2, figure 6): Trying, Proceeding, Completed,
/// Terminated. timer E retransmits on an unreliable transport, doubling from T1 up to T2 (T2 once Proceeding);
/// timer F (64*T1) gives up; timer K (T4 on UDP, 0 on a reliable transport) absorbs retransmitted responses.
/// </summary>
public sealed class NonInviteClientTransaction : ClientTransaction
{
    private TimeSpan? _timerE;
    private TimeSpan _intervalE;
    private TimeSpan? _timerF;
    private TimeSpan? _timerK;

    public NonInviteClientTransaction(SipRequest request, bool reliable, SipTimers? timers = null)
        : base(request, reliable, timers)
    {
        if (request.Method == "INVITE")
        {
            throw new ArgumentException("an INVITE has an INVITE client transaction", nameof(request));
        }
    }

    public override void Start(TimeSpan now)
    {
        RequireIdle();
        Enter(TransactionState.Trying);
        Transmit(Request);
        if (!Reliable)
        {
            _intervalE = Timers.T1;
            _timerE = now + _intervalE;
        }

        _timerF = now + Timers.TransactionTimeout;
    }

    private protected override void HandleResponse(SipResponse response, TimeSpan now)
    {
        if (State is not (TransactionState.Trying or TransactionState.Proceeding))
        {
            return;
        }

        Emit(new TransactionEvent(TransactionEventKind.ResponseReceived, response));
        if (response.IsProvisional)
        {
            Enter(TransactionState.Proceeding);
            return;
        }

        _timerE = null;
        _timerF = null;
        Enter(TransactionState.Completed);
        if (Reliable)
        {
            Terminate();
        }
        else
        {
            _timerK = now + Timers.T4;
        }
    }

    private protected override TimeSpan? EarliestDeadline() => Earliest(_timerE, _timerF, _timerK);

    private protected override void Fire(TimeSpan deadline)
    {
        if (_timerF == deadline)
        {
            _timerE = null;
            _timerF = null;
            TimeOut();
        }
        else if (_timerE == deadline)
        {
            Transmit(Request);
            _intervalE = State == TransactionState.Proceeding ? Timers.T2 : Min(_intervalE * 2, Timers.T2);
            _timerE = deadline + _intervalE;
        }
        else if (_timerK == deadline)
        {
            _timerK = null;
            Terminate();
        }
    }
}
