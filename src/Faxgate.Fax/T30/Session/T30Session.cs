using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Frames;
using Faxgate.Imaging.Coding;

namespace Faxgate.Fax.T30.Session;

/// <summary>
/// One T.30 fax session (ITU-T T.30 phases B to E), sans-IO. The layer below reports the line through
/// <see cref="IModemEvents"/>; the owner drains <see cref="TryPollTransmit"/> and <see cref="TryPollEvent"/> after
/// every input, and calls <see cref="HandleTimeout"/> once <see cref="NextDeadline"/> has passed. Nothing here
/// reads a clock or touches a socket, so a whole fax runs deterministically under test.
/// The procedure is split by role: <c>T30Session.Sender.cs</c> and <c>T30Session.Receiver.cs</c>, with ECM in
/// their <c>Ecm</c> companions.
/// </summary>
public sealed partial class T30Session : IModemEvents
{
    private readonly T30Options _options;
    private readonly Queue<TransmitCommand> _transmit = new();
    private readonly Queue<FaxEvent> _events = new();
    private readonly List<T30Frame> _received = [];

    private SessionState _state = SessionState.Idle;
    private TimerKind _timer;
    private TimeSpan _timerDeadline;
    private TimeSpan? _t1Deadline;
    private TimeSpan? _callDeadline;
    private int _crpsSent;
    private TimerKind _timerAfterTransmit;
    private bool _transmitting;
    private int _attempts;
    private IReadOnlyList<byte[]>? _lastCommand;
    private FaxOutcome? _outcome;
    private FaxFailure _pendingFailure;
    private string? _pendingDetail;

