using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Frames;
using Faxgate.Fax.T30.Session;

namespace Faxgate.Fax.Tests.T30.Session;

/// <summary>T2, T4 and CRP: what each side does when the other is silent or garbled, in virtual time.</summary>
public sealed class TimerScriptTests
{
    private const SignallingRate Rate = SignallingRate.V17At14400;

    [Fact]
    public void The_sender_repeats_an_unanswered_command_every_T4_and_gives_up_after_three_tries()
    {
        (SessionScript script, _) = Scripts.TrainedSender();
        script.ExpectImage(Rate);
        script.ExpectFrame(FacsimileControlField.Eop);
        TimeSpan start = script.Now;
        script.Advance(2.9);
        script.ExpectNothing();
        script.Advance(0.1);
        script.ExpectFrame(FacsimileControlField.Eop);
        script.Advance(3);
        script.ExpectFrame(FacsimileControlField.Eop);
        script.Advance(3);

        script.ExpectFrame(FacsimileControlField.Dcn);
        Assert.Equal(TimeSpan.FromSeconds(9), script.Now - start);
        script.ExpectOutcome(FaxFailure.ResponseTimeout);
    }

    [Fact]
    public void The_sender_repeats_DCS_and_TCF_when_CFR_does_not_come()
    {
        SessionScript script = Scripts.Sender();
        script.SendFrames(FarEnd.Dis(script));
        script.ExpectDcsAndTcf(Rate);
        script.Advance(3);
        script.ExpectDcsAndTcf(Rate);
        script.Advance(3);
        script.ExpectDcsAndTcf(Rate);
        script.Advance(3);

        script.ExpectFrame(FacsimileControlField.Dcn);
        script.ExpectOutcome(FaxFailure.ResponseTimeout);
    }

    [Fact]
    public void T4_starts_when_the_command_has_been_sent_not_when_it_is_queued()
    {
        SessionScript script = Scripts.Sender();
        script.AutoComplete = false;
        script.SendFrames(FarEnd.Dis(script));
        script.ExpectDcsAndTcf(Rate);
        Assert.Equal(script.Session.Options.MaxCallDuration, script.Session.NextDeadline); // only the limit on the whole call

        // DCS at 300 bit/s, the pause and 1.5 s of TCF take a while; nothing may time out meanwhile.
        script.Advance(10);
        script.ExpectNothing();
        script.CompleteTransmit();
        Assert.Equal(script.Now + TimeSpan.FromSeconds(3), script.Session.NextDeadline);
    }

    [Fact]
    public void The_receivers_timers_start_when_its_signals_have_been_sent()
    {
        var script = new SessionScript(T30Session.ForReceiving(Scripts.ReceiverOptions())) { AutoComplete = false };
        script.Session.Start(script.Now);
        script.Pump();
        Assert.Equal(TimeSpan.FromSeconds(35), script.Session.NextDeadline);
        script.Advance(4);
        script.CompleteTransmit();
        Assert.Equal(TimeSpan.FromSeconds(7), script.Session.NextDeadline);

        script.SendFrames(FarEnd.DcsFrames(script, FarEnd.Dcs()));
        script.SendTcf(Rate);
        script.Advance(10);
        script.CompleteTransmit();
        Assert.Equal(script.Now + TimeSpan.FromSeconds(6), script.Session.NextDeadline);
    }

    [Fact]
    public void T4_is_extended_while_a_V21_signal_is_arriving()
    {
        (SessionScript script, _) = Scripts.TrainedSender();
        script.ExpectImage(Rate);
        script.ExpectFrame(FacsimileControlField.Eop);
        script.Advance(2.5);
        script.Session.HandleCarrierStarted(null, script.Now);
        script.Advance(2.5);
        script.ExpectNothing();

        script.Session.HandleFrame(script.Frame(FacsimileControlField.Mcf), true, script.Now);
        script.Session.HandleCarrierEnded(script.Now);
        script.Pump();
        script.ExpectFrame(FacsimileControlField.Dcn);
        script.ExpectOutcome(FaxFailure.None);
    }

