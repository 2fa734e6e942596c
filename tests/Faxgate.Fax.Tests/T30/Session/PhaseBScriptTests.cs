using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Frames;
using Faxgate.Fax.T30.Session;
using Faxgate.Imaging.Coding;

namespace Faxgate.Fax.Tests.T30.Session;

/// <summary>Phase B and training, each side scripted by hand against one session.</summary>
public sealed class PhaseBScriptTests
{
    [Fact]
    public void The_receiver_answers_with_CED_then_CSI_and_DIS_offering_what_it_can_receive()
    {
        SessionScript script = SessionScript.Started(T30Session.ForReceiving(Scripts.ReceiverOptions(ecm: true)));
        script.ExpectTone(FaxTone.Ced);
        T30Frame[] frames = script.ExpectFrames(FacsimileControlField.Csi, FacsimileControlField.Dis);

        Assert.Equal(FarEnd.ReceiverIdent, FaxIdentifier.Decode(frames[0].Fif));
        Assert.True(FaxCapabilities.TryDecode(frames[1].Fif, out FaxCapabilities? dis, out _));
        Assert.True(dis.CanReceive);
        Assert.True(dis.SupportsEcm);
        Assert.True(dis.Supports(CodingScheme.Mmr));
        Assert.Equal(ModemSet.All, dis.Modems);
        Assert.False(frames[1].X);
    }

    [Fact]
    public void The_receiver_repeats_DIS_every_T4_until_T1_then_disconnects_with_no_answer()
    {
        SessionScript script = Scripts.Receiver();
        var sentAt = new List<double>();
        for (int seen = 0; ; script.Advance(0.5))
        {
            for (; seen < script.Transmitted.Count; seen++)
            {
                if (script.Transmitted[seen] is SendHdlc h && SessionScript.Parse(h.Frames[^1]).Fcf == FacsimileControlField.Dis)
                {
                    sentAt.Add(script.Now.TotalSeconds);
                }
            }

            if (script.Session.IsFinished)
            {
                break;
            }
        }

        Assert.Equal([0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33], sentAt);
        Assert.Equal(35, script.Now.TotalSeconds);
        Assert.Equal(FacsimileControlField.Dcn, SessionScript.Parse(((SendHdlc)script.Transmitted[^1]).Frames[0]).Fcf);
        FaxOutcome outcome = script.ExpectOutcome(FaxFailure.NoAnswer);
        Assert.False(outcome.Succeeded);
    }

    [Fact]
    public void The_sender_repeats_CNG_every_3_s_while_it_waits_for_DIS_and_gives_up_at_T1()
    {
        SessionScript script = Scripts.Sender();
        Assert.Equal(TimeSpan.FromSeconds(3), script.Session.NextDeadline);
        script.Advance(34.9);

        // The first CNG went at 0 s; it comes again at 3, 6, ... 33 s.
        int repeats = script.Transmitted.Count(c => c is SendTone { Tone: FaxTone.Cng }) - 1;
        Assert.Equal(11, repeats);
        for (int i = 0; i < repeats; i++)
        {
            script.ExpectTone(FaxTone.Cng);
        }

        script.ExpectNothing();
        script.Advance(0.1);
        script.ExpectFrame(FacsimileControlField.Dcn);
        script.ExpectOutcome(FaxFailure.NoAnswer);
    }

    [Fact]
    public void The_sender_answers_DIS_with_TSI_DCS_in_the_best_common_mode_and_TCF_then_learns_the_CSI()
    {
        SessionScript script = Scripts.Sender(options: Scripts.SenderOptions(ecm: true));
        script.SendFrames(FarEnd.Dis(script));
        T30Frame[] frames = script.ExpectFrames(FacsimileControlField.Tsi, FacsimileControlField.Dcs);
        SendTcf tcf = script.ExpectTcf(SignallingRate.V17At14400);

        Assert.Equal(FarEnd.SenderIdent, FaxIdentifier.Decode(frames[0].Fif));
        Assert.True(DcsParameters.TryDecode(frames[1].Fif, out DcsParameters? dcs, out _));
        Assert.True(dcs.Ecm);
        Assert.Equal(CodingScheme.Mmr, dcs.Compression);
        Assert.Equal(FaxResolution.Fine, dcs.Resolution);
        Assert.Equal(TimeSpan.FromSeconds(1.5), tcf.Duration);
        Assert.Equal(FarEnd.ReceiverIdent, script.Session.RemoteIdent);
    }

    [Fact]
    public void The_sender_sends_SUB_when_the_receiver_offers_subaddressing()
    {
        SessionScript script = Scripts.Sender(options: Scripts.SenderOptions() with { SubAddress = "1234" });
        script.SendFrames(FarEnd.Dis(script));
        T30Frame[] frames = script.ExpectFrames(FacsimileControlField.Tsi, FacsimileControlField.Sub, FacsimileControlField.Dcs);

        Assert.Equal("1234", FaxIdentifier.Decode(frames[1].Fif));
        Assert.True(DcsParameters.TryDecode(frames[2].Fif, out DcsParameters? dcs, out _));
        Assert.True(dcs.SubaddressFollows);
    }

