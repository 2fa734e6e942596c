using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Session;
using Faxgate.Fax.T38.Ifp;
using Faxgate.Imaging.Coding;

namespace Faxgate.Fax.T38.Terminal;

/// <summary>One step of a transmission: a packet (or, when null, only a pause) and the air time before the next.</summary>
internal readonly record struct T38Step(IfpPacket? Packet, TimeSpan After, T38PacketCategory Category);

/// <summary>
/// Turns transmit commands into timed IFP packets the way a T.38 terminal sequences them (SpanDSP's terminal
/// is the reference peer): no-signal and a 75 ms gap before each modulation, the preamble or training indicator
/// with its start-up time, the data in chunks paced at the bit rate, the end of the signal, then no-signal.
/// </summary>
internal sealed class T38Transmitter
{
    private const int FcsAndFlagBits = 24;
    private const int TrailingZeroChunks = 3;
    private static readonly TimeSpan HdlcTail = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan NonEcmTail = TimeSpan.FromMilliseconds(60);
    private static readonly TimeSpan ToneGap = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan CngTime = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan CedTime = TimeSpan.FromSeconds(3);

    private readonly T38LinkOptions _options;
    private readonly byte[] _zeros;
    private T38Indicator? _indicator;

    public T38Transmitter(T38LinkOptions options)
    {
        _options = options;
        _zeros = new byte[options.MaxIfpSize];
    }

    public IEnumerable<T38Step> Steps(TransmitCommand command) => command switch
    {
        SendTone tone => Tone(tone.Tone),
        SendHdlc hdlc => Hdlc(hdlc.Rate, hdlc.Frames),
        SendTcf tcf => NonEcm(tcf.Rate, ReadOnlyMemory<byte>.Empty, tcf.Duration, isTcf: true),
        SendImage image => NonEcm(image.Rate, image.Data, TimeSpan.Zero, isTcf: false),
        SendSilence silence => [new T38Step(null, silence.Duration, T38PacketCategory.Indicator)],
        _ => throw new ArgumentException($"{command.GetType().Name} is not a command a T.38 link knows", nameof(command)),
    };

    private IEnumerable<T38Step> Tone(FaxTone tone)
    {
        // Terminals mark the 200 ms of silence before a call tone with no-signal.
        yield return Indicator(T38Indicator.NoSignal, ToneGap);
        yield return tone == FaxTone.Cng ? Indicator(T38Indicator.Cng, CngTime) : Indicator(T38Indicator.Ced, CedTime);
    }

    private IEnumerable<T38Step> Hdlc(SignallingRate? rate, IReadOnlyList<byte[]> frames)
    {
        int bitsPerSecond = T38Modulation.BitsPerSecond(rate);
        T38DataType type = T38Modulation.DataType(rate);
        T38Indicator start = rate is { } fast ? T38Modulation.Training(fast, longTraining: false) : T38Indicator.V21Preamble;
        TimeSpan startTime = rate is null ? T38Modulation.V21Preamble : T38Modulation.TrainingTime(start) + T38Modulation.HighSpeedFlags;
        foreach (T38Step step in StartModulation(start, startTime))
        {
            yield return step;
        }

        T38PacketCategory data = rate is null ? T38PacketCategory.ControlData : T38PacketCategory.ImageData;
        T38PacketCategory end = rate is null ? T38PacketCategory.ControlDataEnd : T38PacketCategory.ImageDataEnd;
        int chunk = ChunkSize(bitsPerSecond, _options.MergeFcsWithData ? 6 : 5);
        for (int f = 0; f < frames.Count; f++)
        {
            // T.38 carries HDLC octets with the first bit sent in the most significant place; T.30 frames here
            // are octets as HDLC sends them, least significant bit first.
            byte[] octets = BitOrder.ReversedCopy(frames[f]);
            bool lastFrame = f == frames.Count - 1;
            var verdict = new IfpDataField(lastFrame ? T38FieldType.HdlcFcsOkSigEnd : T38FieldType.HdlcFcsOk);
            TimeSpan tail = T38Modulation.AirTime(FcsAndFlagBits, bitsPerSecond) + (lastFrame ? HdlcTail : TimeSpan.Zero);
            for (int at = 0; at < octets.Length; at += chunk)
            {
                int length = Math.Min(chunk, octets.Length - at);
                var field = new IfpDataField(T38FieldType.HdlcData, octets.AsMemory(at, length));
                TimeSpan air = T38Modulation.AirTime(8L * length, bitsPerSecond);
                if (at + length == octets.Length && _options.MergeFcsWithData)
                {
                    yield return new T38Step(IfpPacket.ForData(type, field, verdict), air + tail, lastFrame ? end : data);
                }
                else
                {
                    yield return new T38Step(IfpPacket.ForData(type, field), air, data);
                }
            }

            if (!_options.MergeFcsWithData)
            {
                yield return new T38Step(IfpPacket.ForData(type, verdict), tail, lastFrame ? end : data);
            }
        }

        yield return Indicator(T38Indicator.NoSignal, TimeSpan.Zero);
    }

