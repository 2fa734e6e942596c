using Faxgate.Sip.Messages;
using Faxgate.Sip.Transactions;
using static Faxgate.Sip.Tests.Transactions.TransactionScenario;

namespace Faxgate.Sip.Tests.Transactions;

public sealed class TransactionTableTests
{
    private static BranchGenerator Counting()
    {
        int next = 0;
        return () => $"z9hG4bKtest{++next}";
    }

    [Fact]
    public void Server_key_is_branch_sent_by_and_method_with_ack_as_invite()
    {
        Assert.True(TransactionKey.TryForServer(Invite(), out TransactionKey? invite));
        Assert.Equal("z9hG4bK776asdhds", invite.Branch);
        Assert.Equal("pc33.example.com:5060", invite.SentBy);
        Assert.Equal("INVITE", invite.Method);
        Assert.True(TransactionKey.TryForServer(Request("ACK"), out TransactionKey? ack));
        Assert.Equal(invite, ack);
        Assert.True(TransactionKey.TryForServer(Request("CANCEL"), out TransactionKey? cancel));
        Assert.NotEqual(invite, cancel);
        Assert.True(TransactionKey.TryForServer(Request("INVITE", sentBy: "PC33.Example.COM:5060"), out TransactionKey? upper));
        Assert.Equal(invite, upper);
        Assert.True(TransactionKey.TryForServer(Request("INVITE", sentBy: "pc33.example.com:5070"), out TransactionKey? otherPort));
        Assert.NotEqual(invite, otherPort);
    }

    [Fact]
    public void Client_key_is_branch_and_cseq_method()
    {
        SipRequest invite = Invite();
        Assert.True(TransactionKey.TryForClient(invite, out TransactionKey? request));
        Assert.True(TransactionKey.TryForClient(Response(invite, 180), out TransactionKey? response));
        Assert.Equal(request, response);
        Assert.Null(request.SentBy);
        Assert.True(TransactionKey.TryForClient(Response(Request("CANCEL"), 200), out TransactionKey? cancel));
        Assert.NotEqual(request, cancel);
        Assert.False(TransactionKey.TryForClient(Request("INVITE", branch: "776asdhds"), out _));
        Assert.False(TransactionKey.TryForClient(Request("INVITE", branch: "z9hG4bK"), out _));
    }

