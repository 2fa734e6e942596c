using Faxgate.Sip.Messages;
using Faxgate.Sip.Transactions;
using Faxgate.TestSupport;
using static Faxgate.Sip.Tests.Transactions.TransactionScenario;

namespace Faxgate.Sip.Tests.Transactions;

/// <summary>
/// Random interleavings of messages, responses from the TU and the passing of time, reproducible from a seed: no
/// machine throws, goes back from Terminated, leaves a deadline in the past, or fails to end once left alone.
/// </summary>
public sealed class TransactionRandomTests
{
    private static readonly int[] Statuses = [100, 180, 183, 200, 202, 302, 401, 404, 486, 500, 503, 603];

    [Theory]
    [InlineData("UDP")]
    [InlineData("TCP")]
    public void Random_inputs_keep_every_machine_consistent(string transport)
    {
        Random random = FuzzInputs.Seeded(transport == "UDP" ? 3261 : 17);
        DateTime until = DateTime.UtcNow + FuzzInputs.Budget(0.5);
        int runs = 0;
        while (DateTime.UtcNow < until || runs < 200)
        {
            Run(random, transport);
            runs++;
        }
    }

    private static void Run(Random random, string transport)
    {
        bool reliable = transport != "UDP";
        SipRequest invite = Invite(transport);
        SipRequest options = Request("OPTIONS", transport);
        SipTransaction transaction = random.Next(4) switch
        {
            0 => new InviteClientTransaction(invite, reliable),
            1 => new NonInviteClientTransaction(options, reliable),
            2 => new InviteServerTransaction(invite, reliable, TimeSpan.Zero),
            _ => new NonInviteServerTransaction(options, reliable),
        };
        (transaction as ClientTransaction)?.Start(TimeSpan.Zero);
        TimeSpan now = TimeSpan.Zero;
        var events = new List<TransactionEvent>();
        bool terminated = false;
        for (int step = 0; step < 30; step++)
        {
            int status = Statuses[random.Next(Statuses.Length)];
            switch (random.Next(5))
            {
                case 0:
                    now += Ms(random.Next(0, 8000));
                    transaction.HandleTimeout(now);
                    Assert.True(transaction.NextDeadline is null || transaction.NextDeadline > now);
                    break;
                case 1:
                    transaction.Handle(Response(transaction.Request, status), now);
                    break;
                case 2:
                    transaction.Handle(transaction.Request, now);
                    break;
                case 3 when transaction.Request.Method == "INVITE":
                    transaction.Handle(AckFor(transaction.Request, Response(transaction.Request, status)), now);
                    break;
                default:
                    (transaction as ServerTransaction)?.SendResponse(Response(transaction.Request, status), now);
                    break;
            }

            Transmitted(transaction);
            events.AddRange(Events(transaction));
            Assert.False(terminated && transaction.State != TransactionState.Terminated);
            terminated = transaction.State == TransactionState.Terminated;
        }

        // Left alone, a machine ends unless it waits for a party that has not answered yet.
        if (transaction is ServerTransaction server && server.State is TransactionState.Trying or TransactionState.Proceeding)
        {
            server.SendResponse(Response(server.Request, 500), now);
        }

        transaction.HandleTimeout(now + S(100));
        events.AddRange(Events(transaction));
        bool waiting = transaction is InviteClientTransaction && transaction.State == TransactionState.Proceeding;
        Assert.True(waiting || transaction.State == TransactionState.Terminated, $"{transaction.GetType().Name} stuck in {transaction.State}");
        Assert.Equal(waiting ? 0 : 1, events.Count(e => e.Kind == TransactionEventKind.Terminated));
        if (!waiting)
        {
            Assert.Equal(TransactionEventKind.Terminated, events[^1].Kind);
            Assert.Null(transaction.NextDeadline);
        }
    }
}
