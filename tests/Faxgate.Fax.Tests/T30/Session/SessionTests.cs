using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Frames;
using Faxgate.Fax.T30.Session;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.TestSupport;

namespace Faxgate.Fax.Tests.T30.Session;

/// <summary>Whole T.30 sessions back to back over an ideal line in virtual time.</summary>
public sealed class SessionTests
{
    private static BilevelPage[] Pages(int count, PageResolution? resolution = null, int width = 1728) =>
        [.. Enumerable.Range(0, count).Select(i => TestPages.Document(width, 400, seed: i, resolution ?? PageResolution.Fine))];

    private static (ModemPair Pair, T30Session Sender, T30Session Receiver) Pair(BilevelPage[] pages, T30Options? send = null, T30Options? receive = null)
    {
        T30Session sender = T30Session.ForSending(new PageDocument(pages), send ?? new T30Options { Ident = "+27 11 555 0001" });
        T30Session receiver = T30Session.ForReceiving(receive ?? new T30Options { Ident = "+27 11 555 0002" });
        return (new ModemPair(sender, receiver), sender, receiver);
    }

    private static List<BilevelPage> Received(ModemPair pair) =>
        [.. pair.Events[1].OfType<PageReceived>().Select(p => p.Page)];

    [Theory]
    [InlineData(true, CodingScheme.Mmr)]
    [InlineData(false, CodingScheme.Mh)]
    [InlineData(false, CodingScheme.Mr)]
    public void A_three_page_fax_arrives_with_the_sent_pixels(bool ecm, CodingScheme scheme)
    {
        BilevelPage[] pages = Pages(3);
        var compressions = new HashSet<CodingScheme> { CodingScheme.Mh, scheme };
        var (pair, sender, receiver) = Pair(pages,
            new T30Options { Ident = "SENDER", Ecm = ecm, Compressions = compressions },
            new T30Options { Ident = "RECEIVER", Ecm = ecm, Compressions = compressions });
        pair.Run();

        Assert.True(sender.Outcome!.Succeeded, sender.Outcome.ToString());
        Assert.True(receiver.Outcome!.Succeeded, receiver.Outcome.ToString());
        Assert.Equal(3, sender.Outcome.Pages);
        Assert.Equal(3, receiver.Outcome.Pages);
        Assert.Equal(ecm, receiver.Outcome.Ecm);
        Assert.Equal(scheme, receiver.Outcome.Compression);
        Assert.Equal(SignallingRate.V17At14400, receiver.Outcome.Rate);
        Assert.Equal("SENDER", receiver.Outcome.RemoteIdent);
        Assert.Equal("RECEIVER", sender.Outcome.RemoteIdent);
        List<BilevelPage> received = Received(pair);
        Assert.Equal(3, received.Count);
        for (int i = 0; i < 3; i++)
        {
            PageAssert.SamePixels(pages[i], received[i], "page");
        }
    }

    [Fact]
    public void The_sender_falls_back_a_rate_after_FTT()
    {
        var (pair, sender, receiver) = Pair(Pages(1));
        int tcfs = 0;
        pair.Damage = (side, command, _) => side == 0 && command is SendTcf && tcfs++ < 2 ? Fate.BadFcs : Fate.Deliver;
        pair.Run();

        Assert.True(receiver.Outcome!.Succeeded, receiver.Outcome.ToString());
        Assert.Equal(SignallingRate.V17At9600, receiver.Outcome.Rate);
        Assert.Equal(2, pair.FramesSent[1].Count(f => f[2] == (byte)FacsimileControlField.Ftt));
    }

    [Fact]
    public void A_receiver_limited_to_V17_9600_refuses_faster_training_until_the_sender_is_at_its_limit()
    {
        var (pair, sender, receiver) = Pair(Pages(1), receive: new T30Options { MaxRate = SignallingRate.V17At9600 });
        pair.Run();

        Assert.True(receiver.Outcome!.Succeeded, receiver.Outcome.ToString());
        Assert.Equal(SignallingRate.V17At9600, receiver.Outcome.Rate);
        Assert.Equal(2, pair.FramesSent[1].Count(f => f[2] == (byte)FacsimileControlField.Ftt));
    }

    [Fact]
    public void A_receiver_limited_to_V29_offers_no_V17_and_gets_V29_9600_at_once()
    {
        var (pair, sender, receiver) = Pair(Pages(1), receive: new T30Options { MaxRate = SignallingRate.V29At9600 });
        pair.Run();

        Assert.Equal(ModemSet.V27ter | ModemSet.V29, receiver.LocalCapabilities.Modems);
        Assert.True(receiver.Outcome!.Succeeded, receiver.Outcome.ToString());
        Assert.Equal(SignallingRate.V29At9600, receiver.Outcome.Rate);
        Assert.DoesNotContain(pair.FramesSent[1], f => f[2] == (byte)FacsimileControlField.Ftt);
    }

