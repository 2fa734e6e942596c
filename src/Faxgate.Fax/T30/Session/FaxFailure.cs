namespace Faxgate.Fax.T30.Session;

/// <summary>
/// Why a fax session did not succeed: one numbered catalogue, so logs, databases and reports agree.
/// The numbers are stable; new reasons get new numbers.
/// </summary>
public enum FaxFailure
{
    None = 0,

    // Phase A/B: the call never became a fax session.
    NoAnswer = 10,
    Incompatible = 11,
    TrainingFailed = 12,
    RemoteNotReceiver = 13,

    // Waiting for the far end.
    ResponseTimeout = 20,
    CommandTimeout = 21,
    ReceiverNotReadyTimeout = 22,
    CallTooLong = 23,

    // The far end ended or broke the procedure.
    RemoteDisconnected = 30,
    UnexpectedFrame = 31,
    ProcedureInterrupt = 32,

    // Page transfer.
    PageRejected = 40,
    TooManyPartialPageRequests = 41,
    PageDataInvalid = 42,
    NoPages = 43,
    PageTooLarge = 44,
    TooManyPages = 45,

    // Our side.
    LocalHangup = 50,
    DocumentUnusable = 51,
}

public static class FaxFailures
{
    /// <summary>Words for people.</summary>
    public static string Describe(this FaxFailure failure) => failure switch
    {
        FaxFailure.None => "completed",
        FaxFailure.NoAnswer => "no fax answer from the far end (T1 expired)",
        FaxFailure.Incompatible => "the far end cannot receive this document in any mode we can send",
        FaxFailure.TrainingFailed => "training failed at every signalling rate",
        FaxFailure.RemoteNotReceiver => "the far end is not able to receive faxes",
        FaxFailure.ResponseTimeout => "no response to a command after three tries (T4 expired)",
        FaxFailure.CommandTimeout => "no command from the far end (T2 expired)",
        FaxFailure.ReceiverNotReadyTimeout => "the far end stayed not ready (T5 expired)",
        FaxFailure.CallTooLong => "the call went on longer than allowed",
        FaxFailure.RemoteDisconnected => "the far end disconnected",
        FaxFailure.UnexpectedFrame => "the far end sent a frame that does not fit the procedure",
        FaxFailure.ProcedureInterrupt => "the far end asked for an operator (procedure interrupt)",
        FaxFailure.PageRejected => "the far end rejected a page too many times",
        FaxFailure.TooManyPartialPageRequests => "too many retransmission requests for one partial page",
        FaxFailure.PageDataInvalid => "received page data could not be decoded",
        FaxFailure.NoPages => "the session ended without a single page",
        FaxFailure.PageTooLarge => "a received page exceeded the configured limit",
        FaxFailure.TooManyPages => "the far end sent more pages than one call may bring",
        FaxFailure.LocalHangup => "hung up locally",
        FaxFailure.DocumentUnusable => "the document to send could not be prepared",
        _ => failure.ToString(),
    };
}