    private T30Session(bool sending, T30Options options, IFaxDocument? document)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Ident.Length > FaxIdentifier.Length)
        {
            throw new ArgumentException($"the identifier may have at most {FaxIdentifier.Length} characters", nameof(options));
        }

        IsSender = sending;
        _options = options;
        _document = document;
        LocalCapabilities = BuildLocalCapabilities(options, receiving: !sending);
    }

    /// <summary>A calling station that sends <paramref name="document"/>.</summary>
    public static T30Session ForSending(IFaxDocument document, T30Options options)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new T30Session(true, options, document);
    }

    /// <summary>A called station that receives.</summary>
    public static T30Session ForReceiving(T30Options options) => new(false, options, null);

    public bool IsSender { get; }

    /// <summary>The settings the session was made with.</summary>
    public T30Options Options => _options;

    /// <summary>What we offer (in DIS) or can send with.</summary>
    public FaxCapabilities LocalCapabilities { get; }

    /// <summary>The mode of the last successful Phase B, or null before one.</summary>
    public DcsParameters? Mode { get; private set; }

    /// <summary>The far end's identifier (CSI when sending, TSI when receiving), trimmed.</summary>
    public string RemoteIdent { get; private set; } = "";

    /// <summary>The far end's subaddress (SUB), when it sent one: often the extension (DID) the fax is for.</summary>
    public string? RemoteSubAddress { get; private set; }

    /// <summary>The far end's sender identification (SID), when it sent one.</summary>
    public string? RemoteSenderId { get; private set; }

    /// <summary>The far end's password (PWD), when it sent one. Never traced or logged.</summary>
    public string? RemotePassword { get; private set; }

    /// <summary>The result once the session is over, else null.</summary>
    public FaxOutcome? Outcome => _outcome;

    public bool IsFinished => _state == SessionState.Done;

    /// <summary>DCN is on its way or the session is over: what the far end still sends changes nothing.</summary>
    private bool IsClosing => _state is SessionState.Done or SessionState.Disconnecting;

    /// <summary>When <see cref="HandleTimeout"/> must next be called, or null when no timer runs.</summary>
    public TimeSpan? NextDeadline
    {
        get
        {
            if (_state == SessionState.Done)
            {
                return null;
            }

            TimeSpan? deadline = _timer == TimerKind.None ? null : _timerDeadline;
            if (_t1Deadline is { } t1 && (deadline is null || t1 < deadline))
            {
                deadline = t1;
            }

            if (_callDeadline is { } end && (deadline is null || end < deadline))
            {
                deadline = end;
            }

            return deadline;
        }
    }

    /// <summary>Starts Phase B: a receiver answers with CED and DIS, a sender calls with CNG and waits for DIS.</summary>
    public void Start(TimeSpan now)
    {
        if (_state != SessionState.Idle)
        {
            throw new InvalidOperationException("the session has already started");
        }

        _t1Deadline = now + _options.T1;
        _callDeadline = now + _options.MaxCallDuration;
        if (IsSender)
        {
            Queue(new SendTone(FaxTone.Cng));
            _timerAfterTransmit = TimerKind.Cng;
            _state = SessionState.SenderAwaitingDis;
        }
        else
        {
            Queue(new SendTone(FaxTone.Ced));
            Queue(new SendSilence(_options.TurnaroundDelay));
            SendCommand(BuildDis(), TimerKind.T4);
            _state = SessionState.ReceiverAwaitingCommand;
        }
    }

    /// <summary>Ends the session from our side: DCN, then Phase E with <see cref="FaxFailure.LocalHangup"/>.</summary>
    public void Hangup(TimeSpan now)
    {
        if (_state is SessionState.Done or SessionState.Disconnecting)
        {
            return;
        }

        if (_state == SessionState.Idle)
        {
            Finish(FaxFailure.LocalHangup, null);
            return;
        }

        Disconnect(FaxFailure.LocalHangup, null);
    }

    public bool TryPollTransmit(out TransmitCommand command)
    {
        if (_transmit.TryDequeue(out TransmitCommand? next))
        {
            command = next;
            _transmitting = true;
            return true;
        }

        command = null!;
        return false;
    }

    public bool TryPollEvent(out FaxEvent faxEvent)
    {
        if (_events.TryDequeue(out FaxEvent? next))
        {
            faxEvent = next;
            return true;
        }

        faxEvent = null!;
        return false;
    }

    public void HandleTone(FaxTone tone, TimeSpan now)
    {
        // Tones say nothing T.30 relies on: gateways send CED/CNG indicators without having heard a fax.
    }

    public void HandleCarrierStarted(SignallingRate? rate, TimeSpan now)
    {
        if (IsClosing)
        {
            return;
        }

        Trace(false, rate is null ? "V.21 carrier" : $"{rate} carrier");
        if (rate is null)
        {
            _received.Clear();
            ExtendResponseTimer(now);
            return;
        }

        if (!IsSender)
        {
            ReceiverHighSpeedCarrier(rate.Value, now);
        }
    }

    public void HandleFrame(ReadOnlySpan<byte> frame, bool fcsOk, TimeSpan now)
    {
        if (IsClosing)
        {
            return;
        }

        if (frame.Length >= 3 && frame[2] is (byte)FacsimileControlField.Fcd or (byte)FacsimileControlField.Rcp)
        {
            if (!IsSender)
            {
                ReceiverEcmFrame(frame, fcsOk, now);
            }

            return;
        }

        if (!T30Frame.TryParse(frame, out T30Frame? parsed, out _))
        {
            return;
        }

        if (!fcsOk)
        {
            if (parsed.IsFinal && !IsSender && _state != SessionState.Disconnecting && _crpsSent++ < _options.CommandAttempts)
            {
                // T.30 5.3.6.2.x: a receiver may ask for a garbled command again.
                // CRP is not remembered as our last response, and the timer the state waits with runs again after it.
                Trace(false, $"{parsed.Fcf} with bad FCS");
                _received.Clear();
                byte[] crp = Frame(FacsimileControlField.Crp, []);
                Queue(new SendHdlc(null, [crp]));
                TraceSent([crp]);
                StopTimer();
                _timerAfterTransmit = _state == SessionState.ReceiverAwaitingCommand && _t1Deadline is not null ? TimerKind.T4 : TimerKind.T2;
            }

            return;
        }

        _received.Add(parsed);
        if (_received.Count > 16)
        {
            _received.RemoveAt(0);
        }

        if (parsed.IsFinal)
        {
            _crpsSent = 0;
            T30Frame[] frames = [.. _received];
            _received.Clear();
            foreach (T30Frame f in frames)
            {
                Trace(false, Describe(f));
            }

            if (IsSender)
            {
                SenderResponse(frames, now);
            }
            else
            {
                ReceiverCommand(frames, now);
            }
        }
    }

    public void HandleNonEcmData(ReadOnlySpan<byte> data, TimeSpan now)
    {
        if (!IsSender && !IsClosing)
        {
            ReceiverNonEcmData(data, now);
        }
    }

    public void HandleCarrierEnded(TimeSpan now)
    {
        Trace(false, "carrier ended");
        if (!IsSender && !IsClosing)
        {
            ReceiverCarrierEnded(now);
        }
    }

    public void HandleTransmitComplete(TimeSpan now)
    {
        if (_transmit.Count > 0)
        {
            return;
        }

        _transmitting = false;
        if (_state == SessionState.Disconnecting)
        {
            Finish(_pendingFailure, _pendingDetail);
            return;
        }

        if (_timerAfterTransmit != TimerKind.None)
        {
            StartTimer(_timerAfterTransmit, now);
            _timerAfterTransmit = TimerKind.None;
        }
    }

    /// <summary>Lets timers that have expired by <paramref name="now"/> act.</summary>
    public void HandleTimeout(TimeSpan now)
    {
        if (_state == SessionState.Done)
        {
            return;
        }

        if (_t1Deadline is { } t1 && now >= t1)
        {
            _t1Deadline = null;
            Disconnect(FaxFailure.NoAnswer, IsSender ? "no DIS received" : "no DCS received");
            return;
        }

        if (_callDeadline is { } end && now >= end)
        {
            _callDeadline = null;
            if (_state == SessionState.Disconnecting)
            {
                // DCN is still on its way: the session ends now as it would have once DCN was out, and no deadline
                // that has passed is left to ask for timeouts that do nothing.
                Finish(_pendingFailure, _pendingDetail);
                return;
            }

            Disconnect(FaxFailure.CallTooLong, $"the call lasted {_options.MaxCallDuration.TotalMinutes:0} minutes");
            return;
        }

        if (_timer == TimerKind.None || now < _timerDeadline)
        {
            return;
        }

        TimerKind expired = _timer;
        _timer = TimerKind.None;
        if (IsSender)
        {
            SenderTimeout(expired, now);
        }
        else
        {
            ReceiverTimeout(expired, now);
        }
    }

    private bool X => IsSender;

    private byte[] Frame(FacsimileControlField fcf, ReadOnlySpan<byte> fif, bool final = true) =>
        T30Frame.Build(fcf, X, final, fif);

    private void Queue(TransmitCommand command) => _transmit.Enqueue(command);

    /// <summary>A command that expects a response: remembered for repetition, its timer starts once it is sent.</summary>
    private void SendCommand(IReadOnlyList<byte[]> frames, TimerKind timer)
    {
        _lastCommand = frames;
        Queue(new SendHdlc(null, frames));
        TraceSent(frames);
        StopTimer();
        _timerAfterTransmit = timer;
    }

    private void SendResponse(byte[] frame, TimerKind timer = TimerKind.None)
    {
        _lastCommand = [frame];
        Queue(new SendHdlc(null, [frame]));
        TraceSent([frame]);
        StopTimer();
        _timerAfterTransmit = timer;
    }

    private void RepeatLast(TimerKind timer)
    {
        if (_lastCommand is null)
        {
            return;
        }

        Queue(new SendHdlc(null, _lastCommand));
        TraceSent(_lastCommand);
        StopTimer();
        _timerAfterTransmit = timer;
    }

    /// <summary>Phase E through DCN: the session finishes once DCN has gone out.</summary>
    private void Disconnect(FaxFailure failure, string? detail)
    {
        StopTimer();
        _t1Deadline = null;
        _pendingFailure = failure;
        _pendingDetail = detail;
        _state = SessionState.Disconnecting;
        byte[] dcn = Frame(FacsimileControlField.Dcn, []);
        Queue(new SendHdlc(null, [dcn]));
        TraceSent([dcn]);
        if (!_transmitting && _transmit.Count == 0)
        {
            Finish(failure, detail);
        }
    }

    private void Finish(FaxFailure failure, string? detail)
    {
        if (_state == SessionState.Done)
        {
            return;
        }

        StopTimer();
        _t1Deadline = null;
        _state = SessionState.Done;
        int pages = IsSender ? _pagesSent : _pagesReceived.Count;
        if (failure == FaxFailure.None && pages == 0)
        {
            failure = FaxFailure.NoPages;
        }

        string reason = failure.Describe();
        if (!string.IsNullOrEmpty(detail))
        {
            reason = $"{reason}: {detail}";
        }

        _outcome = new FaxOutcome
        {
            Failure = failure,
            Reason = reason,
            Pages = pages,
            Rate = Mode?.Rate,
            Resolution = Mode is null ? null : FaxResolutions.ToPageResolution(Mode.Resolution),
            Compression = Mode?.Compression,
            Ecm = Mode?.Ecm ?? false,
            RemoteIdent = RemoteIdent,
            BadLinesPerPage = [.. _pagesReceived],
        };
        _events.Enqueue(new SessionCompleted(_outcome));
    }

    private static FaxCapabilities BuildLocalCapabilities(T30Options options, bool receiving) => new()
    {
        // A modem family is offered only when the fastest rate allowed reaches it (V.17 7200 counts as V.17).
        Modems = options.Modems & options.MaxRate switch
        {
            SignallingRate.V27ter2400 or SignallingRate.V27ter4800 => ModemSet.V27ter,
            SignallingRate.V29At7200 or SignallingRate.V29At9600 => ModemSet.V27ter | ModemSet.V29,
            _ => ModemSet.All,
        },
        CanReceive = receiving,
        SupportsMr = options.Compressions.Contains(CodingScheme.Mr),
        SupportsMmr = options.Ecm && options.Compressions.Contains(CodingScheme.Mmr),
        SupportsEcm = options.Ecm,
        Prefers64OctetFrames = options.EcmFrameSize == 64,
        Resolutions = ResolutionSupport.All,
        PrefersMetricResolution = true,
        MaxWidth = FaxWidth.A3,
        MaxLength = FaxLength.Unlimited,
        ScanLineTime = ScanLineTimeCapability.Ms0,
        Subaddressing = receiving,
    };

    private List<byte[]> BuildDis()
    {
        var frames = new List<byte[]>();
        if (_options.Ident.Length > 0)
        {
            frames.Add(Frame(FacsimileControlField.Csi, FaxIdentifier.Encode(_options.Ident), final: false));
        }

        frames.Add(Frame(FacsimileControlField.Dis, LocalCapabilities.EncodeDis()));
        return frames;
    }
}
