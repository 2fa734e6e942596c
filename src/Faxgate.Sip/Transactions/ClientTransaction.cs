using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Transactions;

/// <summary>A client transaction (section 17.1): sends a request and passes the responses to the TU.</summary>
public abstract class ClientTransaction : SipTransaction
{
    private protected ClientTransaction(SipRequest request, bool reliable, SipTimers? timers)
        : base(request, KeyOf(request), reliable, timers)
    {
    }

    /// <summary>Sends the request and starts the timers.</summary>
    public abstract void Start(TimeSpan now);

    public override void Handle(SipMessage message, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is SipResponse response && State is not (TransactionState.Idle or TransactionState.Terminated))
        {
            HandleResponse(response, now);
        }
    }

    private protected abstract void HandleResponse(SipResponse response, TimeSpan now);

    private protected void TimeOut()
    {
        Emit(new TransactionEvent(TransactionEventKind.TimedOut, SipResponse.For(Request, 408)));
        Terminate();
    }

    private protected void RequireIdle()
    {
        if (State != TransactionState.Idle)
        {
            throw new InvalidOperationException("the transaction has started already");
        }
    }

    private static TransactionKey KeyOf(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method == "ACK")
        {
            throw new ArgumentException("an ACK has no client transaction (section 17.1)", nameof(request));
        }

        if (request.CSeq is not { } cseq || cseq.Method != request.Method)
        {
            throw new ArgumentException("the CSeq method must be the request method", nameof(request));
        }

        return TransactionKey.TryForClient(request, out TransactionKey? key)
            ? key
            : throw new ArgumentException("the top Via needs a branch starting with z9hG4bK", nameof(request));
    }
}