    [Fact]
    public void Training_that_fails_at_every_rate_ends_with_training_failed()
    {
        var (pair, sender, receiver) = Pair(Pages(1));
        pair.Damage = (side, command, _) => side == 0 && command is SendTcf ? Fate.BadFcs : Fate.Deliver;
        pair.Run();

        Assert.Equal(FaxFailure.TrainingFailed, sender.Outcome!.Failure);
        Assert.False(receiver.Outcome!.Succeeded);
        Assert.Equal(0, receiver.Outcome.Pages);
    }

    [Fact]
    public void A_lost_DCS_is_repeated_after_T4()
    {
        var (pair, sender, receiver) = Pair(Pages(1));
        bool dropped = false;
        pair.Damage = (side, command, _) =>
        {
            if (side == 0 && command is SendHdlc { Rate: null } h && h.Frames[^1][2] == (byte)FacsimileControlField.Dcs.WithX(true) && !dropped)
            {
                dropped = true;
                return Fate.Drop;
            }

            return Fate.Deliver;
        };
        pair.Run();

        Assert.True(dropped);
        Assert.True(sender.Outcome!.Succeeded, sender.Outcome.ToString());
        Assert.True(receiver.Outcome!.Succeeded, receiver.Outcome.ToString());
    }

    [Fact]
    public void A_lost_MCF_makes_the_sender_repeat_EOP_and_the_receiver_answers_again_without_a_second_page()
    {
        var (pair, sender, receiver) = Pair(Pages(1), new T30Options { Ecm = false }, new T30Options { Ecm = false });
        bool dropped = false;
        pair.Damage = (side, command, _) =>
        {
            if (side == 1 && command is SendHdlc h && h.Frames[0][2] == (byte)FacsimileControlField.Mcf && !dropped)
            {
                dropped = true;
                return Fate.Drop;
            }

            return Fate.Deliver;
        };
        pair.Run();

        Assert.True(dropped);
        Assert.True(sender.Outcome!.Succeeded, sender.Outcome.ToString());
        Assert.Equal(1, receiver.Outcome!.Pages);
        Assert.Single(Received(pair));
        Assert.Equal(2, pair.FramesSent[0].Count(f => f[2] == FacsimileControlField.Eop.WithX(true)));
    }

    [Fact]
    public void A_damaged_non_ECM_page_is_answered_with_RTN_and_sent_again()
    {
        // The damage costs a few percent of the lines; a strict receiver refuses the page.
        var (pair, sender, receiver) = Pair(Pages(2), new T30Options { Ecm = false }, new T30Options { Ecm = false, MinGoodLinePercent = 99.5 });
        int images = 0;
        pair.Damage = (side, command, _) => side == 0 && command is SendImage && images++ == 0 ? Fate.BadFcs : Fate.Deliver;
        pair.Run();

        Assert.True(sender.Outcome!.Succeeded, sender.Outcome.ToString());
        Assert.Equal(2, receiver.Outcome!.Pages);
        Assert.Contains(pair.FramesSent[1], f => f[2] == (byte)FacsimileControlField.Rtn);
        Assert.Equal(3, images);
    }

    [Fact]
    public void A_receiver_that_never_answers_ends_the_sender_with_no_answer_after_T1()
    {
        T30Session sender = T30Session.ForSending(new PageDocument(Pages(1)), new T30Options());
        T30Session silent = T30Session.ForSending(new PageDocument(Pages(1)), new T30Options());
        var pair = new ModemPair(sender, silent);
        pair.Run();

        Assert.Equal(FaxFailure.NoAnswer, sender.Outcome!.Failure);
        Assert.InRange(pair.Now.TotalSeconds, 35, 40);
    }

    [Fact]
    public void A_sender_whose_post_page_command_is_never_answered_gives_up_after_three_tries()
    {
        var (pair, sender, _) = Pair(Pages(1), new T30Options { Ecm = false }, new T30Options { Ecm = false });
        pair.Damage = (side, command, _) => side == 1 && command is SendHdlc h && h.Frames[0][2] == (byte)FacsimileControlField.Mcf ? Fate.Drop : Fate.Deliver;
        pair.Run();

        Assert.Equal(FaxFailure.ResponseTimeout, sender.Outcome!.Failure);
        Assert.Equal(3, pair.FramesSent[0].Count(f => f[2] == FacsimileControlField.Eop.WithX(true)));
    }

