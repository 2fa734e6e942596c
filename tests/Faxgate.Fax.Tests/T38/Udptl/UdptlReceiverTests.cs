using Faxgate.Fax.T38.Ifp;
using Faxgate.Fax.T38.Udptl;

namespace Faxgate.Fax.Tests.T38.Udptl;

public sealed class UdptlReceiverTests
{
    [Fact]
    public void An_empty_secondary_packet_is_not_a_recovery_but_a_loss()
    {
        var receiver = new UdptlReceiver();

        // seq 1, primary IFP 0x00 (no-signal), redundancy with one secondary of zero octets standing for seq 0.
        receiver.HandleDatagram([0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00]);

        Assert.True(receiver.TryPollIfp(out UdptlDelivery delivery));
        Assert.Equal(1, delivery.SequenceNumber);
        Assert.False(receiver.TryPollIfp(out _));
        Assert.Equal(1, receiver.Statistics.Lost);
        Assert.Equal(0, receiver.Statistics.Recovered);
    }

    [Fact]
    public void Datagrams_in_order_deliver_every_packet_once()
    {
        Link link = new(new UdptlSenderOptions());
        link.Send(50);
        link.DeliverAll();
        link.AssertDelivered(Enumerable.Range(0, 50));
        Assert.Equal(new UdptlReceiverStatistics { Received = 50 }, link.Receiver.Statistics);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Bursts_of_losses_up_to_the_redundancy_depth_are_recovered(int depth)
    {
        Link link = new(new UdptlSenderOptions { RedundancyDepth = depth });
        link.Send(100);
        var dropped = new HashSet<int>();
        for (int start = 5; start + depth < 100; start += depth + 7)
        {
            for (int i = 0; i < depth; i++)
            {
                dropped.Add(start + i);
            }
        }

        link.DeliverAll(except: dropped);
        link.AssertDelivered(Enumerable.Range(0, 100));
        Assert.Equal(dropped.Count, link.Receiver.Statistics.Recovered);
        Assert.Equal(0, link.Receiver.Statistics.Lost);
        Assert.All(link.Delivered.Where(d => dropped.Contains(d.SequenceNumber)), d => Assert.Equal(UdptlDeliverySource.Secondary, d.Source));
    }

    [Fact]
    public void A_burst_longer_than_the_redundancy_loses_the_oldest_packets_and_counts_them()
    {
        Link link = new(new UdptlSenderOptions { RedundancyDepth = 2 });
        link.Send(20);
        link.DeliverAll(except: new HashSet<int> { 10, 11, 12, 13, 14 });
        link.AssertDelivered(Enumerable.Range(0, 20).Except([10, 11, 12]));
        Assert.Equal(3, link.Receiver.Statistics.Lost);
        Assert.Equal(2, link.Receiver.Statistics.Recovered);
    }

    [Theory]
    [InlineData(3, 3, 3)]
    [InlineData(4, 1, 1)]
    [InlineData(2, 4, 4)]
    public void Bursts_of_losses_up_to_the_fec_entries_are_rebuilt_from_parity(int span, int entries, int burst)
    {
        Link link = new(new UdptlSenderOptions { Recovery = UdptlRecoveryKind.Fec, FecSpan = span, FecEntries = entries });
        link.Send(200);
        var dropped = new HashSet<int>();
        for (int start = span * entries; start + burst < 200; start += (span * entries) + burst + 1)
        {
            for (int i = 0; i < burst; i++)
            {
                dropped.Add(start + i);
            }
        }

        link.DeliverAll(except: dropped);
        link.AssertDelivered(Enumerable.Range(0, 200));
        Assert.Equal(dropped.Count, link.Receiver.Statistics.Recovered);
        Assert.All(link.Delivered.Where(d => dropped.Contains(d.SequenceNumber)), d => Assert.Equal(UdptlDeliverySource.FecParity, d.Source));
    }

    [Fact]
    public void Numbering_wraps_at_65535_without_loss_or_duplicates()
    {
        Link link = new(new UdptlSenderOptions { RedundancyDepth = 1, FirstSequenceNumber = 65530 }, new UdptlReceiverOptions { FirstSequenceNumber = 65530 });
        link.Send(12);
        link.DeliverAll(except: new HashSet<int> { 5, 7 });
        link.AssertDelivered(Enumerable.Range(0, 12));
        Assert.Equal(new ushort[] { 65535, 0, 1 }, link.Delivered.Skip(5).Take(3).Select(d => d.SequenceNumber));
    }

    [Fact]
    public void Duplicates_and_late_packets_are_dropped_and_counted()
    {
        Link link = new(new UdptlSenderOptions { RedundancyDepth = 0 });
        link.Send(6);
        link.Feed(0, 1, 1, 3, 2, 4, 0, 5, 5);
        link.AssertDelivered([0, 1, 3, 4, 5]);
        UdptlReceiverStatistics statistics = link.Receiver.Statistics;
        Assert.Equal(9, statistics.Received);
        Assert.Equal(3, statistics.Duplicates);
        Assert.Equal(1, statistics.Late);
        Assert.Equal(1, statistics.Lost);
    }

    [Fact]
    public void Reordered_packets_already_recovered_from_redundancy_are_duplicates()
    {
        Link link = new(new UdptlSenderOptions { RedundancyDepth = 2 });
        link.Send(5);
        link.Feed(0, 2, 1, 3, 4);
        link.AssertDelivered(Enumerable.Range(0, 5));
        Assert.Equal(1, link.Receiver.Statistics.Recovered);
        Assert.Equal(1, link.Receiver.Statistics.Duplicates);
    }

    [Fact]
    public void Lost_first_packets_are_recovered_when_numbering_starts_at_zero()
    {
        Link link = new(new UdptlSenderOptions { RedundancyDepth = 3 });
        link.Send(5);
        link.Feed(2, 3, 4);
        link.AssertDelivered(Enumerable.Range(0, 5));
    }

    [Fact]
    public void A_jump_larger_than_the_gap_limit_restarts_the_numbering()
    {
        var receiver = new UdptlReceiver(new UdptlReceiverOptions { MaxGap = 100 });
        receiver.HandleDatagram(UdptlPacket.WithRedundancy(0, new byte[] { 0x02 }).ToArray());
        receiver.HandleDatagram(UdptlPacket.WithRedundancy(30000, new byte[] { 0x04 }).ToArray());
        receiver.HandleDatagram(UdptlPacket.WithRedundancy(30001, new byte[] { 0x06 }).ToArray());
        receiver.HandleDatagram(UdptlPacket.WithRedundancy(0, new byte[] { 0x00 }).ToArray());
        var delivered = new List<ushort>();
        while (receiver.TryPollIfp(out UdptlDelivery delivery))
        {
            delivered.Add(delivery.SequenceNumber);
        }

        Assert.Equal(new ushort[] { 0, 30000, 30001, 0 }, delivered);
        Assert.Equal(2, receiver.Statistics.Restarts);
        Assert.Equal(0, receiver.Statistics.Lost);
    }

    [Fact]
    public void Garbage_and_truncated_datagrams_are_counted_as_malformed()
    {
        var receiver = new UdptlReceiver();
        byte[] good = UdptlPacket.WithRedundancy(0, new byte[] { 0x02 }).ToArray();
        receiver.HandleDatagram([]);
        receiver.HandleDatagram(good.AsSpan(0, 4));
        receiver.HandleDatagram([0xDE, 0xAD, 0xBE, 0xEF, 0x00]);
        receiver.HandleDatagram(good);
        Assert.Equal(3, receiver.Statistics.Malformed);
        Assert.Equal(1, receiver.Statistics.Received);
        Assert.True(receiver.TryPollIfp(out UdptlDelivery delivery));
        Assert.Equal(UdptlDeliverySource.Primary, delivery.Source);
    }

    [Fact]
    public void Packets_rebuilt_from_parity_parse_as_ifp_despite_their_padding()
    {
        var sender = new UdptlSender(new UdptlSenderOptions { Recovery = UdptlRecoveryKind.Fec, FecSpan = 2, FecEntries = 1 });
        var receiver = new UdptlReceiver();
        IfpPacket[] packets =
        [
            IfpPacket.ForData(T38DataType.V21, T38FieldType.HdlcData, new byte[] { 1, 2, 3, 4, 5, 6 }),
            IfpPacket.ForIndicator(T38Indicator.V21Preamble),
            IfpPacket.ForData(T38DataType.V21, T38FieldType.HdlcData, new byte[] { 7 }),
            IfpPacket.ForIndicator(T38Indicator.NoSignal),
        ];
        var datagram = new byte[sender.MaxDatagramSize];
        for (int i = 0; i < packets.Length; i++)
        {
            int length = sender.Write(packets[i], 2, datagram);
            if (i != 1)
            {
                receiver.HandleDatagram(datagram.AsSpan(0, length));
            }
        }

        var parsed = new List<IfpPacket>();
        while (receiver.TryPollIfp(out UdptlDelivery delivery))
        {
            Assert.True(UdptlReceiver.TryParseIfp(delivery, 2, IfpLimits.Default, out IfpPacket? packet, out IfpError error), error.ToString());
            parsed.Add(packet);
        }

        Assert.Equal(packets, parsed);
        Assert.Equal(1, receiver.Statistics.Recovered);
    }

    /// <summary>A sender and a receiver with the datagrams between them, fed in whatever order a test wants.</summary>
    private sealed class Link(UdptlSenderOptions senderOptions, UdptlReceiverOptions? receiverOptions = null)
    {
        private readonly UdptlSender _sender = new(senderOptions);
        private readonly List<byte[]> _datagrams = [];
        private readonly List<byte[]> _payloads = [];

        public UdptlReceiver Receiver { get; } = new(receiverOptions ?? new UdptlReceiverOptions { FirstSequenceNumber = senderOptions.FirstSequenceNumber });

        public List<UdptlDelivery> Delivered { get; } = [];

        public void Send(int count)
        {
            var random = new Random(count);
            var buffer = new byte[_sender.MaxDatagramSize];
            for (int i = 0; i < count; i++)
            {
                // Each payload starts with its index and has a length of its own, so padding and mix-ups show.
                byte[] payload = new byte[2 + random.Next(Math.Min(60, _sender.MaxIfpSize - 2))];
                random.NextBytes(payload);
                payload[0] = (byte)(i >> 8);
                payload[1] = (byte)i;
                _payloads.Add(payload);
                int length = _sender.Write(payload, buffer);
                _datagrams.Add(buffer[..length]);
            }
        }

        public void DeliverAll(ISet<int>? except = null) =>
            Feed([.. Enumerable.Range(0, _datagrams.Count).Where(i => except is null || !except.Contains(i))]);

        public void Feed(params int[] order)
        {
            foreach (int i in order)
            {
                Receiver.HandleDatagram(_datagrams[i]);
            }

            while (Receiver.TryPollIfp(out UdptlDelivery delivery))
            {
                Delivered.Add(delivery);
            }
        }

        public void AssertDelivered(IEnumerable<int> indices)
        {
            int[] expected = [.. indices];
            Assert.Equal(expected.Select(i => (ushort)(senderOptions.FirstSequenceNumber + i)), Delivered.Select(d => d.SequenceNumber));
            for (int n = 0; n < expected.Length; n++)
            {
                byte[] payload = _payloads[expected[n]];
                ReadOnlySpan<byte> got = Delivered[n].Ifp.Span;
                Assert.True(got[..payload.Length].SequenceEqual(payload), $"packet {expected[n]} differs");
                Assert.False(got[payload.Length..].ContainsAnyExcept((byte)0), $"packet {expected[n]} has more than padding");
                Assert.True(Delivered[n].Source == UdptlDeliverySource.FecParity || got.Length == payload.Length);
            }
        }
    }
}
