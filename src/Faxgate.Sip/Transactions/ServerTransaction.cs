using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Transactions;

/// <summary>A server transaction (section 17.2): absorbs request retransmissions and sends the TU's responses.</summary>
public abstract class ServerTransaction : SipTransaction
{
    private protected ServerTransaction(SipRequest request, bool reliable, SipTimers? timers, TransactionState initial)
        : base(request, KeyOf(request), reliable, timers) => Enter(initial);

    /// <summary>The last response sent, which a retransmitted request gets again.</summary>
    public SipResponse? LastResponse { get; private protected set; }

    /// <summary>
    /// Sends a response from the TU. Returns false (and sends nothing) when the transaction has already sent a final
    /// response or ended, as sections 17.2.1 and 17.2.2 ask.
    /// </summary>
    public abstract bool SendResponse(SipResponse response, TimeSpan now);

    /// <summary>Refuses a response whose top Via branch or CSeq is not the request's (section 8.2.6.2).</summary>
    private protected void RequireAnswer(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.TopVia?.Branch != Key.Branch || response.CSeq != Request.CSeq)
        {
            throw new ArgumentException("the response must carry the request's top Via and CSeq", nameof(response));
        }
    }

    private static TransactionKey KeyOf(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method == "ACK")
        {
            throw new ArgumentException("an ACK has no server transaction of its own (section 17.2.3)", nameof(request));
        }

        return TransactionKey.TryForServer(request, out TransactionKey? key)
            ? key
            : throw new ArgumentException("the top Via needs a branch starting with z9hG4bK", nameof(request));
    }
}
