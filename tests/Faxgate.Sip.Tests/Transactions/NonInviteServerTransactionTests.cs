using Faxgate.Sip.Messages;
using Faxgate.Sip.Transactions;
using static Faxgate.Sip.Tests.Transactions.TransactionScenario;

namespace Faxgate.Sip.Tests.Transactions;

public sealed class NonInviteServerTransactionTests
{
    private static NonInviteServerTransaction Received(string transport = "UDP", string method = "OPTIONS")
    {
        var transaction = new NonInviteServerTransaction(Request(method, transport), transport != "UDP");
        Assert.Equal(TransactionState.Trying, transaction.State);
        return transaction;
    }

    [Fact]
    public void Retransmissions_in_trying_are_absorbed_and_in_proceeding_get_the_provisional()
    {
        NonInviteServerTransaction transaction = Received();
        transaction.Handle(transaction.Request, S(0.5));
        Assert.Empty(Transmitted(transaction));
        SipResponse trying = Response(transaction.Request, 100);
        Assert.True(transaction.SendResponse(trying, S(0.6)));
        Assert.Equal(TransactionState.Proceeding, transaction.State);
        transaction.Handle(transaction.Request, S(1.5));
        Assert.Equal([trying, trying], Transmitted(transaction));
        Assert.Null(transaction.NextDeadline);
    }

    [Fact]
    public void Final_response_over_udp_answers_retransmissions_until_timer_j()
    {
        NonInviteServerTransaction transaction = Received();
        SipResponse ok = Response(transaction.Request, 200);
        Assert.True(transaction.SendResponse(ok, S(1)));
        Assert.Equal(TransactionState.Completed, transaction.State);
        Assert.Equal(S(33), transaction.NextDeadline);
        transaction.Handle(transaction.Request, S(2));
        Assert.False(transaction.SendResponse(Response(transaction.Request, 500), S(2)));
        Assert.Equal([ok, ok], Transmitted(transaction));
        Assert.Empty(RunUntil(transaction, S(2), S(100)));
        Assert.Equal(TransactionState.Terminated, transaction.State);
        Assert.Equal([TransactionEventKind.Terminated], Events(transaction).Select(e => e.Kind));
    }

    [Fact]
    public void Final_response_over_tcp_ends_at_once()
    {
        NonInviteServerTransaction transaction = Received("TCP", "BYE");
        SipResponse ok = Response(transaction.Request, 200);
        transaction.SendResponse(ok, S(1));
        Assert.Equal(TransactionState.Terminated, transaction.State);
        Assert.Equal([ok], Transmitted(transaction));
        Assert.Equal([TransactionEventKind.Terminated], Events(transaction).Select(e => e.Kind));
    }

    [Fact]
    public void Transport_error_ends_the_transaction_and_invite_or_ack_are_refused()
    {
        NonInviteServerTransaction transaction = Received();
        transaction.HandleTransportError();
        Assert.Equal([TransactionEventKind.TransportError, TransactionEventKind.Terminated], Events(transaction).Select(e => e.Kind));
        Assert.Throws<ArgumentException>(() => new NonInviteServerTransaction(Invite(), false));
        Assert.Throws<ArgumentException>(() => new NonInviteServerTransaction(Request("ACK"), false));
        Assert.Throws<ArgumentException>(() => new NonInviteServerTransaction(Request("BYE", branch: "a1b2"), false));
    }

    [Fact]
    public void A_response_to_another_request_is_refused()
    {
        NonInviteServerTransaction transaction = Received();
        Assert.Throws<ArgumentException>(() => transaction.SendResponse(Response(Request("OPTIONS", branch: "z9hG4bKother"), 200), S(1)));
        Assert.Throws<ArgumentException>(() => transaction.SendResponse(Response(Request("OPTIONS", cseq: 2), 200), S(1)));
        Assert.Empty(Transmitted(transaction));
        Assert.Equal(TransactionState.Trying, transaction.State);
    }
}
