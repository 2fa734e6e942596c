using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Frames;
using Faxgate.Fax.T30.Session;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.TestSupport;

namespace Faxgate.Fax.Tests.T30.Session;

/// <summary>Phases C and D without ECM: pages, MPS/EOM/EOP, MCF/RTP/RTN, scripted against one session.</summary>
public sealed class NonEcmScriptTests
{
    private const SignallingRate Rate = SignallingRate.V17At14400;

    [Fact]
    public void The_receiver_confirms_two_pages_after_MPS_and_EOP_and_succeeds_on_DCN()
    {
        SessionScript script = Scripts.TrainedReceiver();
        BilevelPage first = FarEnd.Page(1);
        BilevelPage second = FarEnd.Page(2);
        script.SendHighSpeedData(Rate, FarEnd.NonEcmPage(first));
        script.Send(FacsimileControlField.Mps);
        script.ExpectFrame(FacsimileControlField.Mcf);

        // The next page follows at once, without training.
        script.SendHighSpeedData(Rate, FarEnd.NonEcmPage(second));
        script.Send(FacsimileControlField.Eop);
        script.ExpectFrame(FacsimileControlField.Mcf);
        script.Send(FacsimileControlField.Dcn);
        script.ExpectNothing();

        FaxOutcome outcome = script.ExpectOutcome(FaxFailure.None);
        Assert.True(outcome.Succeeded);
        Assert.Equal(2, outcome.Pages);
        Assert.Equal(Rate, outcome.Rate);
        Assert.Equal(PageResolution.Standard, outcome.Resolution);
        Assert.Equal(CodingScheme.Mh, outcome.Compression);
        Assert.False(outcome.Ecm);
        Assert.Equal(FarEnd.SenderIdent, outcome.RemoteIdent);
        Assert.Equal([0, 0], outcome.BadLinesPerPage);
        PageReceived[] pages = [.. script.Events.OfType<PageReceived>()];
        Assert.Equal([0, 1], pages.Select(p => p.Index));
        PageAssert.SamePixels(first, pages[0].Page, "first page");
        PageAssert.SamePixels(second, pages[1].Page, "second page");
    }

    [Theory]
    [InlineData(0x00)] // fill only: no EOL, no line
    [InlineData(0xFF)] // no EOL either
    public void Page_data_without_one_decodable_line_is_refused_with_RTN_rather_than_thrown(byte octet)
    {
        SessionScript script = Scripts.TrainedReceiver();
        script.SendHighSpeedData(Rate, Enumerable.Repeat(octet, 500).ToArray());
        script.Send(FacsimileControlField.Mps);
        script.ExpectFrame(FacsimileControlField.Rtn);
        Assert.Empty(script.Events.OfType<PageReceived>());
    }

    [Fact]
    public void After_EOM_the_receiver_confirms_and_starts_phase_B_again_with_DIS()
    {
        SessionScript script = Scripts.TrainedReceiver();
        script.SendHighSpeedData(Rate, FarEnd.NonEcmPage(FarEnd.Page()));
        script.Send(FacsimileControlField.Eom);
        script.ExpectFrame(FacsimileControlField.Mcf);
        script.ExpectFrames(FacsimileControlField.Csi, FacsimileControlField.Dis);

        script.SendFrames(FarEnd.DcsFrames(script, FarEnd.Dcs(SignallingRate.V29At9600)));
        script.SendTcf(SignallingRate.V29At9600);
        script.ExpectFrame(FacsimileControlField.Cfr);
        script.SendHighSpeedData(SignallingRate.V29At9600, FarEnd.NonEcmPage(FarEnd.Page(2)));
        script.Send(FacsimileControlField.Eop);
        script.ExpectFrame(FacsimileControlField.Mcf);
        script.Send(FacsimileControlField.Dcn);

        Assert.Equal(2, script.ExpectOutcome(FaxFailure.None).Pages);
    }