    [Fact]
    public void A_CRP_from_the_receiver_makes_the_sender_repeat_its_last_command()
    {
        (SessionScript script, _) = Scripts.TrainedSender(pages: 2);
        script.ExpectImage(Rate);
        script.ExpectFrame(FacsimileControlField.Mps);
        script.Send(FacsimileControlField.Crp);

        script.ExpectFrame(FacsimileControlField.Mps);
        script.ExpectNothing();
    }

    [Fact]
    public void A_CRP_answering_DCS_makes_the_sender_send_DCS_and_TCF_again()
    {
        SessionScript script = Scripts.Sender();
        script.SendFrames(FarEnd.Dis(script));
        script.ExpectDcsAndTcf(Rate);
        script.Send(FacsimileControlField.Crp);

        script.ExpectDcsAndTcf(Rate);
    }

    [Fact]
    public void CRP_counts_as_a_try_so_a_far_end_that_only_answers_CRP_is_given_up_on()
    {
        (SessionScript script, _) = Scripts.TrainedSender();
        script.ExpectImage(Rate);
        script.ExpectFrame(FacsimileControlField.Eop);
        script.Send(FacsimileControlField.Crp);
        script.ExpectFrame(FacsimileControlField.Eop);
        script.Send(FacsimileControlField.Crp);
        script.ExpectFrame(FacsimileControlField.Eop);
        script.Send(FacsimileControlField.Crp);

        script.ExpectFrame(FacsimileControlField.Dcn);
        script.ExpectOutcome(FaxFailure.ResponseTimeout);
    }

    [Fact]
    public void A_CRP_from_the_sender_makes_the_receiver_repeat_its_last_response()
    {
        SessionScript script = Scripts.TrainedReceiver();
        script.Send(FacsimileControlField.Crp);
        script.ExpectFrame(FacsimileControlField.Cfr);

        SessionScript phaseB = Scripts.Receiver();
        phaseB.Send(FacsimileControlField.Crp);
        phaseB.ExpectFrames(FacsimileControlField.Csi, FacsimileControlField.Dis);
    }

    [Fact]
    public void A_garbled_command_is_answered_with_CRP_and_the_repeated_command_is_taken()
    {
        SessionScript script = Scripts.Receiver();
        script.SendFrames(FarEnd.DcsFrames(script, FarEnd.Dcs()), fcsOk: false);
        script.ExpectFrame(FacsimileControlField.Crp);

        script.SendFrames(FarEnd.DcsFrames(script, FarEnd.Dcs()));
        script.SendTcf(Rate);
        script.ExpectFrame(FacsimileControlField.Cfr);
    }

    [Fact]
    public void After_CRP_in_phase_B_the_receiver_still_repeats_DIS_not_CRP()
    {
        SessionScript script = Scripts.Receiver();
        script.SendFrames(FarEnd.DcsFrames(script, FarEnd.Dcs()), fcsOk: false);
        script.ExpectFrame(FacsimileControlField.Crp);
        script.Advance(3);

        script.ExpectFrames(FacsimileControlField.Csi, FacsimileControlField.Dis);
    }

    [Fact]
    public void After_CRP_for_a_garbled_post_page_command_T2_still_runs()
    {
        SessionScript script = Scripts.TrainedReceiver();
        script.SendHighSpeedData(Rate, FarEnd.NonEcmPage(FarEnd.Page()));
        script.SendFrames([script.Frame(FacsimileControlField.Mps)], fcsOk: false);
        script.ExpectFrame(FacsimileControlField.Crp);
        script.Advance(6);

        script.ExpectFrame(FacsimileControlField.Dcn);
        script.ExpectOutcome(FaxFailure.CommandTimeout);
    }

