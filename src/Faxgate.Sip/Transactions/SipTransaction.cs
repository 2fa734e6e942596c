using System.Diagnostics.CodeAnalysis;
using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Transactions;

/// <summary>
/// One RFC 3261 section 17 transaction, sans-IO: the caller feeds it messages (<see cref="Handle"/>), the passing of
/// time (<see cref="HandleTimeout"/>) and commands, then drains <see cref="TryPollTransmit"/> (messages to send, in
/// order) and <see cref="TryPollEvent"/> and waits until <see cref="NextDeadline"/>.
/// </summary>
public abstract class SipTransaction
{
    private readonly Queue<SipMessage> _transmits = new();
    private readonly Queue<TransactionEvent> _events = new();

    private protected SipTransaction(SipRequest request, TransactionKey key, bool reliable, SipTimers? timers)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(key);
        Request = request;
        Key = key;
        Reliable = reliable;
        Timers = timers ?? SipTimers.Default;
    }

    /// <summary>The request that created the transaction.</summary>
    public SipRequest Request { get; }

    public TransactionKey Key { get; }

    /// <summary>The transport is reliable (TCP, TLS, SCTP): no retransmissions and no lingering.</summary>
    public bool Reliable { get; }

    public SipTimers Timers { get; }

    public TransactionState State { get; private set; }

    /// <summary>When <see cref="HandleTimeout"/> must next be called; null when no timer runs.</summary>
    public TimeSpan? NextDeadline => State == TransactionState.Terminated ? null : EarliestDeadline();

    /// <summary>Messages or events are waiting to be polled.</summary>
    public bool HasPending => _transmits.Count > 0 || _events.Count > 0;

    /// <summary>Feeds a message the transport received and the caller matched to this transaction.</summary>
    public abstract void Handle(SipMessage message, TimeSpan now);

    /// <summary>Fires every timer due at <paramref name="now"/>, each at its own deadline, earliest first.</summary>
    public void HandleTimeout(TimeSpan now)
    {
        while (NextDeadline is { } deadline && deadline <= now)
        {
            Fire(deadline);
        }
    }

    /// <summary>The transport failed to send a message of this transaction (sections 17.1.4 and 17.2.4).</summary>
    public void HandleTransportError()
    {
        if (State is TransactionState.Idle or TransactionState.Terminated)
        {
            return;
        }

        Emit(new TransactionEvent(TransactionEventKind.TransportError));
        Terminate();
    }

    public bool TryPollTransmit([NotNullWhen(true)] out SipMessage? message) => _transmits.TryDequeue(out message);

    public bool TryPollEvent(out TransactionEvent transactionEvent) => _events.TryDequeue(out transactionEvent);

    private protected abstract TimeSpan? EarliestDeadline();

    /// <summary>Fires the timer whose deadline is <paramref name="deadline"/> (the earliest one).</summary>
    private protected abstract void Fire(TimeSpan deadline);

    private protected void Transmit(SipMessage message) => _transmits.Enqueue(message);

    private protected void Emit(TransactionEvent transactionEvent) => _events.Enqueue(transactionEvent);

    private protected void Enter(TransactionState state) => State = state;

    private protected void Terminate()
    {
        State = TransactionState.Terminated;
        Emit(new TransactionEvent(TransactionEventKind.Terminated));
    }

    private protected static TimeSpan? Earliest(params ReadOnlySpan<TimeSpan?> deadlines)
    {
        TimeSpan? earliest = null;
        foreach (TimeSpan? deadline in deadlines)
        {
            if (deadline is { } d && (earliest is null || d < earliest))
            {
                earliest = d;
            }
        }

        return earliest;
    }

    private protected static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
