using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Ecm;
using Faxgate.Fax.T30.Frames;
using Faxgate.Fax.T30.Session;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.TestSupport;

namespace Faxgate.Fax.Tests.T30.Session;

/// <summary>The ECM receiver (T.30 Annex A) scripted by hand: partial pages in, MCF, PPR, ERR, CTR out.</summary>
public sealed class EcmReceiverScriptTests
{
    private const SignallingRate Rate = SignallingRate.V17At14400;

    private static SessionScript Trained(bool frames64 = false) =>
        Scripts.TrainedReceiver(FarEnd.Dcs(Rate, CodingScheme.Mmr, ecm: true) with { Ecm64OctetFrames = frames64 });

    private static void SendPps(SessionScript script, PartialPageTransmitter far, FacsimileControlField postPage, int page = 0) =>
        script.Send(FacsimileControlField.Pps, far.PpsFif(far.IsLastBlock ? postPage : FacsimileControlField.Null, page, script.FarX));

    private static int[] Requested(T30Frame ppr)
    {
        PprBitmap bitmap = PprBitmap.Parse(ppr.Fif);
        return [.. Enumerable.Range(0, PprBitmap.Frames).Where(bitmap.IsRequested)];
    }

    [Fact]
    public void A_complete_partial_page_with_PPS_EOP_is_confirmed_and_the_page_arrives_exactly()
    {
        SessionScript script = Trained();
        BilevelPage page = FarEnd.Page();
        PartialPageTransmitter far = FarEnd.EcmPage(page);
        script.SendBurst(Rate, far.FramesToSend());
        SendPps(script, far, FacsimileControlField.Eop);
        script.ExpectFrame(FacsimileControlField.Mcf);
        script.Send(FacsimileControlField.Dcn);

        FaxOutcome outcome = script.ExpectOutcome(FaxFailure.None);
        Assert.True(outcome.Ecm);
        Assert.Equal(CodingScheme.Mmr, outcome.Compression);
        Assert.Equal([0], outcome.BadLinesPerPage);
        PageAssert.SamePixels(page, Assert.Single(script.Events.OfType<PageReceived>()).Page, "page");
    }

    [Fact]
    public void PPR_lists_exactly_the_frames_that_were_lost_or_had_a_bad_FCS()
    {
        SessionScript script = Trained();
        BilevelPage page = FarEnd.NoisePage();
        PartialPageTransmitter far = FarEnd.EcmPage(page);
        Assert.True(far.FramesInBlock > 8, $"{far.FramesInBlock} frames");
        // Frame 7 never arrives; frames 2 and 5 arrive damaged.
        byte[][] burst = [.. far.FramesToSend().Where(f => FarEnd.FrameNumber(f) != 7)];
        script.SendBurst(Rate, burst, i => FarEnd.FrameNumber(burst[i]) is 2 or 5);
        SendPps(script, far, FacsimileControlField.Eop);

        T30Frame ppr = script.ExpectFrame(FacsimileControlField.Ppr);
        Assert.Equal([2, 5, 7], Requested(ppr));
        Assert.Empty(script.Events.OfType<PageReceived>());

        far.ApplyPpr(PprBitmap.Parse(ppr.Fif));
        script.SendBurst(Rate, far.FramesToSend());
        SendPps(script, far, FacsimileControlField.Eop);
        script.ExpectFrame(FacsimileControlField.Mcf);
        PageAssert.SamePixels(page, Assert.Single(script.Events.OfType<PageReceived>()).Page, "page");
    }

    [Fact]
    public void PPS_NULL_blocks_are_confirmed_one_by_one_and_the_page_comes_with_the_last()
    {
        SessionScript script = Trained(frames64: true);
        BilevelPage page = FarEnd.NoisePage();
        PartialPageTransmitter far = FarEnd.EcmPage(page, EcmFrameSize.Octets64);
        Assert.True(far.BlockCount >= 2, $"{far.BlockCount} blocks");
        for (int block = 0; block < far.BlockCount; block++)
        {
            if (block > 0)
            {
                far.NextBlock();
            }

            script.SendBurst(Rate, far.FramesToSend());
            SendPps(script, far, FacsimileControlField.Eop);
            script.ExpectFrame(FacsimileControlField.Mcf);
            Assert.Equal(far.IsLastBlock, script.Events.OfType<PageReceived>().Any());
        }

        PageAssert.SamePixels(page, Assert.Single(script.Events.OfType<PageReceived>()).Page, "page");
    }