    [Theory]
    [InlineData(100, 0, 10, "MCF")] // clean
    [InlineData(100, 3, 10, "RTP")] // 97 % good, bad lines apart: kept, retrain before the next page
    [InlineData(100, 6, 10, "RTN")] // 94 % good
    [InlineData(200, 5, 1, "RTP")] // five bad lines in a row: the limit
    [InlineData(200, 6, 1, "RTN")] // six in a row
    public void The_receiver_judges_a_page_by_its_share_of_good_lines_and_its_longest_run_of_bad_ones(int height, int badCount, int badSpacing, string response)
    {
        SessionScript script = Scripts.TrainedReceiver();
        BilevelPage page = FarEnd.Page(3, height);
        byte[] coded = FarEnd.NonEcmPageWithBadRows(page, y => y >= 20 && (y - 20) % badSpacing == 0 && (y - 20) / badSpacing < badCount);
        script.SendHighSpeedData(Rate, coded);
        script.Send(FacsimileControlField.Mps);

        bool accepted = response != "RTN";
        script.ExpectFrame(response switch { "MCF" => FacsimileControlField.Mcf, "RTP" => FacsimileControlField.Rtp, _ => FacsimileControlField.Rtn });
        Assert.Equal(accepted, script.Events.OfType<PageReceived>().Any());
        if (accepted)
        {
            PageReceived received = Assert.Single(script.Events.OfType<PageReceived>());
            Assert.Equal(badCount, received.Quality.BadLines);
            Assert.Equal(height, received.Page.Height);
        }
    }

    [Fact]
    public void After_RTN_the_receiver_wants_DCS_and_TCF_before_the_page_comes_again()
    {
        SessionScript script = Scripts.TrainedReceiver(options: Scripts.ReceiverOptions() with { MinGoodLinePercent = 100 });
        BilevelPage page = FarEnd.Page();
        script.SendHighSpeedData(Rate, FarEnd.NonEcmPageWithBadRows(page, y => y == 50));
        script.Send(FacsimileControlField.Eop);
        script.ExpectFrame(FacsimileControlField.Rtn);

        script.SendFrames(FarEnd.DcsFrames(script, FarEnd.Dcs(SignallingRate.V17At12000)));
        script.SendTcf(SignallingRate.V17At12000);
        script.ExpectFrame(FacsimileControlField.Cfr);
        script.SendHighSpeedData(SignallingRate.V17At12000, FarEnd.NonEcmPage(page));
        script.Send(FacsimileControlField.Eop);
        script.ExpectFrame(FacsimileControlField.Mcf);
        script.Send(FacsimileControlField.Dcn);

        FaxOutcome outcome = script.ExpectOutcome(FaxFailure.None);
        Assert.Equal(1, outcome.Pages);
        Assert.Equal(SignallingRate.V17At12000, outcome.Rate);
        Assert.Single(script.Events.OfType<PageReceived>());
    }

    [Theory]
    [InlineData(FacsimileControlField.Mps)]
    [InlineData(FacsimileControlField.Eop)]
    public void A_post_page_command_repeated_after_a_lost_MCF_is_confirmed_again_without_a_second_page(FacsimileControlField command)
    {
        SessionScript script = Scripts.TrainedReceiver();
        script.SendHighSpeedData(Rate, FarEnd.NonEcmPage(FarEnd.Page()));
        script.Send(command);
        script.ExpectFrame(FacsimileControlField.Mcf);
        script.Advance(3);
        script.Send(command);
        script.ExpectFrame(FacsimileControlField.Mcf);

        Assert.Single(script.Events.OfType<PageReceived>());
        if (command == FacsimileControlField.Eop)
        {
            script.Send(FacsimileControlField.Dcn);
            Assert.Equal(1, script.ExpectOutcome(FaxFailure.None).Pages);
        }
    }

    [Fact]
    public void An_MPS_repeated_after_a_lost_RTN_is_answered_with_RTN_again()
    {
        SessionScript script = Scripts.TrainedReceiver(options: Scripts.ReceiverOptions() with { MinGoodLinePercent = 100 });
        script.SendHighSpeedData(Rate, FarEnd.NonEcmPageWithBadRows(FarEnd.Page(), y => y == 50));
        script.Send(FacsimileControlField.Mps);
        script.ExpectFrame(FacsimileControlField.Rtn);
        script.Advance(3);
        script.Send(FacsimileControlField.Mps);

        script.ExpectFrame(FacsimileControlField.Rtn);
        Assert.Empty(script.Events.OfType<PageReceived>());
    }

