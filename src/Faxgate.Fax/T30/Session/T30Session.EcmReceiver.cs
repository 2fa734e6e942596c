using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Ecm;
using Faxgate.Fax.T30.Frames;
using Faxgate.Imaging;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;

namespace Faxgate.Fax.T30.Session;

/// <summary>The receiver's error correction mode (T.30 Annex A): FCD frames collected, PPS answered with MCF or PPR.</summary>
public sealed partial class T30Session
{
    private PartialPageReceiver? _ecmReceiver;

    private void StartEcmReception()
    {
        if (Mode!.Ecm)
        {
            _ecmReceiver ??= new PartialPageReceiver(_options.MaxPageBytes);
        }
    }

    private void ReceiverEcmFrame(ReadOnlySpan<byte> frame, bool fcsOk, TimeSpan now)
    {
        if (_ecmReceiver is null)
        {
            return;
        }

        RefreshDataTimer(now);
        if (!fcsOk || FcdFrame.IsRcp(frame))
        {
            return;
        }

        if (FcdFrame.TryParse(frame, out FcdFrame fcd, out _, out _))
        {
            _ecmReceiver.HandleFcd(fcd);
        }
    }

    private void ReceiverEcmCommand(T30Frame command, TimeSpan now)
    {
        if (_ecmReceiver is null)
        {
            return;
        }

        switch (command.Fcf)
        {
            case FacsimileControlField.Pps:
                if (!PpsInfo.TryParse(command.Fif, out PpsInfo pps, out EcmError error, out _))
                {
                    Trace(false, $"PPS not understood: {error}");
                    SendResponse(Frame(FacsimileControlField.Crp, []), TimerKind.T2);
                    return;
                }

                ReceiverEcmResult(_ecmReceiver.HandlePps(pps), pps.PostPageCommand, FacsimileControlField.Mcf, now);
                return;
            case FacsimileControlField.Eor:
                if (!EorInfo.TryParse(command.Fif, out EorInfo eor, out _, out _))
                {
                    SendResponse(Frame(FacsimileControlField.Crp, []), TimerKind.T2);
                    return;
                }

                ReceiverEcmResult(_ecmReceiver.HandleEor(eor), eor.PostPageCommand, FacsimileControlField.Err, now);
                return;
            case FacsimileControlField.Ctc:
                Span<byte> fif = stackalloc byte[3];
                command.Fif[..Math.Min(2, command.Fif.Length)].CopyTo(fif);
                if (DcsParameters.TryDecode(fif, out DcsParameters? ctc, out _))
                {
                    _rate = ctc.Rate;
                    Mode = Mode! with { Rate = ctc.Rate };
                }

                _state = SessionState.ReceiverAwaitingPage;
                SendResponse(Frame(FacsimileControlField.Ctr, []), TimerKind.T2);
                return;
            case FacsimileControlField.Rr:
                RepeatLast(TimerKind.T2);
                return;
            default:
                return;
        }
    }

    private void ReceiverEcmResult(PartialPageResult result, FacsimileControlField postPage, FacsimileControlField confirm, TimeSpan now)
    {
        switch (result.Status)
        {
            case PartialPageStatus.BlockReceived:
                _state = SessionState.ReceiverAwaitingPage;
                SendResponse(Frame(confirm, []), TimerKind.T2);
                return;
            case PartialPageStatus.PageReceived:
            case PartialPageStatus.BlockAbandoned when result.Page is not null:
                ReceiverEcmPage(result.Page!, PlainPostPage(postPage), confirm, now);
                return;
            case PartialPageStatus.BlockAbandoned:
                // EOR: the far end gave up on the block; what arrived of it is kept, ERR lets it go on.
                _state = SessionState.ReceiverAwaitingPage;
                SendResponse(Frame(confirm, []), TimerKind.T2);
                return;
            case PartialPageStatus.Repeated:
                SendResponse(Frame(confirm, []), TimerKind.T2);
                if (_state == SessionState.ReceiverAwaitingCommand && PlainPostPage(postPage) == FacsimileControlField.Eom)
                {
                    // The MCF to EOM was lost: phase B starts again after it, as the first time.
                    ReturnToPhaseB(now);
                }

                return;
            case PartialPageStatus.FramesMissing:
                if (_ecmReceiver!.PprCount > _options.MaxPprsPerBlockReceived)
                {
                    Disconnect(FaxFailure.TooManyPartialPageRequests, $"{_ecmReceiver.PprCount} PPRs for one partial page");
                    return;
                }

                _state = SessionState.ReceiverAwaitingPage;
                SendResponse(Frame(FacsimileControlField.Ppr, result.Ppr!.ToFif()), TimerKind.T2);
                return;
            case PartialPageStatus.PageTooLarge:
                Disconnect(FaxFailure.PageTooLarge, $"more than {_options.MaxPageBytes} bytes");
                return;
            default:
                Disconnect(FaxFailure.UnexpectedFrame, $"partial page out of sequence ({result.Status})");
                return;
        }
    }

    private void ReceiverEcmPage(byte[] lineOrder, FacsimileControlField command, FacsimileControlField confirm, TimeSpan now)
    {
        BitOrder.ReverseInPlace(lineOrder);
        DcsParameters mode = Mode!;
        BilevelPage page;
        try
        {
            page = PageDecoder.Decode(lineOrder, mode.Compression, mode.Width.Pixels(mode.Resolution), mode.Resolution.ToPageResolution(),
                new DecoderOptions { MaxLines = _options.MaxPageLines });
        }
        catch (ImageFormatException e)
        {
            Disconnect(FaxFailure.PageDataInvalid, e.Message);
            return;
        }

        LineQuality quality = page.Quality ?? new LineQuality(page.Height, 0, 0, false, null);
        if (_pagesReceived.Count >= _options.MaxPages)
        {
            Disconnect(FaxFailure.TooManyPages, $"more than {_options.MaxPages}");
            return;
        }

        _events.Enqueue(new PageReceived(_pagesReceived.Count, page, quality));
        _pagesReceived.Add(quality.BadLines);
        ReceiverAnswerPostPage(command, confirm, accepted: true, now);
    }
}
