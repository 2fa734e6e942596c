using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Session;
using Faxgate.Fax.T38.Ifp;
using Faxgate.Imaging.Coding;

namespace Faxgate.Fax.T38.Terminal;

/// <summary>
/// Reads the far end's IFP packets as line events, tolerant in the ways deployed peers need: repeated indicators
/// and repeated ends of signal are ignored, HDLC data without a preamble starts a carrier, any sig-end (HDLC or
/// non-ECM) ends the carrier, and a frame that lost packets is reported with a bad FCS.
/// </summary>
internal sealed class T38Receiver
{
    private readonly T38LinkOptions _options;
    private readonly byte[] _frame;
    private int _frameLength;
    private bool _frameDamaged;
    private T38Indicator? _indicator;
    private Carrier _carrier;
    private SignallingRate? _carrierRate;
    private bool _sawNonEcmData;
    private (T38DataType Type, T38FieldType Field)? _lastSigEnd;

    public T38Receiver(T38LinkOptions options)
    {
        _options = options;
        _frame = new byte[options.MaxReceivedFrameLength];
    }

    private enum Carrier
    {
        None,
        Hdlc,
        NonEcm,
    }

    /// <summary>Packets were lost: the frame being gathered can no longer be trusted.</summary>
    public void HandleLoss() => _frameDamaged = true;

    public void Handle(IfpPacket packet, IModemEvents events, TimeSpan now)
    {
        if (packet.Indicator is { } indicator)
        {
            HandleIndicator(indicator, events, now);
            return;
        }

        T38DataType type = packet.DataType!.Value;
        if (type > T38DataType.V17At14400)
        {
            return; // V.8, V.34 and V.33 data: not for a fax terminal of this kind.
        }

        if (packet.Fields.Count > 0 && IsSigEnd(packet.Fields[^1].Type))
        {
            // Senders repeat the packet that ends a signal (with its data) under new sequence numbers so that one
            // copy gets through; once the signal has ended, a copy is not a new signal.
            (T38DataType, T38FieldType) sigEnd = (type, packet.Fields[^1].Type);
            if (_carrier == Carrier.None && _lastSigEnd == sigEnd)
            {
                return;
            }

            _lastSigEnd = sigEnd;
        }
        else
        {
            _lastSigEnd = null;
        }

        foreach (IfpDataField field in packet.Fields)
        {
            HandleField(type, field, events, now);
        }
    }

    private static bool IsSigEnd(T38FieldType field) =>
        field is T38FieldType.HdlcSigEnd or T38FieldType.HdlcFcsOkSigEnd or T38FieldType.HdlcFcsBadSigEnd or T38FieldType.T4NonEcmSigEnd;

    private void HandleIndicator(T38Indicator indicator, IModemEvents events, TimeSpan now)
    {
        if (indicator == _indicator)
        {
            return; // Repeats of an indicator are common and mean nothing (T.38 clause 5.4).
        }

        _indicator = indicator;
        _lastSigEnd = null;
        EndCarrier(events, now);
        switch (indicator)
        {
            case T38Indicator.Cng:
                events.HandleTone(FaxTone.Cng, now);
                break;
            case T38Indicator.Ced:
                events.HandleTone(FaxTone.Ced, now);
                break;
            case T38Indicator.V21Preamble:
                StartCarrier(Carrier.Hdlc, null, events, now);
                break;
            default:
                if (T38Modulation.TrainedRate(indicator) is { } rate)
                {
                    // Whether HDLC (ECM) or non-ECM data follows is known only from the data.
                    StartCarrier(Carrier.NonEcm, rate, events, now);
                }

                break;
        }
    }