    [Fact]
    public void A_new_invite_gets_a_server_transaction_its_retransmission_and_the_ack_of_an_error_match_it()
    {
        var table = new TransactionTable();
        SipRequest invite = Invite();
        TransactionMatch first = table.Route(invite, TimeSpan.Zero);
        Assert.Equal(TransactionMatchKind.NewRequest, first.Kind);
        var server = Assert.IsType<InviteServerTransaction>(first.Transaction);
        SipResponse busy = Response(invite, 486);
        server.SendResponse(busy, Ms(10));

        TransactionMatch again = table.Route(invite, S(0.3));
        Assert.Equal(TransactionMatchKind.Matched, again.Kind);
        Assert.Same(server, again.Transaction);
        Assert.Equal([busy, busy], Transmitted(server));

        TransactionMatch ack = table.Route(AckFor(invite, busy), S(0.4));
        Assert.Equal(TransactionMatchKind.Matched, ack.Kind);
        Assert.Equal(TransactionState.Confirmed, server.State);
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void Cancel_is_its_own_transaction_and_the_ack_of_a_2xx_matches_nothing()
    {
        var table = new TransactionTable();
        SipRequest invite = Invite();
        var server = (InviteServerTransaction)table.Route(invite, TimeSpan.Zero).Transaction!;
        TransactionMatch cancel = table.Route(Request("CANCEL"), S(1));
        Assert.Equal(TransactionMatchKind.NewRequest, cancel.Kind);
        Assert.IsType<NonInviteServerTransaction>(cancel.Transaction);
        Assert.Equal(2, table.Count);

        server.SendResponse(Response(invite, 200), S(2));
        Assert.Equal(TransactionState.Terminated, server.State);
        SipRequest ackFor2xx = Request("ACK", branch: "z9hG4bKnewbranch");
        Assert.Equal(TransactionMatchKind.UnmatchedAck, table.Route(ackFor2xx, S(3)).Kind);
    }

    [Fact]
    public void A_request_without_the_magic_cookie_is_not_rfc3261_and_a_stray_response_is_reported()
    {
        var table = new TransactionTable();
        Assert.Equal(TransactionMatchKind.NotRfc3261, table.Route(Request("INVITE", branch: "776asdhds"), TimeSpan.Zero).Kind);
        Assert.Equal(TransactionMatchKind.StrayResponse, table.Route(Response(Invite(), 200), TimeSpan.Zero).Kind);
        Assert.Equal(TransactionMatchKind.StrayResponse, table.Route(Response(Invite(branch: "776asdhds"), 200), TimeSpan.Zero).Kind);
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void Client_transactions_get_new_branches_and_their_responses_by_branch_and_cseq_method()
    {
        var table = new TransactionTable(newBranch: Counting());
        ClientTransaction invite = table.StartClient(Invite(), TimeSpan.Zero);
        ClientTransaction options = table.StartClient(Request("OPTIONS"), TimeSpan.Zero);
        Assert.Equal("z9hG4bKtest1", invite.Request.TopVia!.Branch);
        Assert.Equal("z9hG4bKtest2", options.Request.TopVia!.Branch);
        Assert.IsType<InviteClientTransaction>(invite);
        Assert.IsType<NonInviteClientTransaction>(options);
        Assert.True(table.TryPollTransmit(out SipMessage? first));
        Assert.True(table.TryPollTransmit(out SipMessage? second));
        Assert.False(table.TryPollTransmit(out _));
        Assert.Equal(new SipMessage[] { invite.Request, options.Request }.ToHashSet(), new[] { first, second }.ToHashSet());

        TransactionMatch ringing = table.Route(Response(invite.Request, 180), S(0.1));
        Assert.Same(invite, ringing.Transaction);
        Assert.Equal(TransactionState.Proceeding, invite.State);

        // A CANCEL keeps the INVITE's branch (section 9.1) yet its response matches the CANCEL, not the INVITE.
        SipRequest cancelRequest = TransactionTable.WithTopBranch(Request("CANCEL"), "z9hG4bKtest1");
        ClientTransaction cancel = table.StartClient(cancelRequest, S(1));
        Assert.Equal("z9hG4bKtest1", cancel.Request.TopVia!.Branch);
        Assert.Same(cancel, table.Route(Response(cancel.Request, 200), S(1.1)).Transaction);
        Assert.Equal(TransactionState.Completed, cancel.State);
        Assert.Equal(TransactionState.Proceeding, invite.State);
    }

    [Fact]
    public void Retransmitted_2xx_after_the_invite_client_ended_goes_to_the_tu_as_stray()
    {
        var table = new TransactionTable(newBranch: Counting());
        ClientTransaction invite = table.StartClient(Invite(), TimeSpan.Zero);
        SipResponse ok = Response(invite.Request, 200);
        Assert.Equal(TransactionMatchKind.Matched, table.Route(ok, S(1)).Kind);
        Assert.Equal(TransactionState.Terminated, invite.State);
        Assert.Equal(TransactionMatchKind.StrayResponse, table.Route(ok, S(1.5)).Kind);
        while (table.TryPollEvent(out _, out _))
        {
        }

        while (table.TryPollTransmit(out _))
        {
        }

        Assert.Equal(TransactionMatchKind.StrayResponse, table.Route(ok, S(2)).Kind);
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void Terminated_transactions_are_removed_once_polled_and_timers_run_through_the_table()
    {
        var table = new TransactionTable(newBranch: Counting());
        ClientTransaction options = table.StartClient(Request("OPTIONS", "TCP"), TimeSpan.Zero);
        Assert.Equal(S(32), table.NextDeadline);
        table.HandleTimeout(S(32));
        Assert.Equal(TransactionState.Terminated, options.State);
        Assert.Equal(1, table.Count);
        var kinds = new List<TransactionEventKind>();
        while (table.TryPollEvent(out SipTransaction? source, out TransactionEvent e))
        {
            Assert.Same(options, source);
            kinds.Add(e.Kind);
        }

        Assert.Equal([TransactionEventKind.TimedOut, TransactionEventKind.Terminated], kinds);
        Assert.True(table.TryPollTransmit(out _));
        Assert.Equal(1, table.Sweep());
        Assert.Equal(0, table.Count);
        Assert.Null(table.NextDeadline);
    }

    [Fact]
    public void Reliability_follows_the_via_transport_and_a_bad_generator_is_refused()
    {
        var table = new TransactionTable();
        Assert.False(((SipTransaction)table.Route(Invite("UDP"), TimeSpan.Zero).Transaction!).Reliable);
        Assert.True(((SipTransaction)table.Route(Request("OPTIONS", "TCP"), TimeSpan.Zero).Transaction!).Reliable);
        Assert.True(table.StartClient(Request("OPTIONS", "TLS"), TimeSpan.Zero).Reliable);
        var bad = new TransactionTable(newBranch: () => "notacookie");
        Assert.Throws<InvalidOperationException>(() => bad.StartClient(Invite(), TimeSpan.Zero));
        Assert.StartsWith(Branches.MagicCookie, Branches.Random(), StringComparison.Ordinal);
        Assert.NotEqual(Branches.Random(), Branches.Random());
    }
}
