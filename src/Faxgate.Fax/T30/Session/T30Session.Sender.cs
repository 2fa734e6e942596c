using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Frames;

namespace Faxgate.Fax.T30.Session;

/// <summary>The sending station's procedure: DIS in, DCS and TCF out, pages, post-page commands (T.30 5.3, Figure 5-2).</summary>
public sealed partial class T30Session
{
    private readonly IFaxDocument? _document;
    private FaxCapabilities? _remoteCapabilities;
    private SignallingRate _rate;
    private int _pageIndex;
    private int _pagesSent;
    private int _pageRetries;
    private byte[]? _pageData;
    private DcsParameters? _pageDataMode;
    private FacsimileControlField _postPageCommand;

    private void SenderResponse(T30Frame[] frames, TimeSpan now)
    {
        T30Frame last = frames[^1];
        if (last.Fcf == FacsimileControlField.Dcn)
        {
            Finish(FaxFailure.RemoteDisconnected, $"DCN while {StateWords()}");
            return;
        }

        if (last.Fcf == FacsimileControlField.Crp)
        {
            // The receiver did not understand our command: send it again, as a T4 expiry would (DCS with its TCF),
            // and count the try, so that a far end answering only CRP is given up on.
            if (_state != SessionState.SenderAwaitingDis)
            {
                StopTimer();
                SenderTimeout(TimerKind.T4, now);
            }

            return;
        }

        switch (_state)
        {
            case SessionState.SenderAwaitingDis:
            case SessionState.SenderAwaitingCfr when last.Fcf == FacsimileControlField.Dis:
                if (last.Fcf == FacsimileControlField.Dis)
                {
                    SenderGotDis(frames, last, now);
                }

                break;
            case SessionState.SenderAwaitingCfr:
                SenderTrainingResponse(last.Fcf);
                break;
            case SessionState.SenderAwaitingPostPageResponse:
                SenderPostPageResponse(last.Fcf, now);
                break;
            case SessionState.SenderAwaitingPpsResponse:
            case SessionState.SenderAwaitingRrResponse:
                SenderEcmResponse(last, now);
                break;
            case SessionState.SenderAwaitingCtr:
                if (last.Fcf == FacsimileControlField.Ctr)
                {
                    SenderSendBlock();
                }

                break;
            default:
                break;
        }
    }

    private void SenderGotDis(T30Frame[] frames, T30Frame dis, TimeSpan now)
    {
        _t1Deadline = null;
        if (!FaxCapabilities.TryDecode(dis.Fif, out FaxCapabilities? remote, out _))
        {
            Disconnect(FaxFailure.UnexpectedFrame, "DIS could not be decoded");
            return;
        }

        foreach (T30Frame frame in frames)
        {
            if (frame.Fcf == FacsimileControlField.Csi)
            {
                RemoteIdent = FaxIdentifier.Decode(frame.Fif);
            }
        }

        bool firstDis = _remoteCapabilities is null;
        _remoteCapabilities = remote;
        if (_state == SessionState.SenderAwaitingCfr && ++_attempts > _options.CommandAttempts)
        {
            Disconnect(FaxFailure.ResponseTimeout, "the far end keeps repeating DIS");
            return;
        }

        if (!ChooseMode(firstDis))
        {
            return;
        }

        if (_state != SessionState.SenderAwaitingCfr)
        {
            _attempts = 1;
        }

        SendDcsAndTcf();
    }

    /// <summary>Picks the mode for the current page; false (and disconnecting) when there is none.</summary>
    private bool ChooseMode(bool firstDis)
    {
        PageRequirement page = _document!.Describe(_pageIndex);
        ModeDecision decision = ModeSelection.Choose(LocalCapabilities, _remoteCapabilities!, page);
        if (decision is ModeDecision.Incompatible incompatible)
        {
            Disconnect(
                incompatible.Reason == IncompatibilityReason.NotAReceiver ? FaxFailure.RemoteNotReceiver : FaxFailure.Incompatible,
                incompatible.Reason == IncompatibilityReason.NoCommonModem ? "no common modem" : null);
            return false;
        }

        DcsParameters mode = ((ModeDecision.Chosen)decision).Dcs;
        SignallingRate chosen = mode.Rate;
        while (chosen.BitsPerSecond() > _options.MaxRate.BitsPerSecond() && chosen.FallBack() is { } lower)
        {
            chosen = lower;
        }

        if (firstDis || Mode is null || chosen.BitsPerSecond() < _rate.BitsPerSecond())
        {
            _rate = chosen;
        }

        Mode = mode with { Rate = _rate };
        return true;
    }

