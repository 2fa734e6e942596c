using Faxgate.Sip.Messages;
using Faxgate.Sip.Transactions;
using static Faxgate.Sip.Tests.Transactions.TransactionScenario;

namespace Faxgate.Sip.Tests.Transactions;

public sealed class InviteClientTransactionTests
{
    private static InviteClientTransaction Started(string transport = "UDP", SipTimers? timers = null)
    {
        var transaction = new InviteClientTransaction(Invite(transport), transport != "UDP", timers);
        Assert.Equal(TransactionState.Idle, transaction.State);
        transaction.Start(TimeSpan.Zero);
        Assert.Equal(TransactionState.Calling, transaction.State);
        return transaction;
    }

    [Fact]
    public void Unanswered_invite_over_udp_is_retransmitted_on_timer_a_and_times_out_on_timer_b_at_32_s()
    {
        InviteClientTransaction transaction = Started();
        List<(TimeSpan At, SipMessage Message)> sent = RunUntil(transaction, TimeSpan.Zero, S(100));
        Assert.Equal([S(0), S(0.5), S(1.5), S(3.5), S(7.5), S(15.5), S(31.5)], Times(sent));
        Assert.All(sent, s => Assert.Same(transaction.Request, s.Message));
        Assert.Equal(TransactionState.Terminated, transaction.State);
        List<TransactionEvent> events = Events(transaction);
        Assert.Equal([TransactionEventKind.TimedOut, TransactionEventKind.Terminated], events.Select(e => e.Kind));
        Assert.Equal(408, events[0].Response!.StatusCode);
        Assert.Equal(transaction.Request.CallId, events[0].Response!.CallId);
        Assert.Null(transaction.NextDeadline);
    }

    [Fact]
    public void Timer_b_fires_at_its_own_deadline_even_when_the_caller_is_late()
    {
        InviteClientTransaction transaction = Started();
        Transmitted(transaction);
        transaction.HandleTimeout(S(40));
        Assert.Equal(6, Transmitted(transaction).Count);
        Assert.Equal(TransactionState.Terminated, transaction.State);
    }

    [Fact]
    public void Timers_follow_t1()
    {
        InviteClientTransaction transaction = Started(timers: new SipTimers(Ms(100), S(4), S(5)));
        List<(TimeSpan At, SipMessage Message)> sent = RunUntil(transaction, TimeSpan.Zero, S(100));
        // Timer B is 64*T1 = 6.4 s.
        Assert.Equal([Ms(0), Ms(100), Ms(300), Ms(700), Ms(1500), Ms(3100), Ms(6300)], Times(sent));
        Assert.Equal(TransactionEventKind.TimedOut, Events(transaction)[0].Kind);
    }

    [Fact]
    public void Unanswered_invite_over_tcp_is_sent_once_and_times_out_at_32_s()
    {
        InviteClientTransaction transaction = Started("TCP");
        Assert.Equal(S(32), transaction.NextDeadline);
        List<(TimeSpan At, SipMessage Message)> sent = RunUntil(transaction, TimeSpan.Zero, S(100));
        Assert.Equal([S(0)], Times(sent));
        Assert.Equal([TransactionEventKind.TimedOut, TransactionEventKind.Terminated], Events(transaction).Select(e => e.Kind));
    }

    [Fact]
    public void Provisional_stops_retransmission_and_timer_b_then_a_final_error_is_acknowledged()
    {
        InviteClientTransaction transaction = Started();
        Assert.Equal([S(0), S(0.5)], Times(RunUntil(transaction, TimeSpan.Zero, S(1))));
        transaction.Handle(Response(transaction.Request, 180), S(1));
        Assert.Equal(TransactionState.Proceeding, transaction.State);
        Assert.Null(transaction.NextDeadline);
        Assert.Empty(RunUntil(transaction, S(1), S(300)));

        transaction.Handle(Response(transaction.Request, 183), S(300));
        Assert.Equal(TransactionState.Proceeding, transaction.State);
        SipResponse busy = Response(transaction.Request, 486);
        transaction.Handle(busy, S(301));
        Assert.Equal(TransactionState.Completed, transaction.State);
        List<TransactionEvent> events = Events(transaction);
        Assert.Equal([180, 183, 486], events.Select(e => e.Response!.StatusCode));
        Assert.All(events, e => Assert.Equal(TransactionEventKind.ResponseReceived, e.Kind));

        SipRequest ack = Assert.IsType<SipRequest>(Assert.Single(Transmitted(transaction)));
        Assert.Same(transaction.Ack, ack);
        Assert.Equal("ACK", ack.Method);
        Assert.Equal(transaction.Request.RequestUri, ack.RequestUri);
        Assert.Equal([transaction.Request.TopVia!], ack.Vias);
        Assert.Equal(new CSeq(1, "ACK"), ack.CSeq);
        Assert.Equal("a6c85cf", ack.To!.Tag);
        Assert.Equal(transaction.Request.From, ack.From);
        Assert.Equal(transaction.Request.CallId, ack.CallId);
        Assert.Equal(transaction.Request.Routes, ack.Routes);
        Assert.Equal(S(301 + 32), transaction.NextDeadline);
    }

