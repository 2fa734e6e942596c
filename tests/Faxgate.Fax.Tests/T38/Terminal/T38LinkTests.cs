using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Session;
using Faxgate.Fax.T38.Ifp;
using Faxgate.Fax.T38.Terminal;

namespace Faxgate.Fax.Tests.T38.Terminal;

public sealed class T38LinkTests
{
    private static readonly byte[] Dis = [0xFF, 0x13, 0x80, 0x00, 0xCE, 0xF4];

    [Fact]
    public void A_v21_transmission_is_preamble_then_paced_frame_octets_then_sig_end_then_no_signal()
    {
        var link = new T38Link();
        var events = new RecordingModemEvents();
        link.Enqueue(new SendHdlc(null, [Dis]), TimeSpan.Zero);
        List<(TimeSpan At, IfpPacket Packet)> sent = Drain(link, events);

        Assert.Equal(T38Indicator.NoSignal, sent[0].Packet.Indicator);
        Assert.Equal((Ms(75), T38Indicator.V21Preamble), (sent[1].At, sent[1].Packet.Indicator!.Value));

        // 30 ms at 300 bit/s is one octet per packet, each 26.7 ms of air time, in T.38 bit order.
        IfpPacket[] data = [.. sent.Skip(2).Take(Dis.Length).Select(s => s.Packet)];
        Assert.All(data, p => Assert.Equal(T38DataType.V21, p.DataType));
        Assert.Equal(new byte[] { 0xFF, 0xC8, 0x01, 0x00, 0x73, 0x2F }, data.SelectMany(p => p.Fields[0].Data.ToArray()));
        Assert.Equal(Ms(1075), sent[2].At);
        Assert.Equal(Ms(1075) + TimeSpan.FromTicks(8 * TimeSpan.TicksPerSecond / 300), sent[3].At);

        IfpPacket end = sent[2 + Dis.Length].Packet;
        Assert.Equal(IfpPacket.ForData(T38DataType.V21, T38FieldType.HdlcFcsOkSigEnd), end);
        Assert.Equal(T38Indicator.NoSignal, sent[^1].Packet.Indicator);
        Assert.Equal(3 + Dis.Length + 1, sent.Count);

        // Completion comes once the last packet is out: 1 s preamble, 6 octets, FCS and flag, 100 ms tail.
        Assert.Equal(["transmit complete"], events.Events);
        Assert.Equal(sent[^1].At, events.Completions[0]);
        AssertClose(Ms(1075) + TimeSpan.FromTicks((48 + 24) * TimeSpan.TicksPerSecond / 300) + Ms(100), sent[^1].At);
    }

    [Fact]
    public void Packets_are_not_released_before_their_time()
    {
        var link = new T38Link();
        link.Enqueue(new SendHdlc(null, [Dis]), TimeSpan.Zero);
        Assert.True(link.TryPollTransmit(TimeSpan.Zero, out _));
        Assert.Equal(Ms(75), link.NextDeadline);
        Assert.False(link.TryPollTransmit(Ms(74), out _));
        Assert.True(link.TryPollTransmit(Ms(75), out IfpPacket? preamble));
        Assert.Equal(T38Indicator.V21Preamble, preamble.Indicator);
        Assert.Equal(Ms(1075), link.NextDeadline);
        Assert.True(link.IsTransmitting);
    }

    [Fact]
    public void Frames_in_one_transmission_each_end_with_fcs_ok_and_the_last_with_sig_end()
    {
        var link = new T38Link(new T38LinkOptions { MergeFcsWithData = true });
        link.Enqueue(new SendHdlc(null, [[0xFF, 0x03, 0x40], [0xFF, 0x13, 0x80]]), TimeSpan.Zero);
        List<IfpPacket> packets = [.. Drain(link, new RecordingModemEvents()).Select(s => s.Packet)];
        Assert.Contains(IfpPacket.ForData(T38DataType.V21, new IfpDataField(T38FieldType.HdlcData, new byte[] { 0x02 }), new IfpDataField(T38FieldType.HdlcFcsOk)), packets);
        Assert.Contains(IfpPacket.ForData(T38DataType.V21, new IfpDataField(T38FieldType.HdlcData, new byte[] { 0x01 }), new IfpDataField(T38FieldType.HdlcFcsOkSigEnd)), packets);
    }

