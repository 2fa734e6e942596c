using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Ecm;
using Faxgate.Fax.T30.Frames;
using Faxgate.Fax.T30.Session;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.TestSupport;

namespace Faxgate.Fax.Tests.T30.Session;

/// <summary>The ECM sender (T.30 Annex A) scripted by hand: partial pages, PPS, PPR, CTC, RNR.</summary>
public sealed class EcmSenderScriptTests
{
    private const SignallingRate Rate = SignallingRate.V17At14400;

    /// <summary>A sender of noise pages trained in ECM: one partial page each, or several with <paramref name="multiBlock"/> (64-octet frames).</summary>
    private static SessionScript Trained(int pages = 1, bool multiBlock = false, T30Options? options = null)
    {
        options ??= Scripts.SenderOptions(ecm: true);
        var document = new PageDocument([.. Enumerable.Range(0, pages).Select(i => FarEnd.NoisePage(5 + i, resolution: PageResolution.Fine))]);
        if (multiBlock)
        {
            options = options with { EcmFrameSize = 64 };
        }

        SessionScript script = SessionScript.Started(T30Session.ForSending(document, options));
        script.ExpectTone(FaxTone.Cng);
        script.SendFrames(FarEnd.Dis(script));
        DcsParameters dcs = script.ExpectDcsAndTcf(Rate);
        Assert.True(dcs.Ecm);
        script.Send(FacsimileControlField.Cfr);
        return script;
    }

    private static int[] FrameNumbers(SendHdlc burst) => [.. burst.Frames.Select(FarEnd.FrameNumber).OfType<int>()];

    private static PpsInfo ExpectPps(SessionScript script) => PpsInfo.Parse(script.ExpectFrame(FacsimileControlField.Pps).Fif);

    [Fact]
    public void A_one_block_page_goes_as_FCD_frames_RCP_and_PPS_EOP_and_MCF_ends_the_fax()
    {
        SessionScript script = Trained();
        SendHdlc burst = script.ExpectEcmBurst(Rate);
        PpsInfo pps = ExpectPps(script);

        int[] numbers = FrameNumbers(burst);
        Assert.Equal(Enumerable.Range(0, numbers.Length), numbers);
        Assert.Equal(3, burst.Frames.Count(f => f[2] == (byte)FacsimileControlField.Rcp));
        Assert.Equal(new PpsInfo(FacsimileControlField.Eop, 0, 0, numbers.Length), pps);
        Assert.Equal(FacsimileControlField.Eop.WithX(true), script.Transmitted.OfType<SendHdlc>().Last().Frames[0][3]);

        script.Send(FacsimileControlField.Mcf);
        script.ExpectFrame(FacsimileControlField.Dcn);
        FaxOutcome outcome = script.ExpectOutcome(FaxFailure.None);
        Assert.True(outcome.Ecm);
        Assert.Equal(CodingScheme.Mmr, outcome.Compression);
    }

    [Fact]
    public void Partial_pages_before_the_last_carry_PPS_NULL_and_count_their_blocks()
    {
        SessionScript script = Trained(multiBlock: true);
        var blocks = new List<PpsInfo>();
        while (true)
        {
            SendHdlc burst = script.ExpectEcmBurst(Rate);
            PpsInfo pps = ExpectPps(script);
            Assert.Equal(FrameNumbers(burst).Length, pps.FrameCount);
            Assert.All(burst.Frames.Where(f => FarEnd.FrameNumber(f) is not null), f => Assert.Equal(4 + 64, f.Length));
            blocks.Add(pps);
            script.Send(FacsimileControlField.Mcf);
            if (pps.EndsPage)
            {
                break;
            }
        }

        Assert.True(blocks.Count >= 2, $"{blocks.Count} blocks");
        Assert.All(blocks[..^1], b => Assert.Equal(FacsimileControlField.Null, b.PostPageCommand));
        Assert.All(blocks[..^1], b => Assert.Equal(256, b.FrameCount));
        Assert.Equal(FacsimileControlField.Eop, blocks[^1].PostPageCommand);
        Assert.Equal(Enumerable.Range(0, blocks.Count), blocks.Select(b => b.BlockCounter));
        script.ExpectFrame(FacsimileControlField.Dcn);
        Assert.Single(script.Events.OfType<PageSent>());
    }

