using Faxgate.Fax.T30.Session;
using Faxgate.Fax.T38.Terminal;
using Faxgate.Imaging.Pages;
using Faxgate.TestSupport;

namespace Faxgate.Fax.Tests.T38.Terminal;

/// <summary>
/// A receiving terminal under hostile or broken input: garbage datagrams, truncated ones, packets replayed out of
/// their call. It never throws, never hangs, and a session that received no fax ends with a failure that says why.
/// </summary>
public sealed class HostileInputTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    private static BilevelPage[] Pages(int count) =>
        [.. Enumerable.Range(0, count).Select(i => TestPages.Document(1728, 400, 900 + i, PageResolution.Fine))];

    private static T38Terminal Sender(BilevelPage[] pages) =>
        new(T30Session.ForSending(new PageDocument(pages), new T30Options { Ident = "SENDER" }));

    private static T38Terminal Receiver() =>
        new(T30Session.ForReceiving(new T30Options { Ident = "RECEIVER" }));

    /// <summary>The datagrams of one good call from sender to receiver, for replaying.</summary>
    private static List<byte[]> RecordedCall()
    {
        var pair = new TerminalPair(Sender(Pages(1)), Receiver());
        Assert.True(pair.Run(Limit));
        return pair.Sent[0];
    }

    /// <summary>Feeds a fresh receiver one datagram every 20 ms of virtual time, then lets its timers run out.</summary>
    private static T38Terminal FeedReceiver(IEnumerable<byte[]> datagrams)
    {
        T38Terminal receiver = Receiver();
        TimeSpan now = TimeSpan.Zero;
        receiver.Start(now);
        foreach (byte[] datagram in datagrams)
        {
            receiver.HandleDatagram(datagram, now);
            Drain(receiver, now);
            now += TimeSpan.FromMilliseconds(20);
            if (receiver.NextDeadline is { } deadline && deadline <= now)
            {
                receiver.HandleTimeout(now);
            }
        }

        while (!receiver.IsFinished && now < Limit)
        {
            Drain(receiver, now);
            if (receiver.NextDeadline is not { } next)
            {
                break;
            }

            now = next > now ? next : now;
            receiver.HandleTimeout(now);
        }

        Drain(receiver, now);
        Assert.True(receiver.IsFinished, "the receiver did not finish");
        return receiver;
    }

    private static void Drain(T38Terminal terminal, TimeSpan now)
    {
        while (terminal.TryPollDatagram(now, out _) || terminal.TryPollEvent(out _))
        {
        }
    }

    private static void AssertClearFailure(T38Terminal receiver)
    {
        FaxOutcome outcome = receiver.Session.Outcome!;
        Assert.False(outcome.Succeeded);
        Assert.NotEqual(FaxFailure.None, outcome.Failure);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Reason));
        Assert.Equal(0, outcome.Pages);
    }

    [Fact]
    public void Garbage_datagrams_end_the_session_with_no_answer()
    {
        var random = new Random(1);
        T38Terminal receiver = FeedReceiver(Enumerable.Range(0, 3000).Select(_ =>
        {
            byte[] garbage = new byte[random.Next(0, 400)];
            random.NextBytes(garbage);
            return garbage;
        }));

        AssertClearFailure(receiver);
        Assert.Equal(FaxFailure.NoAnswer, receiver.Session.Outcome!.Failure);
        Assert.True(receiver.ReceiveStatistics.Malformed + receiver.MalformedIfp > 0);
    }

    [Fact]
    public void Truncated_datagrams_of_a_real_call_end_the_session_with_a_failure()
    {
        var random = new Random(2);
        T38Terminal receiver = FeedReceiver(RecordedCall().Select(d => d[..random.Next(0, d.Length)]));
        AssertClearFailure(receiver);
    }

    [Fact]
    public void A_call_replayed_backwards_ends_with_a_failure()
    {
        List<byte[]> call = RecordedCall();
        call.Reverse();
        AssertClearFailure(FeedReceiver(call));
    }

    [Fact]
    public void The_page_data_of_a_call_replayed_without_its_phase_B_ends_with_a_failure()
    {
        List<byte[]> call = RecordedCall();
        AssertClearFailure(FeedReceiver(call.Skip(call.Count / 3)));
    }

    [Fact]
    public void A_call_whose_datagrams_are_each_sent_twice_and_shuffled_nearby_still_goes_through()
    {
        BilevelPage[] pages = Pages(2);
        var random = new Random(3);
        List<byte[]>[] held = [[], []];
        var pair = new TerminalPair(Sender(pages), Receiver())
        {
            Tamper = (side, datagram) =>
            {
                // Duplicate every datagram and release them a few at a time in random order: UDPTL must sort it out.
                held[side].Add(datagram);
                held[side].Add(datagram);
                if (held[side].Count < 6)
                {
                    return [];
                }

                byte[][] release = [.. held[side].OrderBy(_ => random.Next())];
                held[side].Clear();
                return release;
            },
        };

        Assert.True(pair.Run(Limit), $"not finished at {pair.Now}");
        FaxOutcome received0 = pair.Events[1].OfType<SessionCompleted>().Single().Outcome;
        Assert.True(received0.Succeeded, $"{received0} / sender {pair.Events[0].OfType<SessionCompleted>().Single().Outcome}");
        List<BilevelPage> received = [.. pair.Events[1].OfType<PageReceived>().Select(p => p.Page)];
        Assert.Equal(2, received.Count);
        Assert.True(pages[0].SamePixels(received[0]) && pages[1].SamePixels(received[1]));
    }

    [Fact]
    public void Flipped_bits_in_a_call_never_crash_or_hang_either_terminal()
    {
        var random = new Random(4);
        for (int run = 0; run < 20; run++)
        {
            var pair = new TerminalPair(Sender(Pages(1)), Receiver())
            {
                Tamper = (_, datagram) =>
                {
                    if (random.NextDouble() < 0.05 && datagram.Length > 0)
                    {
                        datagram[random.Next(datagram.Length)] ^= (byte)(1 << random.Next(8));
                    }

                    return [datagram];
                },
            };

            Assert.True(pair.Run(Limit), $"run {run} did not finish");
            foreach (List<FaxEvent> events in pair.Events)
            {
                FaxOutcome outcome = events.OfType<SessionCompleted>().Single().Outcome;
                Assert.True(outcome.Succeeded || (outcome.Failure != FaxFailure.None && outcome.Reason.Length > 0), outcome.ToString());
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Flipped_bits_in_many_calls_with_and_without_ECM_never_crash_or_hang_either_terminal(bool ecm)
    {
        // UDPTL has no checksum and T.38 carries the FCS verdict, so flipped bits reach T.30 as good frames and data.
        BilevelPage[] pages = [TestPages.Document(1728, 200, 900, PageResolution.Fine), TestPages.Document(1728, 200, 901, PageResolution.Standard)];
        for (int seed = 0; seed < 300; seed++)
        {
            var random = new Random(seed);
            var pair = new TerminalPair(
                new T38Terminal(T30Session.ForSending(new PageDocument(pages), new T30Options { Ident = "SENDER", Ecm = ecm })),
                new T38Terminal(T30Session.ForReceiving(new T30Options { Ident = "RECEIVER", Ecm = ecm })))
            {
                Tamper = (_, datagram) =>
                {
                    if (random.Next(8) == 0 && datagram.Length > 2)
                    {
                        datagram = (byte[])datagram.Clone();
                        datagram[random.Next(2, datagram.Length)] ^= (byte)(1 << random.Next(8));
                    }

                    return [datagram];
                },
            };

            Assert.True(pair.Run(Limit), $"seed {seed} did not finish");
        }
    }
}