    private void SendDcsAndTcf()
    {
        DcsParameters mode = Mode! with { Rate = _rate };
        Mode = mode;
        var frames = new List<byte[]>();
        if (_options.Ident.Length > 0)
        {
            frames.Add(Frame(FacsimileControlField.Tsi, FaxIdentifier.Encode(_options.Ident), final: false));
        }

        bool sub = _options.SubAddress is { Length: > 0 } && _remoteCapabilities!.Subaddressing;
        if (sub)
        {
            frames.Add(Frame(FacsimileControlField.Sub, FaxIdentifier.Encode(_options.SubAddress!), final: false));
        }

        frames.Add(Frame(FacsimileControlField.Dcs, (mode with { SubaddressFollows = sub }).Encode()));
        SendCommand(frames, TimerKind.None);
        Queue(new SendSilence(_options.TurnaroundDelay));
        Queue(new SendTcf(_rate, _options.TcfDuration));
        _timerAfterTransmit = TimerKind.T4;
        _state = SessionState.SenderAwaitingCfr;
    }

    private void SenderTrainingResponse(FacsimileControlField response)
    {
        switch (response)
        {
            case FacsimileControlField.Cfr:
                _attempts = 0;
                _events.Enqueue(new ModeNegotiated(Mode!, RemoteIdent));
                SenderSendPage();
                break;
            case FacsimileControlField.Ftt:
                if (_rate.FallBack() is not { } lower || !RemoteOffers(lower))
                {
                    Disconnect(FaxFailure.TrainingFailed, $"FTT at {_rate.BitsPerSecond()} bit/s, the lowest common rate");
                    return;
                }

                _rate = lower;
                _attempts = 1;
                SendDcsAndTcf();
                break;
            default:
                break;
        }
    }

    private void SenderSendPage()
    {
        if (Mode!.Ecm)
        {
            SenderStartEcmPage();
            return;
        }

        byte[] data = PageData();
        _postPageCommand = NextPostPageCommand();
        Queue(new SendSilence(_options.TurnaroundDelay));
        Queue(new SendImage(_rate, data));
        Queue(new SendSilence(_options.TurnaroundDelay));
        _attempts = 1;
        SendCommand([Frame(_postPageCommand, [])], TimerKind.T4);
        _state = SessionState.SenderAwaitingPostPageResponse;
    }

    /// <summary>The current page coded in the current mode (kept across retransmissions of the same page).</summary>
    private byte[] PageData()
    {
        if (_pageData is null || _pageDataMode != Mode)
        {
            int minLineBits = Mode!.Ecm ? 0 : ScanLineTimes.MinLineBits(Mode.MinScanLineTime.Milliseconds(), _rate);
            _pageData = _document!.Encode(_pageIndex, Mode, minLineBits);
            _pageDataMode = Mode;
        }

        return _pageData;
    }

    /// <summary>MPS when the next page fits the same mode, EOM when it needs a new Phase B, EOP after the last page.</summary>
    private FacsimileControlField NextPostPageCommand()
    {
        if (_pageIndex + 1 >= _document!.PageCount)
        {
            return FacsimileControlField.Eop;
        }

        ModeDecision next = ModeSelection.Choose(LocalCapabilities, _remoteCapabilities!, _document.Describe(_pageIndex + 1));
        return next is ModeDecision.Chosen chosen && SamePageFormat(chosen.Dcs, Mode!) ? FacsimileControlField.Mps : FacsimileControlField.Eom;
    }