    private void HandleField(T38DataType type, IfpDataField field, IModemEvents events, TimeSpan now)
    {
        SignallingRate? rate = T38Modulation.Rate(type);
        switch (field.Type)
        {
            case T38FieldType.HdlcData:
                if (_carrier == Carrier.None || _carrierRate != rate)
                {
                    // HDLC may start without its preamble indicator (lost, or never sent).
                    EndCarrier(events, now);
                    StartCarrier(Carrier.Hdlc, rate, events, now);
                    _indicator = rate is null ? T38Indicator.V21Preamble : null;
                    _frameDamaged |= field.Data.Length == 0 || field.Data.Span[0] != 0xFF;
                }

                _carrier = Carrier.Hdlc;
                Append(field.Data.Span);
                break;
            case T38FieldType.HdlcFcsOk:
            case T38FieldType.HdlcFcsBad:
                DeliverFrame(field.Type == T38FieldType.HdlcFcsOk, events, now);
                break;
            case T38FieldType.HdlcFcsOkSigEnd:
            case T38FieldType.HdlcFcsBadSigEnd:
                DeliverFrame(field.Type == T38FieldType.HdlcFcsOkSigEnd, events, now);
                EndSignal(events, now);
                break;
            case T38FieldType.HdlcSigEnd:
                EndSignal(events, now);
                break;
            case T38FieldType.T4NonEcmData:
            case T38FieldType.T4NonEcmSigEnd:
                if (!field.Data.IsEmpty)
                {
                    if (_carrier == Carrier.None || _carrierRate != rate)
                    {
                        EndCarrier(events, now);
                        StartCarrier(Carrier.NonEcm, rate, events, now);
                        _indicator = null;
                    }

                    _sawNonEcmData = true;
                    events.HandleNonEcmData(field.Data.Span, now);
                }

                if (field.Type == T38FieldType.T4NonEcmSigEnd)
                {
                    EndSignal(events, now);
                }

                break;
            default:
                break;
        }
    }

    /// <summary>A sig-end field stands for a no-signal indicator, so the next preamble counts as new even if no-signal is lost.</summary>
    private void EndSignal(IModemEvents events, TimeSpan now)
    {
        EndCarrier(events, now);
        _indicator = T38Indicator.NoSignal;
    }

    private void StartCarrier(Carrier carrier, SignallingRate? rate, IModemEvents events, TimeSpan now)
    {
        _carrier = carrier;
        _carrierRate = rate;
        _frameLength = 0;
        _frameDamaged = false;
        _sawNonEcmData = false;
        events.HandleCarrierStarted(rate, now);
    }

    private void EndCarrier(IModemEvents events, TimeSpan now)
    {
        if (_carrier == Carrier.None)
        {
            return;
        }

        if (_carrier == Carrier.NonEcm && !_sawNonEcmData && _carrierRate is { } rate && _options.RateManagement == T38RateManagement.LocalTcf)
        {
            // Local TCF: a training with no data behind it is the far end's TCF, judged good on its side; it
            // reaches the session as the zeros it stands for (T.30 5.3.6.2.8: 1.5 s).
            ReadOnlySpan<byte> zeros = new byte[rate.BitsPerSecond() * 3 / 16];
            events.HandleNonEcmData(zeros, now);
        }

        _carrier = Carrier.None;
        _carrierRate = null;
        _frameLength = 0;
        _frameDamaged = false;
        events.HandleCarrierEnded(now);
    }

    private void Append(ReadOnlySpan<byte> octets)
    {
        int room = _frame.Length - _frameLength;
        if (octets.Length > room)
        {
            _frameDamaged = true;
            octets = octets[..room];
        }

        octets.CopyTo(_frame.AsSpan(_frameLength));
        _frameLength += octets.Length;
    }

    private void DeliverFrame(bool fcsOk, IModemEvents events, TimeSpan now)
    {
        // An FCS verdict with nothing gathered is a repeat of the previous one (some peers resend them).
        if (_frameLength > 0)
        {
            Span<byte> frame = _frame.AsSpan(0, _frameLength);
            BitOrder.ReverseInPlace(frame);
            events.HandleFrame(frame, fcsOk && !_frameDamaged, now);
        }

        _frameLength = 0;
        _frameDamaged = false;
    }
}