    [Fact]
    public void An_EOM_repeated_after_a_lost_MCF_is_confirmed_again_and_DIS_follows()
    {
        SessionScript script = Scripts.TrainedReceiver();
        script.SendHighSpeedData(Rate, FarEnd.NonEcmPage(FarEnd.Page()));
        script.Send(FacsimileControlField.Eom);
        script.ExpectFrame(FacsimileControlField.Mcf);
        script.ExpectFrames(FacsimileControlField.Csi, FacsimileControlField.Dis);
        script.Advance(1);
        script.Send(FacsimileControlField.Eom);

        script.ExpectFrame(FacsimileControlField.Mcf);
        script.ExpectFrames(FacsimileControlField.Csi, FacsimileControlField.Dis);
        Assert.Single(script.Events.OfType<PageReceived>());
    }

    [Fact]
    public void The_sender_sends_the_page_then_EOP_and_disconnects_after_MCF()
    {
        (SessionScript script, DcsParameters dcs) = Scripts.TrainedSender();
        SendImage image = script.ExpectImage(Rate);
        script.ExpectFrame(FacsimileControlField.Eop);
        script.Send(FacsimileControlField.Mcf);
        script.ExpectFrame(FacsimileControlField.Dcn);

        BilevelPage decoded = PageDecoder.Decode(image.Data.Span, dcs.Compression, 1728, PageResolution.Fine);
        PageAssert.SamePixels(TestPagesFor(0), decoded, "page");
        Assert.Equal(0, Assert.Single(script.Events.OfType<PageSent>()).Index);
        FaxOutcome outcome = script.ExpectOutcome(FaxFailure.None);
        Assert.True(outcome.Succeeded);
        Assert.Equal(1, outcome.Pages);
        Assert.Equal(FarEnd.ReceiverIdent, outcome.RemoteIdent);
        Assert.Equal(Rate, outcome.Rate);
        Assert.Equal(PageResolution.Fine, outcome.Resolution);
        Assert.Equal(CodingScheme.Mr, outcome.Compression);
        Assert.Empty(outcome.BadLinesPerPage);
    }

    [Fact]
    public void After_MCF_to_MPS_the_sender_sends_the_next_page_without_training()
    {
        (SessionScript script, _) = Scripts.TrainedSender(pages: 2);
        script.ExpectImage(Rate);
        script.ExpectFrame(FacsimileControlField.Mps);
        script.Send(FacsimileControlField.Mcf);
        script.ExpectImage(Rate);
        script.ExpectFrame(FacsimileControlField.Eop);
        script.Send(FacsimileControlField.Mcf);
        script.ExpectFrame(FacsimileControlField.Dcn);

        Assert.Equal([0, 1], script.Events.OfType<PageSent>().Select(p => p.Index));
        Assert.Equal(2, script.ExpectOutcome(FaxFailure.None).Pages);
    }

    [Fact]
    public void After_RTP_the_sender_trains_again_before_the_next_page()
    {
        (SessionScript script, _) = Scripts.TrainedSender(pages: 2);
        script.ExpectImage(Rate);
        script.ExpectFrame(FacsimileControlField.Mps);
        script.Send(FacsimileControlField.Rtp);
        script.ExpectDcsAndTcf(Rate);
        script.Send(FacsimileControlField.Cfr);
        script.ExpectImage(Rate);
        script.ExpectFrame(FacsimileControlField.Eop);

        Assert.Single(script.Events.OfType<PageSent>());
    }