    [Fact]
    public void A_PPS_repeated_after_a_lost_MCF_is_confirmed_again_without_a_second_page()
    {
        SessionScript script = Trained();
        PartialPageTransmitter far = FarEnd.EcmPage(FarEnd.Page());
        script.SendBurst(Rate, far.FramesToSend());
        SendPps(script, far, FacsimileControlField.Mps);
        script.ExpectFrame(FacsimileControlField.Mcf);
        script.Advance(3);
        SendPps(script, far, FacsimileControlField.Mps);

        script.ExpectFrame(FacsimileControlField.Mcf);
        Assert.Single(script.Events.OfType<PageReceived>());

        PartialPageTransmitter next = FarEnd.EcmPage(FarEnd.Page(2));
        script.SendBurst(Rate, next.FramesToSend());
        SendPps(script, next, FacsimileControlField.Eop, page: 1);
        script.ExpectFrame(FacsimileControlField.Mcf);
        script.Send(FacsimileControlField.Dcn);
        Assert.Equal(2, script.ExpectOutcome(FaxFailure.None).Pages);
    }

    [Fact]
    public void A_PPS_EOM_repeated_after_a_lost_MCF_is_confirmed_again_and_DIS_follows()
    {
        SessionScript script = Trained();
        PartialPageTransmitter far = FarEnd.EcmPage(FarEnd.Page());
        script.SendBurst(Rate, far.FramesToSend());
        SendPps(script, far, FacsimileControlField.Eom);
        script.ExpectFrame(FacsimileControlField.Mcf);
        script.ExpectFrames(FacsimileControlField.Csi, FacsimileControlField.Dis);
        script.Advance(1);
        SendPps(script, far, FacsimileControlField.Eom);

        script.ExpectFrame(FacsimileControlField.Mcf);
        script.ExpectFrames(FacsimileControlField.Csi, FacsimileControlField.Dis);
        script.Advance(3);
        script.ExpectFrames(FacsimileControlField.Csi, FacsimileControlField.Dis);
        Assert.Single(script.Events.OfType<PageReceived>());
    }

    [Fact]
    public void EOR_after_the_frames_that_never_came_is_answered_with_ERR_and_the_page_ends()
    {
        // MH in ECM: a lost frame costs some lines, not the whole page.
        SessionScript script = Scripts.TrainedReceiver(FarEnd.Dcs(Rate, CodingScheme.Mh, ecm: true));
        byte[] coded = LineEncoder.Encode(FarEnd.NoisePage(), new EncoderOptions { Scheme = CodingScheme.Mh, EndOfPage = true });
        var far = new PartialPageTransmitter(BitOrder.ReversedCopy(coded), EcmFrameSize.Octets256);
        IReadOnlyList<byte[]> frames = far.FramesToSend();
        script.SendBurst(Rate, frames, i => FarEnd.FrameNumber(frames[i]) == 3);
        SendPps(script, far, FacsimileControlField.Eop);
        script.ExpectFrame(FacsimileControlField.Ppr);
        script.Send(FacsimileControlField.Eor, new EorInfo(FacsimileControlField.Eop).ToFif(script.FarX));

        script.ExpectFrame(FacsimileControlField.Err);
        PageReceived received = Assert.Single(script.Events.OfType<PageReceived>());
        Assert.True(received.Quality.BadLines > 0);
        script.Send(FacsimileControlField.Dcn);
        Assert.Equal(1, script.ExpectOutcome(FaxFailure.None).Pages);
    }

