using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Frames;
using Faxgate.Fax.T30.Session;

namespace Faxgate.Fax.Tests.T30.Session;

/// <summary>Phase E: DCN from the far end, local hangup, and what the outcome reports.</summary>
public sealed class PhaseEScriptTests
{
    private const SignallingRate Rate = SignallingRate.V17At14400;

    [Fact]
    public void DCN_instead_of_DIS_ends_the_sender_as_remote_disconnected_without_answering()
    {
        SessionScript script = Scripts.Sender();
        script.Send(FacsimileControlField.Dcn);

        script.ExpectNothing();
        FaxOutcome outcome = script.ExpectOutcome(FaxFailure.RemoteDisconnected);
        Assert.Equal(0, outcome.Pages);
        Assert.False(outcome.Succeeded);
    }

    [Fact]
    public void DCN_after_a_confirmed_page_ends_the_sender_with_the_pages_so_far()
    {
        (SessionScript script, _) = Scripts.TrainedSender(pages: 3);
        script.ExpectImage(Rate);
        script.ExpectFrame(FacsimileControlField.Mps);
        script.Send(FacsimileControlField.Mcf);
        script.ExpectImage(Rate);
        script.ExpectFrame(FacsimileControlField.Mps);
        script.Send(FacsimileControlField.Dcn);

        FaxOutcome outcome = script.ExpectOutcome(FaxFailure.RemoteDisconnected);
        Assert.Equal(1, outcome.Pages);
        Assert.False(outcome.Succeeded);
        Assert.Equal(FarEnd.ReceiverIdent, outcome.RemoteIdent);
    }

    [Theory]
    [InlineData("before DCS", 0)]
    [InlineData("after CFR", 0)]
    [InlineData("after MCF to MPS", 1)]
    public void DCN_before_the_end_of_the_procedure_ends_the_receiver_as_remote_disconnected(string when, int pages)
    {
        SessionScript script = when == "before DCS" ? Scripts.Receiver() : Scripts.TrainedReceiver();
        if (pages > 0)
        {
            script.SendHighSpeedData(Rate, FarEnd.NonEcmPage(FarEnd.Page()));
            script.Send(FacsimileControlField.Mps);
            script.ExpectFrame(FacsimileControlField.Mcf);
        }

        script.Send(FacsimileControlField.Dcn);

        script.ExpectNothing();
        FaxOutcome outcome = script.ExpectOutcome(FaxFailure.RemoteDisconnected);
        Assert.Equal(pages, outcome.Pages);
        Assert.False(outcome.Succeeded);
    }

    [Fact]
    public void DCN_after_the_last_page_was_refused_with_RTN_is_not_a_success()
    {
        SessionScript script = Scripts.TrainedReceiver(options: Scripts.ReceiverOptions() with { MinGoodLinePercent = 100 });
        script.SendHighSpeedData(Rate, FarEnd.NonEcmPage(FarEnd.Page(1)));
        script.Send(FacsimileControlField.Mps);
        script.ExpectFrame(FacsimileControlField.Mcf);
        script.SendHighSpeedData(Rate, FarEnd.NonEcmPageWithBadRows(FarEnd.Page(2), y => y == 50));
        script.Send(FacsimileControlField.Eop);
        script.ExpectFrame(FacsimileControlField.Rtn);
        script.Send(FacsimileControlField.Dcn);

        FaxOutcome outcome = script.ExpectOutcome(FaxFailure.RemoteDisconnected);
        Assert.Equal(1, outcome.Pages);
        Assert.False(outcome.Succeeded);
    }

    [Fact]
    public void An_outcome_without_pages_is_never_a_success()
    {
        var outcome = new FaxOutcome { Failure = FaxFailure.None, Reason = "completed", Pages = 0 };
        Assert.False(outcome.Succeeded);
    }

