using Faxgate.Sip.Messages;
using Faxgate.Sip.Transactions;
using static Faxgate.Sip.Tests.Transactions.TransactionScenario;

namespace Faxgate.Sip.Tests.Transactions;

/// <summary>
/// Two transaction tables talking over a virtual UDP link that loses chosen messages, driven the way an adapter
/// drives them: route what arrives, drain the transmits, jump to the next deadline.
/// </summary>
public sealed class TransactionExchangeTests
{
    private sealed class Link(TransactionTable caller, TransactionTable callee)
    {
        public List<(TimeSpan At, string From, string What)> Log { get; } = [];

        public HashSet<int> Lose { get; } = [];

        public List<TransactionMatch> CalleeMatches { get; } = [];

        private int _sent;

        public void Flush(TimeSpan now)
        {
            bool moved = true;
            while (moved)
            {
                moved = false;
                while (caller.TryPollTransmit(out SipMessage? message))
                {
                    moved = true;
                    Deliver("caller", message, callee, now);
                }

                while (callee.TryPollTransmit(out SipMessage? message))
                {
                    moved = true;
                    Deliver("callee", message, caller, now);
                }
            }
        }

        public void RunUntil(TimeSpan end)
        {
            Flush(TimeSpan.Zero);
            while (Earliest(caller.NextDeadline, callee.NextDeadline) is { } deadline && deadline <= end)
            {
                caller.HandleTimeout(deadline);
                callee.HandleTimeout(deadline);
                Flush(deadline);
                while (caller.TryPollEvent(out _, out _) || callee.TryPollEvent(out _, out _))
                {
                }
            }
        }

        private void Deliver(string from, SipMessage message, TransactionTable to, TimeSpan now)
        {
            string what = message is SipRequest request ? request.Method : ((SipResponse)message).StatusCode.ToString();
            bool lost = Lose.Contains(_sent++);
            Log.Add((now, from, lost ? what + " lost" : what));
            if (!lost)
            {
                TransactionMatch match = to.Route(message, now);
                if (to == callee)
                {
                    CalleeMatches.Add(match);
                }
            }
        }

        private static TimeSpan? Earliest(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a < b ? a : b;
    }

    [Fact]
    public void A_lost_invite_and_a_lost_ack_are_recovered_by_retransmission()
    {
        var caller = new TransactionTable(newBranch: () => "z9hG4bKcall1");
        var callee = new TransactionTable();
        // Lost: the first INVITE (message 0) and the first ACK (message 4: INVITE, INVITE, 100, 486, ACK).
        var link = new Link(caller, callee) { Lose = { 0, 4 } };
        var client = (InviteClientTransaction)caller.StartClient(Invite(), TimeSpan.Zero);
        link.Flush(TimeSpan.Zero);
        link.RunUntil(S(0.5));
        var server = (InviteServerTransaction)link.CalleeMatches.Single(m => m.Kind == TransactionMatchKind.NewRequest).Transaction!;
        link.RunUntil(S(0.7));
        server.SendResponse(Response(server.Request, 486), S(0.7));
        link.Flush(S(0.7));
        link.RunUntil(S(60));

        Assert.Equal(
            [
                (S(0), "caller", "INVITE lost"),
                (S(0.5), "caller", "INVITE"),
                (S(0.7), "callee", "100"),
                (S(0.7), "callee", "486"),
                (S(0.7), "caller", "ACK lost"),
                (S(1.2), "callee", "486"),
                (S(1.2), "caller", "ACK"),
            ],
            link.Log);
        Assert.Equal(TransactionState.Terminated, client.State);
        Assert.Equal(TransactionState.Terminated, server.State);
        Assert.Equal(0, caller.Count);
        Assert.Equal(0, callee.Count);
    }
}
