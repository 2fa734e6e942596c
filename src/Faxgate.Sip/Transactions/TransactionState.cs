namespace Faxgate.Sip.Transactions;

/// <summary>The states of the four transaction machines (RFC 3261 figures 5 to 8).</summary>
public enum TransactionState
{
    /// <summary>A client transaction not started yet.</summary>
    Idle,

    /// <summary>INVITE client: the request is sent, no response yet.</summary>
    Calling,

    /// <summary>Non-INVITE client and server: no provisional response yet.</summary>
    Trying,

    Proceeding,
    Completed,

    /// <summary>INVITE server: the ACK for a non-2xx final response arrived.</summary>
    Confirmed,

    Terminated,
}