    [Fact]
    public void PPS_MPS_ends_a_page_that_another_follows_and_the_page_counter_goes_on()
    {
        SessionScript script = Trained(pages: 2);
        script.ExpectEcmBurst(Rate);
        Assert.Equal(FacsimileControlField.Mps, ExpectPps(script).PostPageCommand);
        script.Send(FacsimileControlField.Mcf);
        script.ExpectEcmBurst(Rate);
        PpsInfo second = ExpectPps(script);

        Assert.Equal(FacsimileControlField.Eop, second.PostPageCommand);
        Assert.Equal(1, second.PageCounter);
        Assert.Equal(0, second.BlockCounter);
    }

    [Fact]
    public void A_PPR_gets_exactly_the_frames_it_asks_for_and_the_same_PPS()
    {
        SessionScript script = Trained();
        int frames = FrameNumbers(script.ExpectEcmBurst(Rate)).Length;
        PpsInfo first = ExpectPps(script);
        Assert.True(frames >= 4, $"{frames} frames");
        script.Send(FacsimileControlField.Ppr, PprBitmap.ForFrames([1, 3, frames - 1]).ToFif());

        Assert.Equal([1, 3, frames - 1], FrameNumbers(script.ExpectEcmBurst(Rate)));
        Assert.Equal(first, ExpectPps(script));
        script.Send(FacsimileControlField.Mcf);
        script.ExpectFrame(FacsimileControlField.Dcn);
    }

    [Fact]
    public void A_PPR_that_asks_for_nothing_counts_as_MCF()
    {
        SessionScript script = Trained();
        script.ExpectEcmBurst(Rate);
        ExpectPps(script);
        script.Send(FacsimileControlField.Ppr, PprBitmap.Empty.ToFif());

        script.ExpectFrame(FacsimileControlField.Dcn);
        Assert.Single(script.Events.OfType<PageSent>());
    }

    [Fact]
    public void The_fourth_PPR_brings_CTC_at_a_lower_rate_and_after_CTR_the_frames_go_at_that_rate()
    {
        SessionScript script = Trained();
        script.ExpectEcmBurst(Rate);
        ExpectPps(script);
        byte[] ppr = PprBitmap.ForFrames([0, 2]).ToFif();
        for (int i = 0; i < 3; i++)
        {
            script.Send(FacsimileControlField.Ppr, ppr);
            Assert.Equal([0, 2], FrameNumbers(script.ExpectEcmBurst(Rate)));
            ExpectPps(script);
        }

        script.Send(FacsimileControlField.Ppr, ppr);
        T30Frame ctc = script.ExpectFrame(FacsimileControlField.Ctc);
        Assert.Equal(2, ctc.Fif.Length);
        Assert.True(DcsParameters.TryDecode([.. ctc.Fif, 0], out DcsParameters? mode, out _));
        Assert.Equal(SignallingRate.V17At12000, mode.Rate);

        script.Send(FacsimileControlField.Ctr);
        Assert.Equal([0, 2], FrameNumbers(script.ExpectEcmBurst(SignallingRate.V17At12000)));
        ExpectPps(script);
        script.Send(FacsimileControlField.Mcf);
        script.ExpectFrame(FacsimileControlField.Dcn);
        Assert.Equal(SignallingRate.V17At12000, script.ExpectOutcome(FaxFailure.None).Rate);
    }

    [Fact]
    public void More_CTCs_than_MaxCtcPerBlock_end_with_too_many_partial_page_requests()
    {
        SessionScript script = Trained(options: Scripts.SenderOptions(ecm: true) with { MaxCtcPerBlock = 2 });
        script.ExpectEcmBurst(Rate);
        ExpectPps(script);
        byte[] ppr = PprBitmap.ForFrames([1]).ToFif();
        int ctcs = 0;
        for (int i = 1; !script.Session.IsFinished; i++)
        {
            script.Send(FacsimileControlField.Ppr, ppr);
            if (i % 4 == 0 && ctcs < 2)
            {
                script.ExpectFrame(FacsimileControlField.Ctc);
                script.Send(FacsimileControlField.Ctr);
                ctcs++;
            }

            if (!script.Session.IsFinished)
            {
                script.ExpectEcmBurst(script.Session.Mode!.Rate);
                ExpectPps(script);
            }
        }

        Assert.Equal(2, ctcs);
        script.ExpectFrame(FacsimileControlField.Dcn);
        script.ExpectOutcome(FaxFailure.TooManyPartialPageRequests);
    }

