namespace Faxgate.Sip.Transactions;

/// <summary>Where <see cref="TransactionTable.Route"/> sent a received message.</summary>
public enum TransactionMatchKind
{
    /// <summary>An existing transaction took it: a response, a retransmission, or the ACK of a non-2xx.</summary>
    Matched,

    /// <summary>A new request: the table made a server transaction for it, and the TU must answer it.</summary>
    NewRequest,

    /// <summary>An ACK that matches no transaction: the ACK of a 2xx, which belongs to the dialog (section 17.2.3).</summary>
    UnmatchedAck,

    /// <summary>A response that matches no client transaction; the TU sees it only to retransmit a 2xx ACK, else drops it (section 17.1.3).</summary>
    StrayResponse,

    /// <summary>A request whose top Via has no branch starting with z9hG4bK (an RFC 2543 element), not supported.</summary>
    NotRfc3261,
}