    [Fact]
    public void CTC_is_answered_with_CTR_and_the_frames_come_at_the_new_rate()
    {
        SessionScript script = Trained();
        PartialPageTransmitter far = FarEnd.EcmPage(FarEnd.NoisePage());
        IReadOnlyList<byte[]> frames = far.FramesToSend();
        script.SendBurst(Rate, frames, i => i == 0);
        SendPps(script, far, FacsimileControlField.Eop);
        T30Frame ppr = script.ExpectFrame(FacsimileControlField.Ppr);
        byte[] dcs = (script.Session.Mode! with { Rate = SignallingRate.V29At9600 }).Encode();
        script.Send(FacsimileControlField.Ctc, dcs[..2]);

        script.ExpectFrame(FacsimileControlField.Ctr);
        Assert.Equal(SignallingRate.V29At9600, script.Session.Mode!.Rate);
        far.ApplyPpr(PprBitmap.Parse(ppr.Fif));
        script.SendBurst(SignallingRate.V29At9600, far.FramesToSend());
        SendPps(script, far, FacsimileControlField.Eop);
        script.ExpectFrame(FacsimileControlField.Mcf);
        script.Send(FacsimileControlField.Dcn);
        Assert.Equal(SignallingRate.V29At9600, script.ExpectOutcome(FaxFailure.None).Rate);
    }

    [Fact]
    public void CTC_that_carries_only_the_rate_bits_of_DCS_sets_the_new_rate()
    {
        // Deployed terminals send CTC as two octets: zero, then DCS bits 9 to 16 with only the rate (11 to 14) set.
        SessionScript script = Trained();
        PartialPageTransmitter far = FarEnd.EcmPage(FarEnd.NoisePage());
        script.SendBurst(Rate, far.FramesToSend(), i => i == 0);
        SendPps(script, far, FacsimileControlField.Eop);
        script.ExpectFrame(FacsimileControlField.Ppr);
        script.Send(FacsimileControlField.Ctc, [0x00, 0x04]); // bit 11: V.29 9600

        script.ExpectFrame(FacsimileControlField.Ctr);
        Assert.Equal(SignallingRate.V29At9600, script.Session.Mode!.Rate);
    }

    [Fact]
    public void RR_is_answered_with_the_last_response_again()
    {
        SessionScript script = Trained();
        PartialPageTransmitter far = FarEnd.EcmPage(FarEnd.NoisePage());
        script.SendBurst(Rate, far.FramesToSend(), i => i == 1);
        SendPps(script, far, FacsimileControlField.Eop);
        T30Frame ppr = script.ExpectFrame(FacsimileControlField.Ppr);
        script.Send(FacsimileControlField.Rr);

        Assert.Equal(Requested(ppr), Requested(script.ExpectFrame(FacsimileControlField.Ppr)));
    }

    [Fact]
    public void T2_does_not_expire_during_a_long_partial_page()
    {
        SessionScript script = Trained();
        PartialPageTransmitter far = FarEnd.EcmPage(FarEnd.NoisePage(height: 1500), EcmFrameSize.Octets64);
        script.Advance(5);
        Assert.True(far.FramesToSend().Count > 30);
        script.SendBurst(Rate, far.FramesToSend(), seconds: 30);
        script.ExpectNothing();
        script.Advance(5);
        SendPps(script, far, FacsimileControlField.Eop);

        script.ExpectFrame(FacsimileControlField.Mcf);
    }

    [Fact]
    public void A_far_end_that_falls_silent_in_the_middle_of_a_partial_page_ends_the_session_after_T2()
    {
        SessionScript script = Trained();
        PartialPageTransmitter far = FarEnd.EcmPage(FarEnd.NoisePage(height: 1500), EcmFrameSize.Octets64);
        IReadOnlyList<byte[]> frames = far.FramesToSend();
        script.Session.HandleCarrierStarted(Rate, script.Now);
        script.Session.HandleFrame(frames[0], fcsOk: true, script.Now);
        script.Advance(6.1);

        script.ExpectFrame(FacsimileControlField.Dcn);
        script.ExpectOutcome(FaxFailure.CommandTimeout);
    }

