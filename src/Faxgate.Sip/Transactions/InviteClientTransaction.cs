using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Transactions;

/// <summary>
/// The INVITE client transaction (RFC 3261 section 17.1.1, figure 5): Calling, Proceeding, Completed, Terminated.
/// timer A retransmits the INVITE on an unreliable transport, doubling from T1; timer B (64*T1) gives up in Calling;
/// timer D (32 s on UDP, 0 on a reliable transport) absorbs retransmitted final responses. The transaction sends the
/// ACK for a 3xx-6xx itself; a 2xx ends it and the TU acknowledges it.
/// </summary>
public sealed class InviteClientTransaction : ClientTransaction
{
    private TimeSpan? _timerA;
    private TimeSpan _intervalA;
    private TimeSpan? _timerB;
    private TimeSpan? _timerD;

    public InviteClientTransaction(SipRequest request, bool reliable, SipTimers? timers = null)
        : base(request, reliable, timers)
    {
        if (request.Method != "INVITE")
        {
            throw new ArgumentException("an INVITE", nameof(request));
        }
    }

    /// <summary>The ACK sent for the final non-2xx response, once there is one.</summary>
    public SipRequest? Ack { get; private set; }

    public override void Start(TimeSpan now)
    {
        RequireIdle();
        Enter(TransactionState.Calling);
        Transmit(Request);
        if (!Reliable)
        {
            _intervalA = Timers.T1;
            _timerA = now + _intervalA;
        }

        _timerB = now + Timers.TransactionTimeout;
    }

    private protected override void HandleResponse(SipResponse response, TimeSpan now)
    {
        switch (State)
        {
            case TransactionState.Calling or TransactionState.Proceeding when response.IsProvisional:
                Enter(TransactionState.Proceeding);
                _timerA = null;
                _timerB = null;
                Emit(new TransactionEvent(TransactionEventKind.ResponseReceived, response));
                break;
            case TransactionState.Calling or TransactionState.Proceeding when response.StatusCode < 300:
                Emit(new TransactionEvent(TransactionEventKind.ResponseReceived, response));
                Terminate();
                break;
            case TransactionState.Calling or TransactionState.Proceeding:
                _timerA = null;
                _timerB = null;
                Ack = AckFor(Request, response);
                Transmit(Ack);
                Emit(new TransactionEvent(TransactionEventKind.ResponseReceived, response));
                Enter(TransactionState.Completed);
                if (Reliable)
                {
                    Terminate();
                }
                else
                {
                    _timerD = now + Timers.InviteResponseLinger;
                }

                break;
            case TransactionState.Completed when response.StatusCode >= 300:
                Transmit(Ack!);
                break;
            default:
                break;
        }
    }

    private protected override TimeSpan? EarliestDeadline() => Earliest(_timerA, _timerB, _timerD);

    private protected override void Fire(TimeSpan deadline)
    {
        if (_timerB == deadline)
        {
            _timerA = null;
            _timerB = null;
            TimeOut();
        }
        else if (_timerA == deadline)
        {
            Transmit(Request);
            _intervalA *= 2;
            _timerA = deadline + _intervalA;
        }
        else if (_timerD == deadline)
        {
            _timerD = null;
            Terminate();
        }
    }

    /// <summary>
    /// The ACK for a non-2xx final response (section 17.1.1.3): the INVITE's Request-URI, top Via, Route, From,
    /// Call-ID and CSeq number, the response's To, and CSeq method ACK.
    /// </summary>
    public static SipRequest AckFor(SipRequest invite, SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(invite);
        ArgumentNullException.ThrowIfNull(response);
        var headers = new List<(string, string)> { (SipHeaderNames.Via, invite.TopVia!.ToString()) };
        foreach (string route in invite.Headers.GetAll(SipHeaderNames.Route))
        {
            headers.Add((SipHeaderNames.Route, route));
        }

        headers.Add((SipHeaderNames.MaxForwards, (invite.MaxForwards ?? 70).ToString()));
        headers.Add((SipHeaderNames.From, invite.Headers.Get(SipHeaderNames.From)!));
        headers.Add((SipHeaderNames.To, response.Headers.Get(SipHeaderNames.To) ?? invite.Headers.Get(SipHeaderNames.To)!));
        headers.Add((SipHeaderNames.CallId, invite.CallId!));
        headers.Add((SipHeaderNames.CSeq, new CSeq(invite.CSeq!.Number, "ACK").ToString()));
        return new SipRequest("ACK", invite.RequestUri, new SipHeaders([.. headers]));
    }
}