    private IEnumerable<T38Step> NonEcm(SignallingRate rate, ReadOnlyMemory<byte> image, TimeSpan tcfDuration, bool isTcf)
    {
        int bitsPerSecond = rate.BitsPerSecond();
        T38DataType type = T38Modulation.DataType(rate);
        T38Indicator training = T38Modulation.Training(rate, longTraining: isTcf);
        foreach (T38Step step in StartModulation(training, T38Modulation.TrainingTime(training)))
        {
            yield return step;
        }

        // TCF zeros cross the link under both rate management methods: a terminal cannot tell whether the far end
        // is a gateway that regenerates TCF (and ignores them) or a terminal that judges them, as SpanDSP's
        // terminal does whichever method was negotiated.
        // A page ends padded with zeros: its last chunk filled up, then three more (some gateways cut off the end
        // of a signal, and with it the last rows, otherwise).
        int chunk = ChunkSize(bitsPerSecond, 5);
        long total = isTcf ? (long)(tcfDuration.TotalSeconds * bitsPerSecond / 8) : image.Length;
        long padded = isTcf ? total : ((total + chunk - 1) / chunk * chunk) + (TrailingZeroChunks * (long)chunk);
        for (long at = 0; at < padded; at += chunk)
        {
            int length = (int)Math.Min(chunk, padded - at);
            ReadOnlyMemory<byte> octets = isTcf || at >= total ? _zeros.AsMemory(0, length) : image.Slice((int)at, (int)Math.Min(length, total - at));
            if (octets.Length < length)
            {
                byte[] filled = new byte[length];
                octets.CopyTo(filled);
                octets = filled;
            }

            yield return new T38Step(
                IfpPacket.ForData(type, T38FieldType.T4NonEcmData, octets),
                T38Modulation.AirTime(8L * octets.Length, bitsPerSecond),
                T38PacketCategory.ImageData);
        }

        yield return new T38Step(IfpPacket.ForData(type, T38FieldType.T4NonEcmSigEnd), NonEcmTail, T38PacketCategory.ImageDataEnd);
        yield return Indicator(T38Indicator.NoSignal, TimeSpan.Zero);
    }

    private IEnumerable<T38Step> StartModulation(T38Indicator indicator, TimeSpan startTime)
    {
        if (_indicator != T38Indicator.NoSignal)
        {
            yield return Indicator(T38Indicator.NoSignal, T38Modulation.NoSignalGap);
        }

        yield return Indicator(indicator, startTime);
    }

    private T38Step Indicator(T38Indicator indicator, TimeSpan after)
    {
        // Like every T.38 terminal, an indicator goes out only when it changes the state.
        bool changed = _indicator != indicator;
        _indicator = indicator;
        return new T38Step(changed ? IfpPacket.ForIndicator(indicator) : null, after, T38PacketCategory.Indicator);
    }

    /// <summary>Octets per data packet: the packet interval's worth at the rate, within the largest IFP packet.</summary>
    private int ChunkSize(int bitsPerSecond, int overhead)
    {
        int largest = _options.MaxIfpSize - overhead;
        if (!_options.Pacing)
        {
            return largest;
        }

        long octets = (long)(_options.PacketInterval.TotalSeconds * bitsPerSecond / 8);
        return (int)Math.Clamp(octets, 1, largest);
    }
}
