using System.Numerics;
using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Frames;
using Faxgate.Imaging;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;

namespace Faxgate.Fax.T30.Session;

/// <summary>The receiving station's procedure: DIS out, DCS and TCF in, pages, post-page responses (T.30 5.3, Figure 5-2).</summary>
public sealed partial class T30Session
{
    private readonly List<int> _pagesReceived = [];
    private int _failedTrainings;
    private bool _tcfCarrier;
    private long _tcfBits;
    private long _tcfZeroRun;
    private long _tcfLongestZeroRun;
    private PageDecoder? _decoder;
    private bool _pageDataOverflow;
    private FacsimileControlField _lastPostPageCommand;
    private byte[]? _lastPostPageResponse;
    private bool _pageAnswered;

    private void ReceiverCommand(T30Frame[] frames, TimeSpan now)
    {
        T30Frame last = frames[^1];
        switch (last.Fcf)
        {
            case FacsimileControlField.Dcn:
                ReceiverGotDcn();
                return;
            case FacsimileControlField.Crp:
                RepeatLast(_state == SessionState.ReceiverAwaitingCommand ? TimerKind.T4 : TimerKind.T2);
                return;
            case FacsimileControlField.Dcs:
                ReceiverGotDcs(frames, last, now);
                return;
            case FacsimileControlField.Dtc:
                Disconnect(FaxFailure.Incompatible, "the far end asked to poll (DTC); polling is not offered");
                return;
            case FacsimileControlField.Mps:
            case FacsimileControlField.Eom:
            case FacsimileControlField.Eop:
            case FacsimileControlField.PriMps:
            case FacsimileControlField.PriEom:
            case FacsimileControlField.PriEop:
                ReceiverPostPageCommand(PlainPostPage(last.Fcf), now);
                return;
            case FacsimileControlField.Pps:
            case FacsimileControlField.Eor:
            case FacsimileControlField.Ctc:
            case FacsimileControlField.Rr:
                ReceiverEcmCommand(last, now);
                return;
            default:
                return;
        }
    }

    private static FacsimileControlField PlainPostPage(FacsimileControlField fcf) => fcf switch
    {
        FacsimileControlField.PriMps => FacsimileControlField.Mps,
        FacsimileControlField.PriEom => FacsimileControlField.Eom,
        FacsimileControlField.PriEop => FacsimileControlField.Eop,
        _ => fcf,
    };

    private void ReceiverGotDcn()
    {
        // Only EOP answered with MCF completes the procedure; DCN after RTN to EOP means the last page is missing.
        bool complete = _state == SessionState.ReceiverAwaitingDcn;
        Finish(complete ? FaxFailure.None : FaxFailure.RemoteDisconnected, complete ? null : $"DCN while {StateWords()}");
    }

    private void ReceiverGotDcs(T30Frame[] frames, T30Frame dcs, TimeSpan now)
    {
        if (!DcsParameters.TryDecode(dcs.Fif, out DcsParameters? mode, out CapabilityFieldError error))
        {
            Disconnect(FaxFailure.UnexpectedFrame, $"DCS could not be decoded: {error}");
            return;
        }

        string? refusal = Refusal(mode);
        if (refusal is not null)
        {
            Disconnect(FaxFailure.Incompatible, refusal);
            return;
        }

        foreach (T30Frame frame in frames)
        {
            if (frame.Fcf == FacsimileControlField.Tsi)
            {
                RemoteIdent = FaxIdentifier.Decode(frame.Fif);
            }
            else if (frame.Fcf == FacsimileControlField.Sub)
            {
                RemoteSubAddress = FaxIdentifier.Decode(frame.Fif);
            }
            else if (frame.Fcf == FacsimileControlField.Sid)
            {
                RemoteSenderId = FaxIdentifier.Decode(frame.Fif);
            }
            else if (frame.Fcf == FacsimileControlField.Pwd)
            {
                RemotePassword = FaxIdentifier.Decode(frame.Fif);
            }
        }

        _t1Deadline = null;
        Mode = mode;
        _rate = mode.Rate;
        _tcfCarrier = false;
        _tcfBits = 0;
        _tcfZeroRun = 0;
        _tcfLongestZeroRun = 0;
        _state = SessionState.ReceiverCheckingTcf;
        StartTimer(TimerKind.T2, now);
    }