    [Fact]
    public void The_receiver_takes_SID_and_PWD_and_never_traces_the_password()
    {
        SessionScript script = Scripts.Receiver(Scripts.ReceiverOptions() with { Trace = true });
        byte[][] dcs = FarEnd.DcsFrames(script, FarEnd.Dcs());
        script.SendFrames([
            script.Frame(FacsimileControlField.Sid, FaxIdentifier.Encode("ACME 7"), final: false),
            script.Frame(FacsimileControlField.Pwd, FaxIdentifier.Encode("s3cret"), final: false),
            .. dcs]);

        Assert.Equal("ACME 7", script.Session.RemoteSenderId);
        Assert.Equal("s3cret", script.Session.RemotePassword);
        string[] traces = [.. script.Events.OfType<FrameTraced>().Select(t => t.Description)];
        Assert.Contains(traces, t => t.StartsWith("PWD (", StringComparison.Ordinal));
        string secretHex = Convert.ToHexString(FaxIdentifier.Encode("s3cret"));
        Assert.DoesNotContain(traces, t => t.Contains(secretHex, StringComparison.Ordinal));
    }

    [Fact]
    public void The_receiver_takes_the_remote_ident_and_subaddress_from_TSI_and_SUB()
    {
        SessionScript script = Scripts.Receiver();
        script.SendFrames(FarEnd.DcsFrames(script, FarEnd.Dcs(), subAddress: "4711"));

        Assert.Equal(FarEnd.SenderIdent, script.Session.RemoteIdent);
        Assert.Equal("4711", script.Session.RemoteSubAddress);
        script.ExpectNothing();
    }

    [Theory]
    [InlineData(false, CodingScheme.Mmr, true)]
    [InlineData(false, CodingScheme.Mh, true)]
    [InlineData(true, CodingScheme.Mh, false)]
    public void A_DCS_for_a_mode_the_receiver_does_not_offer_ends_with_incompatible(bool v17Only, CodingScheme compression, bool ecm)
    {
        // Either ECM (and MMR) the receiver did not offer, or V.17 from a receiver that offers V.29 and V.27 ter only.
        T30Options options = Scripts.ReceiverOptions(ecm: false) with { Modems = v17Only ? ModemSet.V27ter | ModemSet.V29 : ModemSet.All };
        SessionScript script = Scripts.Receiver(options);
        script.SendFrames(FarEnd.DcsFrames(script, FarEnd.Dcs(SignallingRate.V17At14400, compression, ecm)));

        script.ExpectFrame(FacsimileControlField.Dcn);
        script.ExpectOutcome(FaxFailure.Incompatible);
    }