    [Fact]
    public void The_CTC_limit_counts_per_partial_page_not_per_page()
    {
        SessionScript script = Trained(multiBlock: true, options: Scripts.SenderOptions(ecm: true) with { MaxCtcPerBlock = 1 });
        byte[] ppr = PprBitmap.ForFrames([7]).ToFif();
        for (int block = 0; block < 2; block++)
        {
            script.ExpectEcmBurst(script.Session.Mode!.Rate);
            Assert.Equal(block, ExpectPps(script).BlockCounter);
            for (int i = 0; i < 3; i++)
            {
                script.Send(FacsimileControlField.Ppr, ppr);
                script.ExpectEcmBurst(script.Session.Mode!.Rate);
                ExpectPps(script);
            }

            script.Send(FacsimileControlField.Ppr, ppr);
            script.ExpectFrame(FacsimileControlField.Ctc);
            script.Send(FacsimileControlField.Ctr);
            script.ExpectEcmBurst(script.Session.Mode!.Rate);
            ExpectPps(script);
            script.Send(FacsimileControlField.Mcf);
        }

        // Two partial pages, one CTC each: neither went over the limit of one.
        Assert.True(script.Outcome is null || script.Outcome.Succeeded, script.Outcome?.ToString());
        Assert.Equal(2, script.Transmitted.OfType<SendHdlc>().Count(h => h.Rate is null && h.Frames[0][2] == FacsimileControlField.Ctc.WithX(true)));
    }

    [Fact]
    public void RNR_is_answered_with_RR_until_the_receiver_is_ready()
    {
        SessionScript script = Trained();
        script.ExpectEcmBurst(Rate);
        ExpectPps(script);
        script.Send(FacsimileControlField.Rnr);
        script.ExpectFrame(FacsimileControlField.Rr);
        script.Advance(2);
        script.Send(FacsimileControlField.Rnr);
        script.ExpectFrame(FacsimileControlField.Rr);
        script.Send(FacsimileControlField.Mcf);

        script.ExpectFrame(FacsimileControlField.Dcn);
        script.ExpectOutcome(FaxFailure.None);
    }

    [Fact]
    public void A_receiver_not_ready_for_longer_than_T5_ends_with_receiver_not_ready_timeout()
    {
        SessionScript script = Trained();
        script.ExpectEcmBurst(Rate);
        ExpectPps(script);
        TimeSpan start = script.Now;
        while (script.Now - start < TimeSpan.FromSeconds(60))
        {
            script.Send(FacsimileControlField.Rnr);
            script.ExpectFrame(FacsimileControlField.Rr);
            script.Advance(2);
        }

        script.Send(FacsimileControlField.Rnr);
        script.ExpectFrame(FacsimileControlField.Dcn);
        script.ExpectOutcome(FaxFailure.ReceiverNotReadyTimeout);
    }

    [Fact]
    public void An_unanswered_RR_is_repeated_after_T4_three_times_in_all()
    {
        SessionScript script = Trained();
        script.ExpectEcmBurst(Rate);
        ExpectPps(script);
        script.Send(FacsimileControlField.Rnr);
        script.ExpectFrame(FacsimileControlField.Rr);
        script.Advance(3);
        script.ExpectFrame(FacsimileControlField.Rr);
        script.Advance(3);
        script.ExpectFrame(FacsimileControlField.Rr);
        script.Advance(3);

        script.ExpectFrame(FacsimileControlField.Dcn);
        script.ExpectOutcome(FaxFailure.ResponseTimeout);
    }

    [Fact]
    public void An_unanswered_PPS_is_repeated_alone_without_the_frames()
    {
        SessionScript script = Trained();
        script.ExpectEcmBurst(Rate);
        PpsInfo pps = ExpectPps(script);
        script.Advance(3);
        Assert.Equal(pps, ExpectPps(script));
        script.Send(FacsimileControlField.Crp);
        Assert.Equal(pps, ExpectPps(script));
        script.ExpectNothing();
    }
}