    [Theory]
    [InlineData(T38RateManagement.TransferredTcf)]
    [InlineData(T38RateManagement.LocalTcf)]
    public void Tcf_crosses_the_link_as_zeros_for_its_duration_under_either_rate_management(T38RateManagement management)
    {
        var options = new T38LinkOptions { RateManagement = management };
        (List<(TimeSpan At, IfpPacket Packet)> sent, RecordingModemEvents received) =
            BackToBack(options, new SendTcf(SignallingRate.V17At14400, TimeSpan.FromMilliseconds(1500)));

        Assert.Equal(T38Indicator.V17At14400LongTraining, sent[1].Packet.Indicator);
        Assert.Equal(["carrier V17At14400", "data", "carrier ended"], received.Events);
        Assert.Equal(2700, received.NonEcmData.Count);
        Assert.All(received.NonEcmData, b => Assert.Equal(0, b));
        // Zeros go even under localTCF, where a gateway ignores them and a terminal needs them: 54 octets (30 ms)
        // per packet, then sig-end and no-signal.
        Assert.Equal(T38FieldType.T4NonEcmData, sent[2].Packet.Fields[0].Type);
        Assert.Equal(54, sent[2].Packet.Fields[0].Data.Length);
        Assert.Equal(IfpPacket.ForData(T38DataType.V17At14400, T38FieldType.T4NonEcmSigEnd), sent[^2].Packet);
        Assert.Equal(Ms(75) + Ms(1393) + Ms(1500) + Ms(60), sent[^1].At);
    }

    [Fact]
    public void A_non_ecm_page_goes_at_its_rate_with_short_training_and_zero_padding()
    {
        byte[] image = [.. Enumerable.Range(0, 1000).Select(i => (byte)(i * 31))];
        (List<(TimeSpan At, IfpPacket Packet)> sent, RecordingModemEvents received) =
            BackToBack(T38LinkOptions.Default, new SendImage(SignallingRate.V29At9600, image));

        Assert.Equal(T38Indicator.V29At9600Training, sent[1].Packet.Indicator);
        Assert.Equal(["carrier V29At9600", "data", "carrier ended"], received.Events);
        Assert.Equal(image, received.NonEcmData.Take(image.Length));
        Assert.Equal(8 + (3 * 36), received.NonEcmData.Count - image.Length);
        Assert.All(received.NonEcmData.Skip(image.Length), b => Assert.Equal(0, b));

        // The image's air time at 9600 bit/s (plus padding) separates the training from sig-end.
        TimeSpan air = TimeSpan.FromTicks((image.Length + 116) * 8L * TimeSpan.TicksPerSecond / 9600);
        AssertClose(Ms(75) + Ms(234) + air, sent[^2].At);
    }

    [Fact]
    public void An_ecm_partial_page_is_hdlc_at_the_page_rate_after_a_short_training()
    {
        byte[][] frames = [[0xFF, 0x03, 0x06, 0x00, .. new byte[256]], [0xFF, 0x13, 0x86]];
        (List<(TimeSpan At, IfpPacket Packet)> sent, RecordingModemEvents received) =
            BackToBack(T38LinkOptions.Default, new SendHdlc(SignallingRate.V17At14400, frames));

        Assert.Equal(T38Indicator.V17At14400ShortTraining, sent[1].Packet.Indicator);
        Assert.All(sent.Where(s => s.Packet.DataType is not null), s => Assert.Equal(T38DataType.V17At14400, s.Packet.DataType));
        Assert.Equal(
            ["carrier V17At14400", $"frame {Convert.ToHexString(frames[0])} ok", $"frame {Convert.ToHexString(frames[1])} ok", "carrier ended"],
            received.Events);
    }

    [Fact]
    public void Call_tones_are_no_signal_then_the_tone_indicator()
    {
        var link = new T38Link();
        var events = new RecordingModemEvents();
        link.Enqueue(new SendTone(FaxTone.Ced), TimeSpan.Zero);
        List<(TimeSpan At, IfpPacket Packet)> sent = Drain(link, events);
        Assert.Equal([(TimeSpan.Zero, T38Indicator.NoSignal), (Ms(200), T38Indicator.Ced)], sent.Select(s => (s.At, s.Packet.Indicator!.Value)));
        Assert.Equal(Ms(3200), events.Completions.Single());

        // The HDLC that follows CED first ends the tone with no-signal.
        link.Enqueue(new SendHdlc(null, [Dis]), Ms(3200));
        Assert.True(link.TryPollTransmit(Ms(3200), out IfpPacket? first));
        Assert.Equal(T38Indicator.NoSignal, first.Indicator);
    }

    [Fact]
    public void Commands_queued_back_to_back_complete_once_at_the_end()
    {
        var link = new T38Link();
        var events = new RecordingModemEvents();
        link.Enqueue(new SendHdlc(null, [Dis]), TimeSpan.Zero);
        link.Enqueue(new SendSilence(Ms(75)), TimeSpan.Zero);
        link.Enqueue(new SendTcf(SignallingRate.V27ter4800, Ms(1500)), TimeSpan.Zero);
        List<(TimeSpan At, IfpPacket Packet)> sent = Drain(link, events);
        Assert.Single(events.Completions);
        Assert.Equal(T38Indicator.V27ter4800Training, sent.Single(s => s.Packet.Indicator is T38Indicator.V27ter4800Training).Packet.Indicator);
        Assert.False(link.IsTransmitting);
        Assert.Null(link.NextDeadline);
    }

