using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Ecm;
using Faxgate.Fax.T30.Frames;
using Faxgate.Imaging.Coding;

namespace Faxgate.Fax.T30.Session;

/// <summary>The sender's error correction mode (T.30 Annex A): partial pages, PPS, PPR, CTC, RNR/RR.</summary>
public sealed partial class T30Session
{
    private PartialPageTransmitter? _ecmTransmitter;
    private int _ctcCount;
    private int _requestedBeforePpr;
    private TimeSpan? _t5Deadline;

    private void SenderStartEcmPage()
    {
        // Frames carry the coded page in line order, least significant bit first.
        byte[] lineOrder = BitOrder.ReversedCopy(PageData());
        EcmFrameSize size = _options.EcmFrameSize == 64 || Mode!.Ecm64OctetFrames ? EcmFrameSize.Octets64 : EcmFrameSize.Octets256;
        Mode = Mode! with { Ecm64OctetFrames = size == EcmFrameSize.Octets64 };
        _ecmTransmitter = new PartialPageTransmitter(lineOrder, size);
        _ctcCount = 0;
        SenderSendBlock();
    }

    private void SenderSendBlock()
    {
        PartialPageTransmitter ecm = _ecmTransmitter!;
        FacsimileControlField postPage = ecm.IsLastBlock ? NextPostPageCommand() : FacsimileControlField.Null;
        if (ecm.IsLastBlock)
        {
            _postPageCommand = postPage;
        }

        _requestedBeforePpr = ecm.RequestedFrames;
        Queue(new SendSilence(_options.TurnaroundDelay));
        Queue(new SendHdlc(_rate, ecm.FramesToSend()));
        Queue(new SendSilence(_options.TurnaroundDelay));
        _attempts = 1;
        SendCommand([Frame(FacsimileControlField.Pps, ecm.PpsFif(postPage, _pageIndex, X))], TimerKind.T4);
        _state = SessionState.SenderAwaitingPpsResponse;
    }

    private void SenderEcmResponse(T30Frame response, TimeSpan now)
    {
        PartialPageTransmitter ecm = _ecmTransmitter!;
        switch (response.Fcf)
        {
            case FacsimileControlField.Mcf:
                _t5Deadline = null;
                if (!ecm.IsLastBlock)
                {
                    ecm.NextBlock();
                    _ctcCount = 0;
                    SenderSendBlock();
                    return;
                }

                SenderPageConfirmed(retrain: false, now);
                return;
            case FacsimileControlField.Ppr:
                _t5Deadline = null;
                SenderGotPpr(response, now);
                return;
            case FacsimileControlField.Rnr:
                // The receiver is busy: ask again with RR until it is ready, for at most T5 (T.30 A.5.x).
                _t5Deadline ??= now + _options.T5;
                if (now >= _t5Deadline)
                {
                    Disconnect(FaxFailure.ReceiverNotReadyTimeout, null);
                    return;
                }

                _attempts = 1;
                SendCommand([Frame(FacsimileControlField.Rr, [])], TimerKind.T4);
                _state = SessionState.SenderAwaitingRrResponse;
                return;
            case FacsimileControlField.Pin:
            case FacsimileControlField.Pip:
                Disconnect(FaxFailure.ProcedureInterrupt, null);
                return;
            default:
                return;
        }
    }

    private void SenderGotPpr(T30Frame response, TimeSpan now)
    {
        PartialPageTransmitter ecm = _ecmTransmitter!;
        if (!PprBitmap.TryParse(response.Fif, out PprBitmap? ppr, out _, out _))
        {
            RepeatLast(TimerKind.T4);
            return;
        }

        if (ecm.ApplyPpr(ppr!) == 0)
        {
            // Nothing asked for: the receiver has the block after all.
            SenderEcmResponse(new T30Frame(FacsimileControlField.Mcf, response.X, true, []), now);
            return;
        }

        if (ecm.PprCount % _options.PprsBeforeCtc != 0)
        {
            SenderSendBlock();
            return;
        }

        // Four PPRs for one block: continue to correct (CTC), at a lower rate when one is left (T.30 A.4.x).
        if (++_ctcCount > _options.MaxCtcPerBlock)
        {
            Disconnect(FaxFailure.TooManyPartialPageRequests, $"{ecm.PprCount} PPRs for block {ecm.CurrentBlock + 1} of page {_pageIndex + 1}");
            return;
        }

        if (_rate.FallBack() is { } lower && RemoteOffers(lower))
        {
            _rate = lower;
            Mode = Mode! with { Rate = lower };
        }

        byte[] dcs = Mode!.Encode();
        _attempts = 1;
        SendCommand([Frame(FacsimileControlField.Ctc, dcs.AsSpan(0, 2))], TimerKind.T4);
        _state = SessionState.SenderAwaitingCtr;
    }
}