    /// <summary>Why we cannot receive in the mode a DCS asks for, or null when we can.</summary>
    private string? Refusal(DcsParameters mode)
    {
        FaxCapabilities local = LocalCapabilities;
        if ((local.Modems & mode.Rate.Modem()) == 0)
        {
            return $"DCS asks for {mode.Rate}, which is not offered";
        }

        if (!local.Supports(mode.Compression))
        {
            return $"DCS asks for {mode.Compression}, which is not offered";
        }

        if (mode.Ecm && !local.SupportsEcm)
        {
            return "DCS asks for ECM, which is not offered";
        }

        if (mode.Compression == CodingScheme.Mmr && !mode.Ecm)
        {
            return "DCS asks for MMR without ECM";
        }

        return local.Accepts(mode.Resolution) ? null : $"DCS asks for {mode.Resolution} resolution, which is not offered";
    }

    private void ReceiverHighSpeedCarrier(SignallingRate rate, TimeSpan now)
    {
        switch (_state)
        {
            case SessionState.ReceiverCheckingTcf:
                _tcfCarrier = true;
                ExtendResponseTimer(now);
                break;
            case SessionState.ReceiverAwaitingPage when !Mode!.Ecm:
                _decoder = new PageDecoder(Mode.Compression, FaxWidths.Pixels(Mode.Width, Mode.Resolution), new DecoderOptions { MaxLines = _options.MaxPageLines });
                _pageDataOverflow = false;
                _pageBytes = 0;
                _state = SessionState.ReceiverReceivingPage;
                _pageAnswered = false;
                StartDataTimer(now);
                break;
            case SessionState.ReceiverAwaitingPage:
                StartDataTimer(now);
                break;
            default:
                break;
        }
    }

    private long _pageBytes;

    /// <summary>
    /// A page (or ECM partial page) may take longer than T2, so while it arrives T2 counts from the latest data: a
    /// far end that falls silent in the middle of a page ends the session rather than leaving it waiting for a
    /// carrier end that never comes.
    /// </summary>
    private void StartDataTimer(TimeSpan now)
    {
        StopTimer();
        StartTimer(TimerKind.T2, now);
    }

    private void RefreshDataTimer(TimeSpan now)
    {
        if (_timer == TimerKind.T2)
        {
            _timerDeadline = now + _options.T2;
        }
    }

    private void ReceiverNonEcmData(ReadOnlySpan<byte> data, TimeSpan now)
    {
        switch (_state)
        {
            case SessionState.ReceiverCheckingTcf:
                _tcfCarrier = true;
                CountTcf(data);
                break;
            case SessionState.ReceiverAwaitingPage when !Mode!.Ecm:
                // Page data without a training indication: some gateways drop the indicator.
                ReceiverHighSpeedCarrier(_rate, now);
                ReceiverNonEcmData(data, now);
                break;
            case SessionState.ReceiverReceivingPage:
                RefreshDataTimer(now);
                _pageBytes += data.Length;
                if (_pageBytes > _options.MaxPageBytes)
                {
                    _pageDataOverflow = true;
                    return;
                }

                if (!_decoder!.IsComplete)
                {
                    _decoder.Push(data);
                }

                break;
            default:
                break;
        }
    }

