using Faxgate.Fax.T38.Udptl;

namespace Faxgate.Fax.Tests.T38.Udptl;

public sealed class UdptlPacketTests
{
    [Fact]
    public void A_datagram_without_secondary_packets_is_laid_out_as_aligned_per()
    {
        UdptlPacket packet = UdptlPacket.WithRedundancy(0x0102, new byte[] { 0x06 });
        Assert.Equal(new byte[] { 0x01, 0x02, 0x01, 0x06, 0x00, 0x00 }, packet.ToArray());
    }

    [Fact]
    public void Secondary_packets_follow_the_primary_most_recent_first()
    {
        UdptlPacket packet = UdptlPacket.WithRedundancy(7, new byte[] { 0x02 }, new byte[] { 0x04 }, new byte[] { 0x06, 0x07 });
        byte[] bytes = packet.ToArray();
        Assert.Equal(new byte[] { 0x00, 0x07, 0x01, 0x02, 0x00, 0x02, 0x01, 0x04, 0x02, 0x06, 0x07 }, bytes);
        Assert.True(UdptlPacket.TryParse(bytes, out UdptlPacket? parsed, out _));
        Assert.Equal(7, parsed.SequenceNumber);
        Assert.Equal(UdptlRecoveryKind.Redundancy, parsed.Recovery);
        Assert.Equal(new byte[] { 0x04 }, parsed.SecondaryIfpPackets[0].ToArray());
        Assert.Equal(new byte[] { 0x06, 0x07 }, parsed.SecondaryIfpPackets[1].ToArray());
        Assert.Empty(parsed.FecData);
    }

    [Fact]
    public void Fec_info_carries_the_span_and_the_parity_entries()
    {
        UdptlPacket packet = UdptlPacket.WithFec(0xFFFF, new byte[] { 0x02 }, 3, new byte[] { 0xAA }, new byte[] { 0xBB, 0xCC });
        byte[] bytes = packet.ToArray();
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0x01, 0x02, 0x80, 0x01, 0x03, 0x02, 0x01, 0xAA, 0x02, 0xBB, 0xCC }, bytes);
        Assert.True(UdptlPacket.TryParse(bytes, out UdptlPacket? parsed, out _));
        Assert.Equal(UdptlRecoveryKind.Fec, parsed.Recovery);
        Assert.Equal(3, parsed.FecSpan);
        Assert.Equal(2, parsed.FecData.Count);
        Assert.Empty(parsed.SecondaryIfpPackets);
        Assert.Equal(bytes, parsed.ToArray());
    }

    [Fact]
    public void Long_packets_use_two_octet_lengths_and_round_trip()
    {
        byte[] primary = [.. Enumerable.Range(0, 300).Select(i => (byte)i)];
        byte[] secondary = [.. Enumerable.Range(0, 128).Select(i => (byte)~i)];
        byte[] bytes = UdptlPacket.WithRedundancy(1, primary, secondary).ToArray();
        Assert.Equal(new byte[] { 0x81, 0x2C }, bytes[2..4]);
        Assert.True(UdptlPacket.TryParse(bytes, out UdptlPacket? parsed, out _));
        Assert.Equal(primary, parsed.PrimaryIfp.ToArray());
        Assert.Equal(secondary, parsed.SecondaryIfpPackets[0].ToArray());
        Assert.Equal(bytes, parsed.ToArray());

        byte[] fec = UdptlPacket.WithFec(1, primary, 200, secondary).ToArray();
        Assert.True(UdptlPacket.TryParse(fec, new UdptlLimits { MaxFecSpan = 200 }, out UdptlPacket? parsedFec, out _));
        Assert.Equal(200, parsedFec.FecSpan);
        Assert.Equal(fec, parsedFec.ToArray());
    }

    [Theory]
    [InlineData(new byte[] { 0x00 }, UdptlErrorKind.Truncated, 0)]
    [InlineData(new byte[] { 0x00, 0x01, 0x02, 0x06 }, UdptlErrorKind.Truncated, 2)]
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x00, 0x00 }, UdptlErrorKind.EmptyPrimary, 2)]
    [InlineData(new byte[] { 0x00, 0x01, 0x01, 0x06 }, UdptlErrorKind.Truncated, 4)]
    [InlineData(new byte[] { 0x00, 0x01, 0xC1, 0x06 }, UdptlErrorKind.FragmentedLength, 2)]
    [InlineData(new byte[] { 0x00, 0x01, 0x01, 0x06, 0x00, 0x11 }, UdptlErrorKind.TooManySecondaryPackets, 5)]
    [InlineData(new byte[] { 0x00, 0x01, 0x01, 0x06, 0x00, 0x01, 0x02, 0x06 }, UdptlErrorKind.Truncated, 6)]
    [InlineData(new byte[] { 0x00, 0x01, 0x01, 0x06, 0x00, 0x00, 0x00 }, UdptlErrorKind.TrailingBytes, 6)]
    [InlineData(new byte[] { 0x00, 0x01, 0x01, 0x06, 0x80, 0x01, 0xFF, 0x00 }, UdptlErrorKind.FecSpanOutOfRange, 5)]
    [InlineData(new byte[] { 0x00, 0x01, 0x01, 0x06, 0x80, 0x00, 0x00 }, UdptlErrorKind.FecSpanOutOfRange, 5)]
    [InlineData(new byte[] { 0x00, 0x01, 0x01, 0x06, 0x80, 0x01, 0x40, 0x00 }, UdptlErrorKind.FecSpanOutOfRange, 5)]
    [InlineData(new byte[] { 0x00, 0x01, 0x01, 0x06, 0x80, 0x01, 0x03, 0x20 }, UdptlErrorKind.TooManyFecEntries, 7)]
    [InlineData(new byte[] { 0x00, 0x01, 0x01, 0x06, 0x80, 0x01, 0x03 }, UdptlErrorKind.Truncated, 7)]
    public void Broken_datagrams_give_a_typed_error_with_the_offset(byte[] bytes, UdptlErrorKind kind, int offset)
    {
        Assert.False(UdptlPacket.TryParse(bytes, out UdptlPacket? packet, out UdptlError error));
        Assert.Null(packet);
        Assert.Equal(new UdptlError(kind, offset), error);
    }

    [Fact]
    public void Every_cut_of_a_datagram_fails_and_the_limit_on_packet_length_holds()
    {
        byte[] bytes = UdptlPacket.WithRedundancy(9, new byte[200], new byte[] { 1, 2 }, new byte[] { 3 }).ToArray();
        for (int cut = 0; cut < bytes.Length; cut++)
        {
            Assert.False(UdptlPacket.TryParse(bytes.AsSpan(0, cut), out _, out UdptlError error));
            Assert.Equal(UdptlErrorKind.Truncated, error.Kind);
        }

        Assert.False(UdptlPacket.TryParse(bytes, new UdptlLimits { MaxPacketLength = 199 }, out _, out UdptlError tooLong));
        Assert.Equal(new UdptlError(UdptlErrorKind.PacketTooLong, 2), tooLong);
    }

    [Fact]
    public void Packets_must_hold_an_ifp_packet()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => UdptlPacket.WithRedundancy(0, ReadOnlyMemory<byte>.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => UdptlPacket.WithRedundancy(0, new byte[UdptlPacket.MaxPacketLength + 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => UdptlPacket.WithFec(0, new byte[1], -1));
    }
}
