using Faxgate.Sip.Messages;
using Faxgate.Sip.Transactions;
using static Faxgate.Sip.Tests.Transactions.TransactionScenario;

namespace Faxgate.Sip.Tests.Transactions;

public sealed class NonInviteClientTransactionTests
{
    private static NonInviteClientTransaction Started(string transport = "UDP", string method = "OPTIONS")
    {
        var transaction = new NonInviteClientTransaction(Request(method, transport), transport != "UDP");
        transaction.Start(TimeSpan.Zero);
        Assert.Equal(TransactionState.Trying, transaction.State);
        return transaction;
    }

    [Fact]
    public void Unanswered_request_over_udp_retransmits_on_timer_e_capped_at_t2_and_times_out_on_timer_f()
    {
        NonInviteClientTransaction transaction = Started();
        List<(TimeSpan At, SipMessage Message)> sent = RunUntil(transaction, TimeSpan.Zero, S(100));
        Assert.Equal(
            [S(0), S(0.5), S(1.5), S(3.5), S(7.5), S(11.5), S(15.5), S(19.5), S(23.5), S(27.5), S(31.5)],
            Times(sent));
        List<TransactionEvent> events = Events(transaction);
        Assert.Equal([TransactionEventKind.TimedOut, TransactionEventKind.Terminated], events.Select(e => e.Kind));
        Assert.Equal(408, events[0].Response!.StatusCode);
    }

    [Fact]
    public void Unanswered_request_over_tcp_is_sent_once_and_times_out_on_timer_f()
    {
        NonInviteClientTransaction transaction = Started("TCP");
        Assert.Equal([S(0)], Times(RunUntil(transaction, TimeSpan.Zero, S(100))));
        Assert.Equal(TransactionEventKind.TimedOut, Events(transaction)[0].Kind);
    }

    [Fact]
    public void Proceeding_retransmits_every_t2_and_still_times_out_on_timer_f()
    {
        NonInviteClientTransaction transaction = Started();
        Assert.Equal([S(0), S(0.5)], Times(RunUntil(transaction, TimeSpan.Zero, S(1))));
        transaction.Handle(Response(transaction.Request, 100), S(1));
        Assert.Equal(TransactionState.Proceeding, transaction.State);
        // Timer E was set at 0.5 s for 1 s; it fires at 1.5 s and from then on every T2.
        Assert.Equal([S(1.5), S(5.5), S(9.5), S(13.5), S(17.5), S(21.5), S(25.5), S(29.5)], Times(RunUntil(transaction, S(1), S(100))));
        Assert.Equal(
            [TransactionEventKind.ResponseReceived, TransactionEventKind.TimedOut, TransactionEventKind.Terminated],
            Events(transaction).Select(e => e.Kind));
    }

    [Fact]
    public void Final_response_completes_absorbs_retransmissions_and_ends_on_timer_k()
    {
        NonInviteClientTransaction transaction = Started();
        Transmitted(transaction);
        transaction.Handle(Response(transaction.Request, 180), S(0.2));
        SipResponse ok = Response(transaction.Request, 200);
        transaction.Handle(ok, S(0.3));
        Assert.Equal(TransactionState.Completed, transaction.State);
        Assert.Equal(S(5.3), transaction.NextDeadline);
        transaction.Handle(ok, S(1));
        transaction.Handle(Response(transaction.Request, 500), S(1));
        Assert.Empty(Transmitted(transaction));
        Assert.Equal([180, 200], Events(transaction).Select(e => e.Response!.StatusCode));
        transaction.HandleTimeout(S(5.3));
        Assert.Equal(TransactionState.Terminated, transaction.State);
        Assert.Equal([TransactionEventKind.Terminated], Events(transaction).Select(e => e.Kind));
    }

    [Fact]
    public void Final_response_over_tcp_ends_at_once()
    {
        NonInviteClientTransaction transaction = Started("TLS", "BYE");
        transaction.Handle(Response(transaction.Request, 481), S(0.3));
        Assert.Equal(TransactionState.Terminated, transaction.State);
        Assert.Equal([TransactionEventKind.ResponseReceived, TransactionEventKind.Terminated], Events(transaction).Select(e => e.Kind));
    }

    [Fact]
    public void Transport_error_ends_the_transaction_and_an_invite_is_refused()
    {
        NonInviteClientTransaction transaction = Started();
        transaction.HandleTransportError();
        Assert.Equal([TransactionEventKind.TransportError, TransactionEventKind.Terminated], Events(transaction).Select(e => e.Kind));
        Assert.Throws<ArgumentException>(() => new NonInviteClientTransaction(Invite(), false));
        Assert.Throws<ArgumentException>(() => new NonInviteClientTransaction(Request("ACK"), false));
    }
}