    private void CountTcf(ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
        {
            _tcfBits += 8;
            if (b == 0)
            {
                _tcfZeroRun += 8;
                continue;
            }

            // Most significant bit first: zeros before the first one continue the run, zeros after the last start one.
            _tcfZeroRun += BitOperations.LeadingZeroCount((uint)b) - 24;
            _tcfLongestZeroRun = Math.Max(_tcfLongestZeroRun, _tcfZeroRun);
            _tcfZeroRun = BitOperations.TrailingZeroCount(b);
        }

        _tcfLongestZeroRun = Math.Max(_tcfLongestZeroRun, _tcfZeroRun);
    }

    private void ReceiverCarrierEnded(TimeSpan now)
    {
        switch (_state)
        {
            case SessionState.ReceiverCheckingTcf when _tcfCarrier:
                ReceiverJudgeTcf(now);
                break;
            case SessionState.ReceiverReceivingPage:
                _state = SessionState.ReceiverAwaitingPostPageCommand;
                StartTimer(TimerKind.T2, now);
                break;
            case SessionState.ReceiverAwaitingPage when _timer == TimerKind.None && !_transmitting:
                StartTimer(TimerKind.T2, now);
                break;
            default:
                break;
        }
    }

    private void ReceiverJudgeTcf(TimeSpan now)
    {
        long needed = (long)(_rate.BitsPerSecond() * _options.TcfMinZeros.TotalSeconds);
        bool good = _options.TcfCheck == TcfCheck.AssumeGood || _tcfLongestZeroRun >= needed;

        // DIS cannot say "V.17 up to 9600": a rate above our limit fails training, so the sender falls back.
        good &= _rate.BitsPerSecond() <= _options.MaxRate.BitsPerSecond();
        if (good)
        {
            _events.Enqueue(new ModeNegotiated(Mode!, RemoteIdent));
            _state = SessionState.ReceiverAwaitingPage;
            StartEcmReception();
            SendResponse(Frame(FacsimileControlField.Cfr, []), TimerKind.T2);
        }
        else
        {
            Trace(false, $"TCF failed: longest run of zeros {_tcfLongestZeroRun} of {_tcfBits} bits, {needed} needed");
            if (++_failedTrainings > _options.MaxFailedTrainings)
            {
                Disconnect(FaxFailure.TrainingFailed, $"{_failedTrainings} trainings failed");
                return;
            }

            _state = SessionState.ReceiverAwaitingCommand;
            SendResponse(Frame(FacsimileControlField.Ftt, []), TimerKind.T2);
        }
    }

    private void ReceiverPostPageCommand(FacsimileControlField command, TimeSpan now)
    {
        if (Mode is { Ecm: true })
        {
            return;
        }

        if (_state == SessionState.ReceiverReceivingPage)
        {
            // The carrier-end indication was lost; the command says the page is over.
            _state = SessionState.ReceiverAwaitingPostPageCommand;
        }

        bool repeated = _state is SessionState.ReceiverAwaitingPage or SessionState.ReceiverAwaitingDcn
            || (_state == SessionState.ReceiverAwaitingCommand && command == _lastPostPageCommand);
        if (repeated && _pageAnswered && _lastPostPageResponse is not null)
        {
            // Our response was lost and the sender repeats its command: answer the same again (after RTN, or
            // MCF to EOM, we wait in Phase B; the MCF to EOM is followed by DIS again).
            SendResponse(_lastPostPageResponse, TimerKind.T2);
            if (command == FacsimileControlField.Eom && FacsimileControlFields.FromOctet(_lastPostPageResponse[2]) == FacsimileControlField.Mcf)
            {
                ReturnToPhaseB(now);
            }

            return;
        }

        if (_state != SessionState.ReceiverAwaitingPostPageCommand || _decoder is null)
        {
            return;
        }

        PageDecoder decoder = _decoder;
        _decoder = null;
        BilevelPage? page;
        try
        {
            page = decoder.Finish(FaxResolutions.ToPageResolution(Mode!.Resolution));
        }
        catch (ImageFormatException e)
        {
            // Not one line could be decoded (noise, or only fill): a page to refuse, not a reason to stop.
            Trace(false, $"page data not decodable: {e.Message}");
            page = null;
        }

        LineQuality quality = page?.Quality ?? decoder.Quality;
        bool accept = page is not null && !_pageDataOverflow && page.Height > 0 && PageIsGood(quality);
        FacsimileControlField response;
        if (accept && _pagesReceived.Count >= _options.MaxPages)
        {
            Disconnect(FaxFailure.TooManyPages, $"more than {_options.MaxPages}");
            return;
        }

        if (accept)
        {
            _events.Enqueue(new PageReceived(_pagesReceived.Count, page!, quality));
            _pagesReceived.Add(quality.BadLines);

            // A page kept despite bad lines is confirmed with RTP: the sender retrains before the next one.
            response = quality.BadLines == 0 ? FacsimileControlField.Mcf : FacsimileControlField.Rtp;
        }
        else
        {
            Trace(false, $"page refused: {quality.BadLines} bad of {quality.Lines} lines, longest run {quality.LongestBadRun}");
            response = FacsimileControlField.Rtn;
        }

        ReceiverAnswerPostPage(command, response, accept, now);
    }