    [Fact]
    public void Lost_ECM_frames_are_asked_for_with_PPR_and_the_page_arrives_exactly()
    {
        BilevelPage[] pages = [TestPages.Noise(1728, 600, 0.08, seed: 7, PageResolution.Fine)];
        var (pair, sender, receiver) = Pair(pages);
        int bursts = 0;
        pair.Damage = (side, command, _) => side == 0 && command is SendHdlc { Rate: not null } && bursts++ == 0 ? Fate.BadFcs : Fate.Deliver;
        pair.Run();

        Assert.True(receiver.Outcome!.Succeeded, receiver.Outcome.ToString());
        Assert.Contains(pair.FramesSent[1], f => f[2] == (byte)FacsimileControlField.Ppr);
        PageAssert.SamePixels(pages[0], Received(pair)[0], "page");
    }

    [Fact]
    public void ECM_gives_up_with_too_many_PPRs_when_every_burst_is_damaged()
    {
        var (pair, sender, receiver) = Pair(Pages(1));
        pair.Damage = (side, command, _) => side == 0 && command is SendHdlc { Rate: not null } ? Fate.BadFcs : Fate.Deliver;
        pair.Run();

        Assert.Equal(FaxFailure.TooManyPartialPageRequests, sender.Outcome!.Failure);
        Assert.Contains(pair.FramesSent[0], f => f[2] == FacsimileControlField.Ctc.WithX(true));
        Assert.False(receiver.Outcome!.Succeeded);
    }

    [Fact]
    public void A_session_that_ends_without_pages_is_never_a_success()
    {
        var (pair, sender, receiver) = Pair(Pages(1));
        pair.Damage = (side, command, _) => side == 0 && command is SendHdlc { Rate: not null } or SendImage ? Fate.Drop : Fate.Deliver;
        pair.Run();

        Assert.False(sender.Outcome!.Succeeded);
        Assert.False(receiver.Outcome!.Succeeded);
        Assert.Equal(0, receiver.Outcome.Pages);
    }

    [Fact]
    public void A_superfine_page_is_sent_at_superfine()
    {
        BilevelPage[] pages = Pages(1, PageResolution.Superfine);
        var (pair, sender, receiver) = Pair(pages);
        pair.Run();

        Assert.True(receiver.Outcome!.Succeeded, receiver.Outcome.ToString());
        Assert.Equal(PageResolution.Superfine, receiver.Outcome.Resolution);
        PageAssert.SamePixels(pages[0], Received(pair)[0], "page");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_receiver_ends_a_call_that_brings_more_pages_than_allowed(bool ecm)
    {
        var (pair, sender, receiver) = Pair(Pages(4), new T30Options { Ecm = ecm }, new T30Options { Ecm = ecm, MaxPages = 2 });
        pair.Run();

        Assert.Equal(FaxFailure.TooManyPages, receiver.Outcome!.Failure);
        Assert.Equal(2, receiver.Outcome.Pages);
        Assert.Equal(2, Received(pair).Count);
        Assert.False(sender.Outcome!.Succeeded);
    }

    [Fact]
    public void A_call_is_ended_when_it_lasts_longer_than_allowed()
    {
        var (pair, sender, receiver) = Pair(Pages(3), receive: new T30Options { MaxCallDuration = TimeSpan.FromSeconds(12) });
        pair.Run();

        Assert.True(receiver.Outcome!.Failure == FaxFailure.CallTooLong, $"{receiver.Outcome} at {pair.Now}");
        Assert.InRange(pair.Now.TotalSeconds, 12, 30);
    }

    [Fact]
    public void A_receiver_asks_for_a_garbled_command_at_most_three_times_then_lets_its_timer_decide()
    {
        var (pair, sender, receiver) = Pair(Pages(1));
        pair.Damage = (side, command, _) => side == 0 && command is SendHdlc { Rate: null } ? Fate.BadFcs : Fate.Deliver;
        pair.Run();

        Assert.False(receiver.Outcome!.Succeeded);
        Assert.InRange(pair.FramesSent[1].Count(f => f[2] == (byte)FacsimileControlField.Crp), 1, 9);
    }

    [Fact]
    public void A_hangup_sends_DCN_and_ends_with_local_hangup()
    {
        var (pair, sender, receiver) = Pair(Pages(1));
        sender.Start(TimeSpan.Zero);
        sender.Hangup(TimeSpan.Zero);
        Assert.True(sender.TryPollTransmit(out _));
        Assert.True(sender.TryPollTransmit(out TransmitCommand dcn));
        Assert.Equal((byte)FacsimileControlField.Dcn.WithX(true), ((SendHdlc)dcn).Frames[0][2]);
        sender.HandleTransmitComplete(TimeSpan.FromSeconds(1));
        Assert.Equal(FaxFailure.LocalHangup, sender.Outcome!.Failure);
    }
}
