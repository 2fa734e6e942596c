using Faxgate.Sip.Messages;
using Faxgate.Sip.Transactions;
using static Faxgate.Sip.Tests.Transactions.TransactionScenario;

namespace Faxgate.Sip.Tests.Transactions;

public sealed class InviteServerTransactionTests
{
    private static InviteServerTransaction Received(string transport = "UDP")
    {
        var transaction = new InviteServerTransaction(Invite(transport), transport != "UDP", TimeSpan.Zero);
        Assert.Equal(TransactionState.Proceeding, transaction.State);
        return transaction;
    }

    [Fact]
    public void Sends_100_trying_itself_when_the_tu_is_silent_for_200_ms()
    {
        InviteServerTransaction transaction = Received();
        Assert.Equal(Ms(200), transaction.NextDeadline);
        List<(TimeSpan At, SipMessage Message)> sent = RunUntil(transaction, TimeSpan.Zero, S(10));
        Assert.Equal([Ms(200)], Times(sent));
        var trying = Assert.IsType<SipResponse>(sent[0].Message);
        Assert.Equal(100, trying.StatusCode);
        Assert.Null(trying.To!.Tag);
        Assert.Equal(TransactionState.Proceeding, transaction.State);
    }

    [Fact]
    public void No_100_trying_when_the_tu_answers_first_and_retransmitted_invites_get_the_last_provisional()
    {
        InviteServerTransaction transaction = Received();
        transaction.Handle(transaction.Request, Ms(50));
        Assert.Empty(Transmitted(transaction));
        SipResponse ringing = Response(transaction.Request, 180);
        Assert.True(transaction.SendResponse(ringing, Ms(100)));
        Assert.Null(transaction.NextDeadline);
        transaction.Handle(transaction.Request, Ms(600));
        transaction.Handle(transaction.Request, Ms(1600));
        Assert.Equal([ringing, ringing, ringing], Transmitted(transaction));
        Assert.Empty(Events(transaction));
    }

    [Fact]
    public void A_2xx_is_sent_once_and_ends_the_transaction()
    {
        InviteServerTransaction transaction = Received();
        SipResponse ok = Response(transaction.Request, 200);
        Assert.True(transaction.SendResponse(ok, Ms(10)));
        Assert.Equal(TransactionState.Terminated, transaction.State);
        Assert.Equal([ok], Transmitted(transaction));
        Assert.Equal([TransactionEventKind.Terminated], Events(transaction).Select(e => e.Kind));
        Assert.False(transaction.SendResponse(ok, Ms(20)));
        Assert.Empty(Transmitted(transaction));
    }

    [Fact]
    public void Error_over_udp_is_retransmitted_on_timer_g_capped_at_t2_until_timer_h()
    {
        InviteServerTransaction transaction = Received();
        SipResponse busy = Response(transaction.Request, 486);
        Assert.True(transaction.SendResponse(busy, TimeSpan.Zero));
        Assert.Equal(TransactionState.Completed, transaction.State);
        List<(TimeSpan At, SipMessage Message)> sent = RunUntil(transaction, TimeSpan.Zero, S(100));
        Assert.Equal(
            [S(0), S(0.5), S(1.5), S(3.5), S(7.5), S(11.5), S(15.5), S(19.5), S(23.5), S(27.5), S(31.5)],
            Times(sent));
        Assert.All(sent, s => Assert.Same(busy, s.Message));
        Assert.Equal(TransactionState.Terminated, transaction.State);
        List<TransactionEvent> events = Events(transaction);
        Assert.Equal([TransactionEventKind.TimedOut, TransactionEventKind.Terminated], events.Select(e => e.Kind));
        Assert.Null(events[0].Response);
    }

    [Fact]
    public void Ack_confirms_stops_retransmission_and_timer_i_ends_the_transaction()
    {
        InviteServerTransaction transaction = Received();
        SipResponse busy = Response(transaction.Request, 486);
        transaction.SendResponse(busy, TimeSpan.Zero);
        Assert.Equal(3, RunUntil(transaction, TimeSpan.Zero, S(2)).Count);
        transaction.Handle(transaction.Request, S(2));
        Assert.Equal([busy], Transmitted(transaction));

        SipRequest ack = AckFor(transaction.Request, busy);
        transaction.Handle(ack, S(2.5));
        Assert.Equal(TransactionState.Confirmed, transaction.State);
        Assert.Equal(S(7.5), transaction.NextDeadline);
        transaction.Handle(ack, S(3));
        transaction.Handle(transaction.Request, S(3));
        Assert.Empty(Transmitted(transaction));
        Assert.Empty(Events(transaction));
        Assert.False(transaction.SendResponse(Response(transaction.Request, 200), S(3)));

        transaction.HandleTimeout(S(7.5));
        Assert.Equal(TransactionState.Terminated, transaction.State);
        Assert.Equal([TransactionEventKind.Terminated], Events(transaction).Select(e => e.Kind));
    }

    [Fact]
    public void Error_over_tcp_is_sent_once_and_the_ack_ends_the_transaction_at_once()
    {
        InviteServerTransaction transaction = Received("TCP");
        SipResponse declined = Response(transaction.Request, 603);
        transaction.SendResponse(declined, TimeSpan.Zero);
        Assert.Equal(S(32), transaction.NextDeadline);
        Assert.Single(RunUntil(transaction, TimeSpan.Zero, S(10)));
        transaction.Handle(AckFor(transaction.Request, declined), S(10));
        Assert.Equal(TransactionState.Terminated, transaction.State);
        Assert.Equal([TransactionEventKind.Terminated], Events(transaction).Select(e => e.Kind));
    }

    [Fact]
    public void Error_over_tcp_without_ack_times_out_on_timer_h()
    {
        InviteServerTransaction transaction = Received("TCP");
        transaction.SendResponse(Response(transaction.Request, 480), TimeSpan.Zero);
        Assert.Single(RunUntil(transaction, TimeSpan.Zero, S(100)));
        Assert.Equal([TransactionEventKind.TimedOut, TransactionEventKind.Terminated], Events(transaction).Select(e => e.Kind));
    }

    [Fact]
    public void Transport_error_ends_the_transaction()
    {
        InviteServerTransaction transaction = Received();
        transaction.SendResponse(Response(transaction.Request, 500), TimeSpan.Zero);
        transaction.HandleTransportError();
        Assert.Equal([TransactionEventKind.TransportError, TransactionEventKind.Terminated], Events(transaction).Select(e => e.Kind));
        Assert.Null(transaction.NextDeadline);
    }
}