    [Fact]
    public void A_DTC_asking_to_poll_is_refused_with_DCN()
    {
        SessionScript script = Scripts.Receiver();
        script.Send(FacsimileControlField.Dtc, FarEnd.Receiver().EncodeDis());

        script.ExpectFrame(FacsimileControlField.Dcn);
        FaxOutcome outcome = script.ExpectOutcome(FaxFailure.Incompatible);
        Assert.Contains("DTC", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_DIS_from_a_station_that_cannot_receive_ends_the_sender_with_remote_not_receiver()
    {
        SessionScript script = Scripts.Sender();
        script.SendFrames(FarEnd.Dis(script, FarEnd.Receiver() with { CanReceive = false }));

        script.ExpectFrame(FacsimileControlField.Dcn);
        script.ExpectOutcome(FaxFailure.RemoteNotReceiver);
    }

    [Fact]
    public void A_good_TCF_is_confirmed_with_CFR_and_ModeNegotiated_comes_with_it()
    {
        SessionScript script = Scripts.Receiver();
        script.SendFrames(FarEnd.DcsFrames(script, FarEnd.Dcs(SignallingRate.V29At9600)));
        Assert.Empty(script.Events.OfType<ModeNegotiated>());
        script.SendTcf(SignallingRate.V29At9600);

        script.ExpectFrame(FacsimileControlField.Cfr);
        ModeNegotiated negotiated = Assert.Single(script.Events.OfType<ModeNegotiated>());
        Assert.Equal(SignallingRate.V29At9600, negotiated.Mode.Rate);
        Assert.Equal(FarEnd.SenderIdent, negotiated.RemoteIdent);
    }

    [Theory]
    [InlineData(0.9, false)]
    [InlineData(1.1, true)]
    public void TCF_needs_a_run_of_zeros_of_one_second_or_is_answered_with_FTT(double zeroSeconds, bool good)
    {
        SessionScript script = Scripts.Receiver();
        script.SendFrames(FarEnd.DcsFrames(script, FarEnd.Dcs(SignallingRate.V27ter4800)));
        // 1.5 s of TCF at 4800 bit/s: ones around a run of zeros of the given length.
        byte[] tcf = new byte[900];
        Array.Fill(tcf, (byte)0xFF);
        Array.Clear(tcf, 10, (int)(zeroSeconds * 600));
        script.SendTcf(SignallingRate.V27ter4800, tcf);

        script.ExpectFrame(good ? FacsimileControlField.Cfr : FacsimileControlField.Ftt);
        Assert.Equal(good, script.Events.OfType<ModeNegotiated>().Any());
    }

    [Fact]
    public void A_receiver_gives_up_after_MaxFailedTrainings()
    {
        SessionScript script = Scripts.Receiver(Scripts.ReceiverOptions() with { MaxFailedTrainings = 2 });
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            script.SendFrames(FarEnd.DcsFrames(script, FarEnd.Dcs()));
            script.SendTcf(SignallingRate.V17At14400, [.. Enumerable.Repeat((byte)0x55, 2700)]);
            script.ExpectFrame(attempt <= 2 ? FacsimileControlField.Ftt : FacsimileControlField.Dcn);
        }

        script.ExpectOutcome(FaxFailure.TrainingFailed);
    }

    [Fact]
    public void After_FTT_the_receiver_trains_again_on_the_next_DCS()
    {
        SessionScript script = Scripts.Receiver();
        script.SendFrames(FarEnd.DcsFrames(script, FarEnd.Dcs()));
        script.SendTcf(SignallingRate.V17At14400, [.. Enumerable.Repeat((byte)0x55, 2700)]);
        script.ExpectFrame(FacsimileControlField.Ftt);

        script.SendFrames(FarEnd.DcsFrames(script, FarEnd.Dcs(SignallingRate.V17At12000)));
        script.SendTcf(SignallingRate.V17At12000);
        script.ExpectFrame(FacsimileControlField.Cfr);
        Assert.Equal(SignallingRate.V17At12000, script.Session.Mode!.Rate);
    }

    [Fact]
    public void With_TCF_assumed_good_any_training_is_confirmed()
    {
        SessionScript script = Scripts.Receiver(Scripts.ReceiverOptions() with { TcfCheck = TcfCheck.AssumeGood });
        script.SendFrames(FarEnd.DcsFrames(script, FarEnd.Dcs()));
        script.SendTcf(SignallingRate.V17At14400, [.. Enumerable.Repeat((byte)0x55, 100)]);

        script.ExpectFrame(FacsimileControlField.Cfr);
    }

    [Fact]
    public void The_sender_falls_back_through_every_rate_on_FTT_and_fails_below_2400()
    {
        SessionScript script = Scripts.Sender();
        script.SendFrames(FarEnd.Dis(script));
        SignallingRate[] expected =
        [
            SignallingRate.V17At14400, SignallingRate.V17At12000, SignallingRate.V17At9600, SignallingRate.V17At7200,
            SignallingRate.V29At9600, SignallingRate.V29At7200, SignallingRate.V27ter4800, SignallingRate.V27ter2400,
        ];
        foreach (SignallingRate rate in expected)
        {
            script.ExpectDcsAndTcf(rate);
            script.Send(FacsimileControlField.Ftt);
        }

        script.ExpectFrame(FacsimileControlField.Dcn);
        script.ExpectOutcome(FaxFailure.TrainingFailed);
    }

    [Fact]
    public void The_sender_falls_back_only_to_modems_the_receiver_offers()
    {
        SessionScript script = Scripts.Sender();
        script.SendFrames(FarEnd.Dis(script, FarEnd.Receiver(ModemSet.V29 | ModemSet.V27ter)));
        script.ExpectDcsAndTcf(SignallingRate.V29At9600);
        script.Send(FacsimileControlField.Ftt);
        script.ExpectDcsAndTcf(SignallingRate.V29At7200);
        script.Send(FacsimileControlField.Cfr);

        script.ExpectImage(SignallingRate.V29At7200);
        Assert.Equal(SignallingRate.V29At7200, Assert.Single(script.Events.OfType<ModeNegotiated>()).Mode.Rate);
    }

    [Fact]
    public void ModeNegotiated_is_raised_by_the_sender_only_when_CFR_arrives()
    {
        SessionScript script = Scripts.Sender();
        script.SendFrames(FarEnd.Dis(script));
        script.ExpectDcsAndTcf(SignallingRate.V17At14400);
        Assert.Empty(script.Events.OfType<ModeNegotiated>());

        script.Send(FacsimileControlField.Cfr);
        ModeNegotiated negotiated = Assert.Single(script.Events.OfType<ModeNegotiated>());
        Assert.Equal(FarEnd.ReceiverIdent, negotiated.RemoteIdent);
        Assert.Equal(SignallingRate.V17At14400, negotiated.Mode.Rate);
    }

    [Fact]
    public void A_DIS_repeated_because_DCS_was_lost_is_answered_with_DCS_and_TCF_again()
    {
        SessionScript script = Scripts.Sender();
        script.SendFrames(FarEnd.Dis(script));
        script.ExpectDcsAndTcf(SignallingRate.V17At14400);
        script.SendFrames(FarEnd.Dis(script));
        script.ExpectDcsAndTcf(SignallingRate.V17At14400);
        script.SendFrames(FarEnd.Dis(script));
        script.ExpectDcsAndTcf(SignallingRate.V17At14400);
        script.SendFrames(FarEnd.Dis(script));

        script.ExpectFrame(FacsimileControlField.Dcn);
        script.ExpectOutcome(FaxFailure.ResponseTimeout);
    }
}