    [Theory]
    [InlineData("after CFR")]
    [InlineData("after the page")]
    [InlineData("after MCF to MPS")]
    [InlineData("after RTN")]
    [InlineData("after FTT")]
    [InlineData("after DCS")]
    public void T2_expiry_at_the_receiver_ends_with_command_timeout(string when)
    {
        SessionScript script = when is "after FTT" or "after DCS" ? Scripts.Receiver() : Scripts.TrainedReceiver(
            options: Scripts.ReceiverOptions() with { MinGoodLinePercent = when == "after RTN" ? 100 : 95 });
        switch (when)
        {
            case "after the page":
                script.SendHighSpeedData(Rate, FarEnd.NonEcmPage(FarEnd.Page()));
                break;
            case "after MCF to MPS":
                script.SendHighSpeedData(Rate, FarEnd.NonEcmPage(FarEnd.Page()));
                script.Send(FacsimileControlField.Mps);
                script.ExpectFrame(FacsimileControlField.Mcf);
                break;
            case "after RTN":
                script.SendHighSpeedData(Rate, FarEnd.NonEcmPageWithBadRows(FarEnd.Page(), y => y == 50));
                script.Send(FacsimileControlField.Mps);
                script.ExpectFrame(FacsimileControlField.Rtn);
                break;
            case "after FTT":
                script.SendFrames(FarEnd.DcsFrames(script, FarEnd.Dcs()));
                script.SendTcf(Rate, new byte[10]);
                script.ExpectFrame(FacsimileControlField.Ftt);
                break;
            case "after DCS":
                script.SendFrames(FarEnd.DcsFrames(script, FarEnd.Dcs()));
                break;
            default:
                break;
        }

        script.Advance(5.9);
        script.ExpectNothing();
        script.Advance(0.1);
        script.ExpectFrame(FacsimileControlField.Dcn);
        script.ExpectOutcome(FaxFailure.CommandTimeout);
    }

    [Fact]
    public void After_EOP_and_MCF_a_missing_DCN_is_still_a_success()
    {
        SessionScript script = Scripts.TrainedReceiver();
        script.SendHighSpeedData(Rate, FarEnd.NonEcmPage(FarEnd.Page()));
        script.Send(FacsimileControlField.Eop);
        script.ExpectFrame(FacsimileControlField.Mcf);
        script.Advance(6);

        script.ExpectNothing();
        Assert.True(script.ExpectOutcome(FaxFailure.None).Succeeded);
    }

    [Fact]
    public void The_receiver_waits_for_a_long_page_without_T2_expiring()
    {
        SessionScript script = Scripts.TrainedReceiver();
        script.Session.HandleCarrierStarted(Rate, script.Now);
        byte[] page = FarEnd.NonEcmPage(FarEnd.Page());
        int chunk = (page.Length + 59) / 60;
        for (int offset = 0; offset < page.Length; offset += chunk)
        {
            // A minute of page, a second at a time.
            script.Advance(1);
            script.Session.HandleNonEcmData(page.AsSpan(offset, Math.Min(chunk, page.Length - offset)), script.Now);
        }

        script.Session.HandleCarrierEnded(script.Now);
        script.Send(FacsimileControlField.Eop);

        script.ExpectFrame(FacsimileControlField.Mcf);
    }

    [Fact]
    public void A_far_end_that_falls_silent_in_the_middle_of_a_page_ends_the_session_after_T2()
    {
        SessionScript script = Scripts.TrainedReceiver();
        script.Session.HandleCarrierStarted(Rate, script.Now);
        byte[] page = FarEnd.NonEcmPage(FarEnd.Page());
        script.Session.HandleNonEcmData(page.AsSpan(0, page.Length / 2), script.Now);
        script.Advance(5.9);
        script.ExpectNothing();
        script.Advance(0.2);

        script.ExpectFrame(FacsimileControlField.Dcn);
        script.ExpectOutcome(FaxFailure.CommandTimeout);
    }

    [Fact]
    public void After_EOM_the_receiver_repeats_DIS_every_T4_until_T1()
    {
        SessionScript script = Scripts.TrainedReceiver();
        script.SendHighSpeedData(Rate, FarEnd.NonEcmPage(FarEnd.Page()));
        script.Send(FacsimileControlField.Eom);
        script.ExpectFrame(FacsimileControlField.Mcf);
        script.ExpectFrames(FacsimileControlField.Csi, FacsimileControlField.Dis);
        script.Advance(3);
        script.ExpectFrames(FacsimileControlField.Csi, FacsimileControlField.Dis);
        script.Advance(3);
        script.ExpectFrames(FacsimileControlField.Csi, FacsimileControlField.Dis);

        script.Advance(30);
        FaxOutcome outcome = script.ExpectOutcome(FaxFailure.NoAnswer);
        Assert.Equal(1, outcome.Pages);
    }
}