    [Fact]
    public void After_RTN_the_sender_retrains_a_rate_lower_and_sends_the_same_page_again()
    {
        (SessionScript script, _) = Scripts.TrainedSender(pages: 2);
        script.ExpectImage(Rate);
        script.ExpectFrame(FacsimileControlField.Mps);
        script.Send(FacsimileControlField.Rtn);
        script.ExpectDcsAndTcf(SignallingRate.V17At12000);
        script.Send(FacsimileControlField.Cfr);
        script.ExpectImage(SignallingRate.V17At12000);
        script.ExpectFrame(FacsimileControlField.Mps);

        Assert.Empty(script.Events.OfType<PageSent>());
        script.Send(FacsimileControlField.Mcf);
        Assert.Equal(0, Assert.Single(script.Events.OfType<PageSent>()).Index);
    }

    [Fact]
    public void A_page_refused_more_than_MaxPageRetries_times_ends_with_page_rejected()
    {
        (SessionScript script, _) = Scripts.TrainedSender(options: Scripts.SenderOptions() with { MaxPageRetries = 2 });
        SignallingRate rate = Rate;
        for (int refusal = 0; refusal < 2; refusal++)
        {
            script.ExpectImage(rate);
            script.ExpectFrame(FacsimileControlField.Eop);
            script.Send(FacsimileControlField.Rtn);
            rate = rate.FallBack()!.Value;
            script.ExpectDcsAndTcf(rate);
            script.Send(FacsimileControlField.Cfr);
        }

        script.ExpectImage(rate);
        script.ExpectFrame(FacsimileControlField.Eop);
        script.Send(FacsimileControlField.Rtn);
        script.ExpectFrame(FacsimileControlField.Dcn);
        FaxOutcome outcome = script.ExpectOutcome(FaxFailure.PageRejected);
        Assert.Equal(0, outcome.Pages);
        Assert.False(outcome.Succeeded);
    }

    [Fact]
    public void After_EOM_the_sender_waits_for_a_new_DIS_before_the_next_page()
    {
        // The second page is at standard resolution: it needs a new DCS, so the first ends with EOM.
        var document = new PageDocument([TestPages.Document(1728, 100, 0, PageResolution.Fine), TestPages.Document(1728, 60, 1, PageResolution.Standard)]);
        SessionScript script = SessionScript.Started(T30Session.ForSending(document, Scripts.SenderOptions()));
        script.ExpectTone(FaxTone.Cng);
        script.SendFrames(FarEnd.Dis(script));
        Assert.Equal(FaxResolution.Fine, script.ExpectDcsAndTcf(Rate).Resolution);
        script.Send(FacsimileControlField.Cfr);
        script.ExpectImage(Rate);
        script.ExpectFrame(FacsimileControlField.Eom);
        script.Send(FacsimileControlField.Mcf);

        script.ExpectNothing();
        script.Advance(30);
        script.ExpectNothing();
        script.SendFrames(FarEnd.Dis(script));
        Assert.Equal(FaxResolution.Standard, script.ExpectDcsAndTcf(Rate).Resolution);
        script.Send(FacsimileControlField.Cfr);
        script.ExpectImage(Rate);
        script.ExpectFrame(FacsimileControlField.Eop);
        script.Send(FacsimileControlField.Mcf);
        script.ExpectFrame(FacsimileControlField.Dcn);
        Assert.Equal(2, script.ExpectOutcome(FaxFailure.None).Pages);
    }

    [Fact]
    public void After_EOM_a_sender_that_hears_no_DIS_gives_up_at_T1()
    {
        var document = new PageDocument([TestPages.Document(1728, 100, 0, PageResolution.Fine), TestPages.Document(1728, 60, 1, PageResolution.Standard)]);
        SessionScript script = SessionScript.Started(T30Session.ForSending(document, Scripts.SenderOptions()));
        script.SendFrames(FarEnd.Dis(script));
        script.Send(FacsimileControlField.Cfr);
        script.Send(FacsimileControlField.Mcf);
        script.Advance(35);

        FaxOutcome outcome = script.ExpectOutcome(FaxFailure.NoAnswer);
        Assert.Equal(1, outcome.Pages);
    }

    private static BilevelPage TestPagesFor(int index) => TestPages.Document(1728, 100, seed: index, PageResolution.Fine);
}
