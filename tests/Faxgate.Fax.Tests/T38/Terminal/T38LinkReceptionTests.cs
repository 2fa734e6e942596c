using Faxgate.Fax.T30.Session;
using Faxgate.Fax.T38.Ifp;
using Faxgate.Fax.T38.Terminal;

namespace Faxgate.Fax.Tests.T38.Terminal;

public sealed class T38LinkReceptionTests
{
    private readonly T38Link _link = new();
    private readonly RecordingModemEvents _events = new();

    [Fact]
    public void Tones_and_carriers_are_reported_once_however_often_the_indicator_repeats()
    {
        Receive(IfpPacket.ForIndicator(T38Indicator.Cng), IfpPacket.ForIndicator(T38Indicator.Cng), IfpPacket.ForIndicator(T38Indicator.NoSignal));
        Receive(IfpPacket.ForIndicator(T38Indicator.V21Preamble), IfpPacket.ForIndicator(T38Indicator.V21Preamble));
        Receive(IfpPacket.ForIndicator(T38Indicator.NoSignal), IfpPacket.ForIndicator(T38Indicator.NoSignal));
        Assert.Equal(["tone Cng", "carrier V21", "carrier ended"], _events.Events);
    }

    [Fact]
    public void Frames_are_gathered_from_chunks_and_turned_back_into_line_bit_order()
    {
        Receive(
            IfpPacket.ForIndicator(T38Indicator.V21Preamble),
            Data(T38FieldType.HdlcData, 0xFF, 0xC8),
            Data(T38FieldType.HdlcData, 0x01),
            Data(T38FieldType.HdlcFcsOk),
            Data(T38FieldType.HdlcFcsOk),
            Data(T38FieldType.HdlcData, 0xFF, 0xC8, 0x04),
            Data(T38FieldType.HdlcFcsBadSigEnd),
            Data(T38FieldType.HdlcFcsBadSigEnd),
            IfpPacket.ForIndicator(T38Indicator.NoSignal));
        Assert.Equal(["carrier V21", "frame FF1380 ok", "frame FF1320 bad", "carrier ended"], _events.Events);
    }

    [Fact]
    public void Hdlc_without_a_preamble_starts_the_carrier_and_a_missing_start_marks_the_frame_bad()
    {
        Receive(Data(T38FieldType.HdlcData, 0xC8, 0x01), Data(T38FieldType.HdlcFcsOkSigEnd));
        Receive(Data(T38FieldType.HdlcData, 0xFF, 0xC8, 0x01), Data(T38FieldType.HdlcFcsOk), Data(T38FieldType.HdlcSigEnd));
        Assert.Equal(["carrier V21", "frame 1380 bad", "carrier ended", "carrier V21", "frame FF1380 ok", "carrier ended"], _events.Events);
    }

    [Fact]
    public void Lost_packets_mark_the_frame_in_progress_bad()
    {
        Receive(IfpPacket.ForIndicator(T38Indicator.V21Preamble), Data(T38FieldType.HdlcData, 0xFF, 0xC8));
        _link.HandlePacketLoss();
        Receive(Data(T38FieldType.HdlcData, 0x01), Data(T38FieldType.HdlcFcsOk), Data(T38FieldType.HdlcData, 0xFF), Data(T38FieldType.HdlcFcsOk));
        Assert.Equal(["carrier V21", "frame FF1380 bad", "frame FF ok"], _events.Events);
    }

    [Fact]
    public void A_frame_longer_than_the_limit_is_reported_bad()
    {
        var link = new T38Link(new T38LinkOptions { MaxReceivedFrameLength = 4 });
        link.HandleReceived(Data(T38FieldType.HdlcData, 0xFF, 0xC8, 0x01), _events, TimeSpan.Zero);
        link.HandleReceived(Data(T38FieldType.HdlcData, 0x00, 0x00), _events, TimeSpan.Zero);
        link.HandleReceived(Data(T38FieldType.HdlcFcsOk), _events, TimeSpan.Zero);
        Assert.Equal("frame FF138000 bad", _events.Events[^1]);
    }

    [Fact]
    public void Non_ecm_data_is_passed_on_as_it_comes_and_ends_with_sig_end_or_no_signal()
    {
        Receive(
            IfpPacket.ForIndicator(T38Indicator.V27ter4800Training),
            IfpPacket.ForData(T38DataType.V27ter4800, T38FieldType.T4NonEcmData, new byte[] { 1, 2 }),
            IfpPacket.ForData(T38DataType.V27ter4800, T38FieldType.T4NonEcmSigEnd, new byte[] { 3 }),
            IfpPacket.ForIndicator(T38Indicator.NoSignal),
            IfpPacket.ForData(T38DataType.V29At7200, T38FieldType.T4NonEcmData, new byte[] { 4 }),
            IfpPacket.ForIndicator(T38Indicator.NoSignal));
        Assert.Equal(["carrier V27ter4800", "data", "carrier ended", "carrier V29At7200", "data", "carrier ended"], _events.Events);
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, _events.NonEcmData);
    }

    [Fact]
    public void Under_transferred_tcf_a_training_without_data_is_only_a_carrier()
    {
        Receive(IfpPacket.ForIndicator(T38Indicator.V17At9600LongTraining), IfpPacket.ForIndicator(T38Indicator.NoSignal));
        Assert.Equal(["carrier V17At9600", "carrier ended"], _events.Events);
    }

    [Fact]
    public void Extension_data_types_are_ignored()
    {
        Receive(IfpPacket.ForData(T38DataType.V8, T38FieldType.CmMessage, new byte[] { 0x31 }), IfpPacket.ForIndicator(T38Indicator.V8Ansam));
        Assert.Empty(_events.Events);
    }

    [Fact]
    public void Received_packets_can_complete_a_transmission_whose_time_has_passed()
    {
        _link.Enqueue(new SendSilence(TimeSpan.FromMilliseconds(75)), TimeSpan.Zero);
        Assert.False(_link.TryPollTransmit(TimeSpan.FromMilliseconds(80), out _));
        _link.HandleReceived(IfpPacket.ForIndicator(T38Indicator.NoSignal), _events, TimeSpan.FromMilliseconds(80));
        Assert.Equal(["transmit complete"], _events.Events);
    }

    private static IfpPacket Data(T38FieldType type, params byte[] data) => IfpPacket.ForData(T38DataType.V21, type, data);

    private void Receive(params IfpPacket[] packets)
    {
        foreach (IfpPacket packet in packets)
        {
            _link.HandleReceived(packet, _events, TimeSpan.Zero);
        }
    }
}