    [Fact]
    public void Without_pacing_everything_is_due_at_once_in_large_chunks()
    {
        var link = new T38Link(new T38LinkOptions { Pacing = false, MaxIfpSize = 300 });
        var events = new RecordingModemEvents();
        link.Enqueue(new SendImage(SignallingRate.V17At14400, new byte[10000]), Ms(5));
        var packets = new List<IfpPacket>();
        while (link.TryPollTransmit(Ms(5), out IfpPacket? packet))
        {
            packets.Add(packet);
        }

        Assert.Equal(295, packets[2].Fields[0].Data.Length);
        Assert.All(packets, p => Assert.InRange(p.EncodedLength(0), 1, 300));
        link.HandleTimeout(Ms(5), events);
        Assert.Equal([Ms(5)], events.Completions);
    }

    [Fact]
    public void Packets_never_exceed_the_largest_ifp_size()
    {
        var link = new T38Link(new T38LinkOptions { MaxIfpSize = 20, MergeFcsWithData = true });
        link.Enqueue(new SendHdlc(SignallingRate.V17At14400, [new byte[100]]), TimeSpan.Zero);
        link.Enqueue(new SendImage(SignallingRate.V17At14400, new byte[100]), TimeSpan.Zero);
        Assert.All(Drain(link, new RecordingModemEvents()), s => Assert.InRange(s.Packet.EncodedLength(0), 1, 20));
    }

    [Fact]
    public void Commands_the_link_cannot_carry_are_the_callers_error()
    {
        var link = new T38Link(new T38LinkOptions { MaxBitRate = 9600 });
        Assert.Throws<ArgumentException>(() => link.Enqueue(new SendImage(SignallingRate.V17At14400, new byte[1]), TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => link.Enqueue(new SendHdlc(null, []), TimeSpan.Zero));
        Assert.Throws<ArgumentException>(() => link.Enqueue(new SendHdlc(null, [[]]), TimeSpan.Zero));
        Assert.False(link.IsTransmitting);
    }

    [Fact]
    public void Cancelling_drops_the_rest_without_a_completion()
    {
        var link = new T38Link();
        var events = new RecordingModemEvents();
        link.Enqueue(new SendHdlc(null, [Dis]), TimeSpan.Zero);
        Assert.True(link.TryPollTransmit(TimeSpan.Zero, out _));
        link.CancelTransmit();
        Assert.False(link.TryPollTransmit(TimeSpan.FromHours(1), out _));
        link.HandleTimeout(TimeSpan.FromHours(1), events);
        Assert.Empty(events.Events);
        Assert.Null(link.NextDeadline);
    }

    internal static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    /// <summary>Equal within a microsecond: each packet's air time is rounded down to a tick.</summary>
    private static void AssertClose(TimeSpan expected, TimeSpan actual) =>
        Assert.InRange(actual, expected - TimeSpan.FromMicroseconds(1), expected + TimeSpan.FromMicroseconds(1));

    /// <summary>Polls a link at each deadline until it is idle, as an adapter on virtual time would.</summary>
    internal static List<(TimeSpan At, IfpPacket Packet)> Drain(T38Link link, RecordingModemEvents events)
    {
        var sent = new List<(TimeSpan, IfpPacket)>();
        TimeSpan now = TimeSpan.Zero;
        for (int guard = 0; guard < 100000 && link.NextDeadline is { } deadline; guard++)
        {
            now = deadline > now ? deadline : now;
            link.HandleTimeout(now, events);
            while (link.TryPollTransmit(now, out IfpPacket? packet))
            {
                sent.Add((now, packet));
            }
        }

        return sent;
    }

    /// <summary>Sends a command from one link and feeds every packet, encoded and parsed, into another.</summary>
    private static (List<(TimeSpan At, IfpPacket Packet)> Sent, RecordingModemEvents Received) BackToBack(T38LinkOptions options, TransmitCommand command)
    {
        var sender = new T38Link(options);
        var receiver = new T38Link(options);
        var received = new RecordingModemEvents();
        sender.Enqueue(command, TimeSpan.Zero);
        List<(TimeSpan At, IfpPacket Packet)> sent = Drain(sender, new RecordingModemEvents());
        foreach ((TimeSpan at, IfpPacket packet) in sent)
        {
            receiver.HandleReceived(IfpPacket.Parse(packet.ToArray(options.Version), options.Version), received, at);
        }

        return (sent, received);
    }
}