    [Fact]
    public void A_receiver_gives_up_on_a_partial_page_after_MaxPprsPerBlockReceived()
    {
        SessionScript script = Scripts.TrainedReceiver(
            FarEnd.Dcs(Rate, CodingScheme.Mmr, ecm: true),
            options: Scripts.ReceiverOptions(ecm: true) with { MaxPprsPerBlockReceived = 2 });
        PartialPageTransmitter far = FarEnd.EcmPage(FarEnd.NoisePage());
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            // Frame 0 always arrives damaged.
            IReadOnlyList<byte[]> burst = far.FramesToSend();
            script.SendBurst(Rate, burst, i => FarEnd.FrameNumber(burst[i]) == 0);
            SendPps(script, far, FacsimileControlField.Eop);
            T30Frame response = script.ExpectFrame(attempt <= 2 ? FacsimileControlField.Ppr : FacsimileControlField.Dcn);
            if (attempt <= 2)
            {
                far.ApplyPpr(PprBitmap.Parse(response.Fif));
            }
        }

        script.ExpectOutcome(FaxFailure.TooManyPartialPageRequests);
    }

    [Fact]
    public void T2_runs_again_once_the_partial_page_has_ended()
    {
        SessionScript script = Trained();
        PartialPageTransmitter far = FarEnd.EcmPage(FarEnd.Page());
        script.SendBurst(Rate, far.FramesToSend(), seconds: 30);
        script.Advance(6);

        script.ExpectFrame(FacsimileControlField.Dcn);
        script.ExpectOutcome(FaxFailure.CommandTimeout);
    }

    [Fact]
    public void A_PPS_with_a_bad_FCS_is_answered_with_CRP()
    {
        SessionScript script = Trained();
        PartialPageTransmitter far = FarEnd.EcmPage(FarEnd.Page());
        script.SendBurst(Rate, far.FramesToSend());
        script.SendFrames([script.Frame(FacsimileControlField.Pps, far.PpsFif(FacsimileControlField.Eop, 0, script.FarX))], fcsOk: false);
        script.ExpectFrame(FacsimileControlField.Crp);
        SendPps(script, far, FacsimileControlField.Eop);

        script.ExpectFrame(FacsimileControlField.Mcf);
    }

    [Fact]
    public void PageReceived_can_be_polled_no_later_than_the_MCF_that_confirms_the_page()
    {
        SessionScript script = Trained();
        PartialPageTransmitter far = FarEnd.EcmPage(FarEnd.Page());
        script.SendBurst(Rate, far.FramesToSend());
        T30Session session = script.Session;
        session.HandleCarrierStarted(null, script.Now);
        session.HandleFrame(script.Frame(FacsimileControlField.Pps, far.PpsFif(FacsimileControlField.Eop, 0, script.FarX)), true, script.Now);
        session.HandleCarrierEnded(script.Now);

        // Whichever queue the owner drains first, the page is there by the time MCF can be sent.
        Assert.True(session.TryPollTransmit(out TransmitCommand mcf));
        Assert.Equal((byte)FacsimileControlField.Mcf, Assert.IsType<SendHdlc>(mcf).Frames[0][2]);
        Assert.True(session.TryPollEvent(out FaxEvent page));
        Assert.IsType<PageReceived>(page);
    }

    [Fact]
    public void PageReceived_is_queued_before_the_non_ECM_MCF_too()
    {
        SessionScript script = Scripts.TrainedReceiver();
        script.SendHighSpeedData(Rate, FarEnd.NonEcmPage(FarEnd.Page()));
        T30Session session = script.Session;
        session.HandleCarrierStarted(null, script.Now);
        session.HandleFrame(script.Frame(FacsimileControlField.Mps), true, script.Now);

        Assert.True(session.TryPollTransmit(out TransmitCommand mcf));
        Assert.Equal((byte)FacsimileControlField.Mcf, Assert.IsType<SendHdlc>(mcf).Frames[0][2]);
        Assert.True(session.TryPollEvent(out FaxEvent page));
        Assert.IsType<PageReceived>(page);
    }
}