    private void SenderPostPageResponse(FacsimileControlField response, TimeSpan now)
    {
        switch (response)
        {
            case FacsimileControlField.Mcf:
            case FacsimileControlField.Rtp:
            case FacsimileControlField.Pip:
                SenderPageConfirmed(retrain: response != FacsimileControlField.Mcf, now);
                break;
            case FacsimileControlField.Rtn:
            case FacsimileControlField.Pin:
                if (++_pageRetries > _options.MaxPageRetries)
                {
                    Disconnect(FaxFailure.PageRejected, $"page {_pageIndex + 1} refused {_pageRetries} times");
                    return;
                }

                // T.30 5.3.6.2.x: after RTN the sender retrains; a lower rate gives the page a better chance.
                if (_rate.FallBack() is { } lower && RemoteOffers(lower))
                {
                    _rate = lower;
                }

                _attempts = 1;
                SendDcsAndTcf();
                break;
            default:
                break;
        }
    }

    private void SenderPageConfirmed(bool retrain, TimeSpan now)
    {
        _events.Enqueue(new PageSent(_pageIndex));
        _pagesSent++;
        _pageIndex++;
        _pageRetries = 0;
        _pageData = null;
        switch (_postPageCommand)
        {
            case FacsimileControlField.Eop:
                Disconnect(FaxFailure.None, null);
                break;
            case FacsimileControlField.Eom:
                // Back to Phase B: the receiver sends DIS again.
                StopTimer();
                _state = SessionState.SenderAwaitingDis;
                _t1Deadline = now + _options.T1;
                break;
            default:
                if (retrain)
                {
                    _attempts = 1;
                    SendDcsAndTcf();
                }
                else
                {
                    SenderSendPage();
                }

                break;
        }
    }

    private void SenderTimeout(TimerKind expired, TimeSpan now)
    {
        if (expired == TimerKind.Cng)
        {
            if (_state == SessionState.SenderAwaitingDis && _remoteCapabilities is null)
            {
                Queue(new SendTone(FaxTone.Cng));
                _timerAfterTransmit = TimerKind.Cng;
            }

            return;
        }

        if (expired == TimerKind.T5)
        {
            Disconnect(FaxFailure.ReceiverNotReadyTimeout, null);
            return;
        }

        if (++_attempts > _options.CommandAttempts)
        {
            Disconnect(FaxFailure.ResponseTimeout, $"no response while {StateWords()}");
            return;
        }

        switch (_state)
        {
            case SessionState.SenderAwaitingCfr:
                SendDcsAndTcf();
                break;
            case SessionState.SenderAwaitingPostPageResponse:
            case SessionState.SenderAwaitingPpsResponse:
            case SessionState.SenderAwaitingCtr:
            case SessionState.SenderAwaitingRrResponse:
                RepeatLast(TimerKind.T4);
                break;
            default:
                break;
        }
    }

    /// <summary>Pages that code alike can follow each other after MPS; anything else needs EOM and a new DCS.</summary>
    private static bool SamePageFormat(DcsParameters a, DcsParameters b) =>
        a.Resolution == b.Resolution && a.Width == b.Width && a.Compression == b.Compression && a.Ecm == b.Ecm;

    private bool RemoteOffers(SignallingRate rate) =>
        _remoteCapabilities is { } remote && (remote.Modems == ModemSet.None ? rate == SignallingRate.V27ter2400 : (remote.Modems & rate.Modem()) != 0);

    private string StateWords() => _state switch
    {
        SessionState.SenderAwaitingDis => "waiting for DIS",
        SessionState.SenderAwaitingCfr => "waiting for CFR after DCS/TCF",
        SessionState.SenderAwaitingPostPageResponse => $"waiting for the response to {_postPageCommand.ToString().ToUpperInvariant()}",
        SessionState.SenderAwaitingPpsResponse => "waiting for the response to PPS",
        SessionState.SenderAwaitingCtr => "waiting for CTR",
        SessionState.SenderAwaitingRrResponse => "waiting for the response to RR",
        SessionState.ReceiverAwaitingCommand => "waiting for DCS",
        SessionState.ReceiverCheckingTcf => "waiting for TCF",
        SessionState.ReceiverAwaitingPage => "waiting for a page",
        SessionState.ReceiverReceivingPage => "receiving a page",
        SessionState.ReceiverAwaitingPostPageCommand => "waiting for the post-page command",
        SessionState.ReceiverAwaitingDcn => "waiting for DCN",
        _ => _state.ToString(),
    };
}