    [Fact]
    public void The_receiver_outcome_lists_the_bad_lines_of_each_page()
    {
        SessionScript script = Scripts.TrainedReceiver();
        script.SendHighSpeedData(Rate, FarEnd.NonEcmPageWithBadRows(FarEnd.Page(1), y => y is 30 or 60));
        script.Send(FacsimileControlField.Mps);

        // Kept with two bad lines: RTP, and the sender retrains before the next page.
        script.ExpectFrame(FacsimileControlField.Rtp);
        script.SendFrames(FarEnd.DcsFrames(script, FarEnd.Dcs()));
        script.SendTcf(Rate);
        script.ExpectFrame(FacsimileControlField.Cfr);
        script.SendHighSpeedData(Rate, FarEnd.NonEcmPage(FarEnd.Page(2)));
        script.Send(FacsimileControlField.Eop);
        script.ExpectFrame(FacsimileControlField.Mcf);
        script.Send(FacsimileControlField.Dcn);

        FaxOutcome outcome = script.ExpectOutcome(FaxFailure.None);
        Assert.Equal([2, 0], outcome.BadLinesPerPage);
        Assert.Contains("OK pages=2 rate=14400 ecm=0", outcome.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Hangup_sends_DCN_and_the_session_ends_with_local_hangup_once_it_has_gone_out()
    {
        SessionScript script = Scripts.TrainedReceiver();
        script.SendHighSpeedData(Rate, FarEnd.NonEcmPage(FarEnd.Page()));
        script.Send(FacsimileControlField.Mps);
        script.ExpectFrame(FacsimileControlField.Mcf);
        script.AutoComplete = false;
        script.Session.Hangup(script.Now);
        script.Pump();

        script.ExpectFrame(FacsimileControlField.Dcn);
        Assert.Null(script.Outcome);
        Assert.Equal(script.Session.Options.MaxCallDuration, script.Session.NextDeadline); // only the limit on the whole call
        script.CompleteTransmit();
        FaxOutcome outcome = script.ExpectOutcome(FaxFailure.LocalHangup);
        Assert.Equal(1, outcome.Pages);
    }

    [Fact]
    public void The_limit_on_the_whole_call_passing_while_DCN_goes_out_ends_the_session_instead_of_asking_for_timeouts_forever()
    {
        SessionScript script = Scripts.TrainedReceiver();
        script.AutoComplete = false;
        script.Session.Hangup(script.Now);
        script.Pump();
        script.ExpectFrame(FacsimileControlField.Dcn);

        // The DCN has not been reported sent when the call reaches its limit.
        TimeSpan limit = script.Session.Options.MaxCallDuration;
        script.Session.HandleTimeout(limit);
        Assert.True(script.Session.NextDeadline is null || script.Session.NextDeadline > limit, "a deadline that has passed and does nothing");
        script.Pump();
        Assert.Equal(FaxFailure.LocalHangup, script.ExpectOutcome(FaxFailure.LocalHangup).Failure);
    }

    [Fact]
    public void Hangup_before_the_start_ends_at_once_without_DCN()
    {
        var script = new SessionScript(T30Session.ForReceiving(Scripts.ReceiverOptions()));
        script.Session.Hangup(TimeSpan.Zero);
        script.Pump();

        script.ExpectNothing();
        script.ExpectOutcome(FaxFailure.LocalHangup);
    }

    [Fact]
    public void A_finished_session_ignores_everything_that_still_arrives()
    {
        SessionScript script = Scripts.Sender();
        script.Send(FacsimileControlField.Dcn);
        script.SendFrames(FarEnd.Dis(script));
        script.Advance(100);
        script.Session.Hangup(script.Now);
        script.Pump();

        script.ExpectNothing();
        Assert.Null(script.Session.NextDeadline);
        script.ExpectOutcome(FaxFailure.RemoteDisconnected);
    }

    [Fact]
    public void With_tracing_on_every_frame_sent_and_received_is_reported()
    {
        SessionScript script = Scripts.Receiver(Scripts.ReceiverOptions() with { Trace = true });
        script.SendFrames(FarEnd.DcsFrames(script, FarEnd.Dcs()));
        script.SendTcf(Rate);

        FrameTraced[] traces = [.. script.Events.OfType<FrameTraced>().Where(t => !t.Description.Contains("carrier", StringComparison.Ordinal))];
        Assert.Equal(["CSI", "DIS", "TSI", "DCS", "CFR"], traces.Select(t => t.Description.Split(' ')[0]));
        Assert.Equal([true, true, false, false, true], traces.Select(t => t.Sent));
    }
}
