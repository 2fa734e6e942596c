using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Transactions;

/// <summary>
/// The non-INVITE server transaction (RFC 3261 section 17.2.2, figure 8): Trying, Proceeding, Completed,
/// Terminated. Retransmitted requests get the last response again (none in Trying); timer J (64*T1 on UDP, 0 on a
/// reliable transport) keeps the final response for retransmissions.
/// </summary>
public sealed class NonInviteServerTransaction : ServerTransaction
{
    private TimeSpan? _timerJ;

    public NonInviteServerTransaction(SipRequest request, bool reliable, SipTimers? timers = null)
        : base(request, reliable, timers, TransactionState.Trying)
    {
        if (request.Method == "INVITE")
        {
            throw new ArgumentException("an INVITE has an INVITE server transaction", nameof(request));
        }
    }

    public override bool SendResponse(SipResponse response, TimeSpan now)
    {
        RequireAnswer(response);
        if (State is not (TransactionState.Trying or TransactionState.Proceeding))
        {
            return false;
        }

        LastResponse = response;
        Transmit(response);
        if (response.IsProvisional)
        {
            Enter(TransactionState.Proceeding);
            return true;
        }

        Enter(TransactionState.Completed);
        if (Reliable)
        {
            Terminate();
        }
        else
        {
            _timerJ = now + Timers.TransactionTimeout;
        }

        return true;
    }

    public override void Handle(SipMessage message, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is SipRequest && State is TransactionState.Proceeding or TransactionState.Completed)
        {
            Transmit(LastResponse!);
        }
    }

    private protected override TimeSpan? EarliestDeadline() => _timerJ;

    private protected override void Fire(TimeSpan deadline)
    {
        _timerJ = null;
        Terminate();
    }
}
