namespace Faxgate.Sip.Transactions;

public enum TransactionEventKind
{
    /// <summary>A client transaction passes a response up to the TU (never a retransmission it absorbed).</summary>
    ResponseReceived,

    /// <summary>
    /// timer B or F fired (the event carries a 408 the transaction made up, section 8.1.3.1), or timer H fired (no ACK
    /// for a final response, no message).
    /// </summary>
    TimedOut,

    /// <summary>The adapter reported that the transport could not send (section 17.1.4 and 17.2.4).</summary>
    TransportError,

    /// <summary>The transaction reached Terminated; it is the last event.</summary>
    Terminated,
}