    private void ReceiverAnswerPostPage(FacsimileControlField command, FacsimileControlField response, bool accepted, TimeSpan now)
    {
        _lastPostPageCommand = command;
        _lastPostPageResponse = Frame(response, []);
        _pageAnswered = true;
        if (!accepted)
        {
            // After RTN the sender retrains (DCS, TCF) before anything else.
            _state = SessionState.ReceiverAwaitingCommand;
        }
        else
        {
            _state = command switch
            {
                FacsimileControlField.Eop => SessionState.ReceiverAwaitingDcn,
                FacsimileControlField.Eom => SessionState.ReceiverAwaitingCommand,
                _ when response == FacsimileControlField.Rtp => SessionState.ReceiverAwaitingCommand,
                _ => SessionState.ReceiverAwaitingPage,
            };
        }

        SendResponse(_lastPostPageResponse, TimerKind.T2);
        if (accepted && command == FacsimileControlField.Eom)
        {
            ReturnToPhaseB(now);
        }
    }

    /// <summary>After EOM: the receiver offers its capabilities again, repeating DIS every T4 until T1 as at the start.</summary>
    private void ReturnToPhaseB(TimeSpan now)
    {
        Queue(new SendSilence(_options.TurnaroundDelay));
        SendCommand(BuildDis(), TimerKind.T4);
        _t1Deadline = now + _options.T1;
    }

    /// <summary>The receiver's quality rule: enough good lines and no long burst of bad ones (scaled to the resolution).</summary>
    private bool PageIsGood(LineQuality quality)
    {
        if (quality.Truncated || quality.Lines == 0)
        {
            return false;
        }

        double good = 100.0 * (quality.Lines - quality.BadLines) / quality.Lines;
        double scale = Math.Max(1, FaxResolutions.ToPageResolution(Mode!.Resolution).Y / 98.0);
        return good >= _options.MinGoodLinePercent && quality.LongestBadRun <= _options.MaxConsecutiveBadLines * scale;
    }

    private void ReceiverTimeout(TimerKind expired, TimeSpan now)
    {
        switch (_state)
        {
            case SessionState.ReceiverAwaitingCommand when _t1Deadline is not null:
                // Phase B: repeat DIS until T1 gives up (T.30 5.3.2.x). After FTT or RTN, T1 no longer runs: T2 ends it.
                RepeatLast(TimerKind.T4);
                break;
            case SessionState.ReceiverAwaitingDcn:
                Finish(FaxFailure.None, null);
                break;
            default:
                Disconnect(FaxFailure.CommandTimeout, $"while {StateWords()}");
                break;
        }
    }

    private static bool IsPostPage(FacsimileControlField fcf) =>
        fcf is FacsimileControlField.Mps or FacsimileControlField.Eom or FacsimileControlField.Eop;
}
