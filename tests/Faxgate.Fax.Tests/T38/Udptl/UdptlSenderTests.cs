using Faxgate.Fax.T38.Ifp;
using Faxgate.Fax.T38.Udptl;

namespace Faxgate.Fax.Tests.T38.Udptl;

public sealed class UdptlSenderTests
{
    [Theory]
    [InlineData(UdptlRecoveryKind.Redundancy, 400, 394)]
    [InlineData(UdptlRecoveryKind.Redundancy, 100, 95)]
    [InlineData(UdptlRecoveryKind.Fec, 400, 97)]
    [InlineData(UdptlRecoveryKind.Fec, 72, 15)]
    public void The_largest_ifp_packet_follows_from_the_datagram_size(UdptlRecoveryKind recovery, int maxDatagram, int maxIfp)
    {
        var sender = new UdptlSender(new UdptlSenderOptions { Recovery = recovery, MaxDatagramSize = maxDatagram });
        Assert.Equal(maxIfp, sender.MaxIfpSize);
        var datagram = new byte[maxDatagram];
        for (int i = 0; i < 20; i++)
        {
            int length = sender.Write(new byte[maxIfp], datagram);
            Assert.InRange(length, 1, maxDatagram);
        }
    }

    [Fact]
    public void Datagrams_are_numbered_and_carry_the_previous_packets_most_recent_first()
    {
        var sender = new UdptlSender(new UdptlSenderOptions { RedundancyDepth = 2, FirstSequenceNumber = 65534 });
        var datagram = new byte[sender.MaxDatagramSize];
        var parsed = new List<UdptlPacket>();
        for (byte i = 1; i <= 4; i++)
        {
            int length = sender.Write(new byte[] { i }, datagram);
            Assert.True(UdptlPacket.TryParse(datagram.AsSpan(0, length), out UdptlPacket? packet, out _));
            parsed.Add(packet);
        }

        Assert.Equal(new ushort[] { 65534, 65535, 0, 1 }, parsed.Select(p => p.SequenceNumber));
        Assert.Empty(parsed[0].SecondaryIfpPackets);
        Assert.Equal(new byte[][] { [1] }, parsed[1].SecondaryIfpPackets.Select(s => s.ToArray()));
        Assert.Equal(new byte[][] { [3], [2] }, parsed[3].SecondaryIfpPackets.Select(s => s.ToArray()));
        Assert.Equal(2, sender.NextSequenceNumber);
    }

    [Fact]
    public void Secondary_packets_that_do_not_fit_are_left_out()
    {
        var sender = new UdptlSender(new UdptlSenderOptions { RedundancyDepth = 3, MaxDatagramSize = 100 });
        var datagram = new byte[100];
        sender.Write(new byte[70], datagram);
        sender.Write(new byte[20], datagram);
        int length = sender.Write(new byte[10], datagram);
        Assert.True(UdptlPacket.TryParse(datagram.AsSpan(0, length), out UdptlPacket? packet, out _));
        Assert.Single(packet.SecondaryIfpPackets);
        Assert.Equal(20, packet.SecondaryIfpPackets[0].Length);

        // A depth override for one packet (control data protected more than image data).
        length = sender.Write(new byte[5], datagram, redundancyDepth: 0);
        Assert.True(UdptlPacket.TryParse(datagram.AsSpan(0, length), out packet, out _));
        Assert.Empty(packet.SecondaryIfpPackets);
    }

    [Fact]
    public void An_ifp_packet_larger_than_the_link_carries_is_the_callers_error()
    {
        var sender = new UdptlSender(new UdptlSenderOptions { MaxDatagramSize = 100 });
        Assert.Throws<ArgumentException>(() => sender.Write(new byte[sender.MaxIfpSize + 1], new byte[100]));
        Assert.Throws<ArgumentException>(() => sender.Write(ReadOnlySpan<byte>.Empty, new byte[100]));
        Assert.Throws<ArgumentException>(() => sender.Write(new byte[1], new byte[99]));
        Assert.Equal(0, sender.NextSequenceNumber);
        Assert.Throws<ArgumentOutOfRangeException>(() => new UdptlSender(new UdptlSenderOptions { MaxDatagramSize = 5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new UdptlSender(new UdptlSenderOptions { RedundancyDepth = 16 }));
    }

    [Fact]
    public void Fec_winds_up_then_carries_every_entry_as_the_parity_of_its_packets()
    {
        var sender = new UdptlSender(new UdptlSenderOptions { Recovery = UdptlRecoveryKind.Fec, FecSpan = 2, FecEntries = 2 });
        var datagram = new byte[sender.MaxDatagramSize];
        var sent = new List<byte[]>();
        var parsed = new List<UdptlPacket>();
        var random = new Random(5);
        for (int i = 0; i < 8; i++)
        {
            byte[] ifp = new byte[1 + random.Next(20)];
            random.NextBytes(ifp);
            sent.Add(ifp);
            int length = sender.Write(ifp, datagram);
            Assert.True(UdptlPacket.TryParse(datagram.AsSpan(0, length), out UdptlPacket? packet, out _));
            parsed.Add(packet);
        }

        Assert.Equal(new[] { 0, 0, 1, 1, 2, 2, 2, 2 }, parsed.Select(p => p.FecData.Count));
        Assert.Equal(new[] { 0, 0, 2, 2, 2, 2, 2, 2 }, parsed.Select(p => p.FecSpan));

        // Datagram 6, entry 1: packets 6+1-4 = 3 and 5.
        byte[] expected = new byte[Math.Max(sent[3].Length, sent[5].Length)];
        sent[3].CopyTo(expected, 0);
        for (int j = 0; j < sent[5].Length; j++)
        {
            expected[j] ^= sent[5][j];
        }

        Assert.Equal(expected, parsed[6].FecData[1].ToArray());
    }

    [Fact]
    public void Ifp_packets_can_be_written_directly()
    {
        var sender = new UdptlSender();
        var datagram = new byte[sender.MaxDatagramSize];
        int length = sender.Write(IfpPacket.ForIndicator(T38Indicator.Cng), 0, datagram);
        Assert.Equal(new byte[] { 0, 0, 1, 0x02, 0, 0 }, datagram[..length]);
    }
}
