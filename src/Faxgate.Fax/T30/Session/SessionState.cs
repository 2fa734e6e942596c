namespace Faxgate.Fax.T30.Session;

/// <summary>Where a T.30 session is in the procedure (T.30 clause 5 flow diagrams), by role.</summary>
internal enum SessionState
{
    Idle,

    // Sending (the calling station that received DIS).
    SenderAwaitingDis,
    SenderAwaitingCfr,
    SenderAwaitingPostPageResponse,
    SenderAwaitingPpsResponse,
    SenderAwaitingCtr,
    SenderAwaitingRrResponse,

    // Receiving (the called station that sent DIS).
    ReceiverAwaitingCommand,
    ReceiverCheckingTcf,
    ReceiverAwaitingPage,
    ReceiverReceivingPage,
    ReceiverAwaitingPostPageCommand,
    ReceiverAwaitingDcn,

    // Phase E.
    Disconnecting,
    Done,
}

/// <summary>The single running protocol timer (T1 runs beside it from the start of Phase B).</summary>
internal enum TimerKind
{
    None,
    T2,
    T4,
    T5,

    /// <summary>A calling sender repeats CNG until DIS comes (T.30 clause 4: 0.5 s on, 3 s off).</summary>
    Cng,
}