    [Fact]
    public void Completed_answers_each_retransmitted_final_with_the_ack_and_ends_on_timer_d()
    {
        InviteClientTransaction transaction = Started();
        Transmitted(transaction);
        SipResponse declined = Response(transaction.Request, 603);
        transaction.Handle(declined, S(2));
        Transmitted(transaction);
        Events(transaction);

        transaction.Handle(declined, S(3));
        transaction.Handle(declined, S(10));
        Assert.Equal(["ACK", "ACK"], Transmitted(transaction).Select(m => ((SipRequest)m).Method));
        Assert.Empty(Events(transaction));
        transaction.Handle(Response(transaction.Request, 180), S(11));
        Assert.Empty(Transmitted(transaction));
        Assert.Empty(Events(transaction));

        transaction.HandleTimeout(S(33.999));
        Assert.Equal(TransactionState.Completed, transaction.State);
        transaction.HandleTimeout(S(34));
        Assert.Equal(TransactionState.Terminated, transaction.State);
        Assert.Equal([TransactionEventKind.Terminated], Events(transaction).Select(e => e.Kind));
    }

    [Fact]
    public void Final_error_over_tcp_is_acknowledged_and_ends_at_once()
    {
        InviteClientTransaction transaction = Started("TCP");
        Transmitted(transaction);
        transaction.Handle(Response(transaction.Request, 404), S(1));
        Assert.Equal(TransactionState.Terminated, transaction.State);
        Assert.Equal("ACK", ((SipRequest)Assert.Single(Transmitted(transaction))).Method);
        Assert.Equal([TransactionEventKind.ResponseReceived, TransactionEventKind.Terminated], Events(transaction).Select(e => e.Kind));
    }

    [Theory]
    [InlineData(TransactionState.Calling)]
    [InlineData(TransactionState.Proceeding)]
    public void A_2xx_goes_to_the_tu_and_ends_the_transaction_without_an_ack(TransactionState from)
    {
        InviteClientTransaction transaction = Started();
        Transmitted(transaction);
        if (from == TransactionState.Proceeding)
        {
            transaction.Handle(Response(transaction.Request, 100), S(0.1));
        }

        transaction.Handle(Response(transaction.Request, 200), S(0.2));
        Assert.Equal(TransactionState.Terminated, transaction.State);
        Assert.Empty(Transmitted(transaction));
        List<TransactionEvent> events = Events(transaction);
        Assert.Equal(200, events[^2].Response!.StatusCode);
        Assert.Equal(TransactionEventKind.Terminated, events[^1].Kind);
        transaction.Handle(Response(transaction.Request, 200), S(0.3));
        Assert.Empty(Events(transaction));
    }

    [Fact]
    public void Transport_error_ends_the_transaction()
    {
        InviteClientTransaction transaction = Started();
        transaction.HandleTransportError();
        Assert.Equal(TransactionState.Terminated, transaction.State);
        Assert.Equal([TransactionEventKind.TransportError, TransactionEventKind.Terminated], Events(transaction).Select(e => e.Kind));
        Assert.Null(transaction.NextDeadline);
    }

    [Fact]
    public void Bad_requests_and_a_second_start_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new InviteClientTransaction(Request("OPTIONS"), false));
        Assert.Throws<ArgumentException>(() => new InviteClientTransaction(Invite(branch: "1234"), false));
        InviteClientTransaction transaction = Started();
        Assert.Throws<InvalidOperationException>(() => transaction.Start(S(1)));
    }
}
