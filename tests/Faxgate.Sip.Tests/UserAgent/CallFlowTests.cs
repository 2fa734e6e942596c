using Faxgate.Sip.Messages;
using Faxgate.Sip.Transport;
using Faxgate.Sip.UserAgent;
using static Faxgate.Sip.Tests.UserAgent.VirtualSipNetwork;

namespace Faxgate.Sip.Tests.UserAgent;

/// <summary>Two Faxgate user agents calling each other over a virtual network: the call flows of RFC 3261 13-15 with T.38.</summary>
public sealed class CallFlowTests
{
    private static readonly SipEndPoint CallerAt = Udp("10.0.0.1");
    private static readonly SipEndPoint CalleeAt = Udp("10.0.0.2");

    private readonly VirtualSipNetwork _net = new();
    private readonly SipUserAgent _caller;
    private readonly SipUserAgent _callee;

    public CallFlowTests()
    {
        // The caller waits longer before its own T.38 re-INVITE, so the callee's goes first (as a gateway's does).
        _caller = _net.Add(CallerAt, o => o with { T38ReinviteDelay = TimeSpan.FromSeconds(5) }, seed: 1);
        _callee = _net.Add(CalleeAt, seed: 2);
    }

    private SipCall Call(bool t38First = false, TimeSpan? ring = null) =>
        _caller.PlaceCall(
            new CallRequest(SipUri.Parse("sip:+27115551234@10.0.0.2"), CalleeAt, NameAddress.Parse("<sip:+27110000000@10.0.0.1>"), Media(CallerAt, 40000))
            {
                OfferT38First = t38First,
                RingTimeout = ring ?? TimeSpan.FromSeconds(60),
            },
            _net.Now);

    private void AnswerEverything() => _net.OnEvent = (agent, e) =>
    {
        if (agent == _callee && e is IncomingCall incoming)
        {
            _callee.Accept(incoming.Call, Media(CalleeAt, 41000), _net.Now);
        }
    };

    [Fact]
    public void An_audio_call_switches_to_T38_by_the_callees_reinvite_and_ends_with_BYE()
    {
        AnswerEverything();
        SipCall call = Call();
        _net.RunUntil(TimeSpan.FromSeconds(3));

        IncomingCall incoming = Assert.Single(_net.EventsOf<IncomingCall>(_callee));
        Assert.Equal("+27115551234", incoming.Call.DialledUser);
        Assert.Single(_net.EventsOf<CallEstablished>(_caller));
        Assert.Single(_net.EventsOf<CallEstablished>(_callee));
        CallMediaChanged atCaller = Assert.Single(_net.EventsOf<CallMediaChanged>(_caller));
        CallMediaChanged atCallee = Assert.Single(_net.EventsOf<CallMediaChanged>(_callee));
        Assert.Equal(41000, atCaller.T38!.RemotePort);
        Assert.Equal(40000, atCallee.T38!.RemotePort);
        Assert.Equal(CallState.Established, call.State);
        // One re-INVITE (the callee's, after its 1 s delay), none from the caller.
        Assert.Single(_net.Sent(CalleeAt).OfType<SipRequest>(), r => r.Method == "INVITE");
        Assert.Single(_net.Sent(CallerAt).OfType<SipRequest>(), r => r.Method == "INVITE");

        _caller.Hangup(call, new CallOutcome(CallEndReason.LocalHangup, null, "fax done"), _net.Now);
        _net.RunUntil(TimeSpan.FromSeconds(60));
        Assert.Equal(CallEndReason.RemoteHangup, Assert.Single(_net.EventsOf<CallEnded>(_callee)).Outcome.Reason);
        Assert.Equal(CallEndReason.LocalHangup, Assert.Single(_net.EventsOf<CallEnded>(_caller)).Outcome.Reason);
        AssertClean();
    }

    [Fact]
    public void A_call_offered_T38_straight_away_has_T38_at_once()
    {
        AnswerEverything();
        Call(t38First: true);
        _net.RunUntil(TimeSpan.FromMilliseconds(100));
        Assert.NotNull(Assert.Single(_net.EventsOf<CallMediaChanged>(_caller)).T38);
        Assert.NotNull(Assert.Single(_net.EventsOf<CallMediaChanged>(_callee)).T38);
        _net.RunUntil(TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(_net.Wire, w => w.Message is SipRequest { Method: "INVITE" } r && r.To?.Tag is not null);
    }

    [Fact]
    public void Both_sides_reinviting_at_once_resolve_the_glare_with_491_and_a_retry()
    {
        // Equal delays on both sides: both re-INVITE at the same instant.
        var net = new VirtualSipNetwork();
        SipUserAgent a = net.Add(CallerAt, seed: 5);
        SipUserAgent b = net.Add(CalleeAt, seed: 6);
        net.OnEvent = (agent, e) =>
        {
            if (agent == b && e is IncomingCall incoming)
            {
                b.Accept(incoming.Call, Media(CalleeAt, 41000), net.Now);
            }
        };
        a.PlaceCall(new CallRequest(SipUri.Parse("sip:1@10.0.0.2"), CalleeAt, NameAddress.Parse("<sip:2@10.0.0.1>"), Media(CallerAt, 40000)), net.Now);
        net.RunUntil(TimeSpan.FromSeconds(10));

        Assert.Contains(net.Wire, w => w.Message is SipResponse { StatusCode: 491 });
        Assert.NotNull(net.EventsOf<CallMediaChanged>(a).Last().T38);
        Assert.NotNull(net.EventsOf<CallMediaChanged>(b).Last().T38);
        Assert.Empty(net.EventsOf<CallEnded>(a));
    }

    [Theory]
    [InlineData(486, CallEndReason.Busy)]
    [InlineData(404, CallEndReason.NotFound)]
    [InlineData(480, CallEndReason.NoAnswer)]
    [InlineData(503, CallEndReason.Congestion)]
    [InlineData(403, CallEndReason.Forbidden)]
    public void A_refused_call_ends_with_a_typed_outcome(int status, CallEndReason reason)
    {
        _net.OnEvent = (agent, e) =>
        {
            if (agent == _callee && e is IncomingCall incoming)
            {
                _callee.Reject(incoming.Call, status, null, _net.Now);
            }
        };
        SipCall call = Call();
        _net.RunUntil(TimeSpan.FromSeconds(40));
        CallEnded ended = Assert.Single(_net.EventsOf<CallEnded>(_caller));
        Assert.Equal(reason, ended.Outcome.Reason);
        Assert.Equal(status, ended.Outcome.StatusCode);
        Assert.Equal(CallState.Ended, call.State);
        Assert.Contains(_net.Wire, w => w.Message is SipRequest { Method: "ACK" });
        AssertClean();
    }

    [Fact]
    public void No_answer_within_the_ring_timeout_cancels_the_call()
    {
        SipCall call = Call(ring: TimeSpan.FromSeconds(20));
        _net.RunUntil(TimeSpan.FromSeconds(60));
        Assert.Equal(CallEndReason.NoAnswer, call.Outcome!.Reason);
        Assert.Contains(_net.Wire, w => w.Message is SipRequest { Method: "CANCEL" } && w.At == TimeSpan.FromSeconds(20));
        Assert.Contains(_net.Wire, w => w.Message is SipResponse { StatusCode: 487 });
        Assert.Equal(CallEndReason.Cancelled, Assert.Single(_net.EventsOf<CallEnded>(_callee)).Outcome.Reason);
        AssertClean();
    }

    [Fact]
    public void A_lost_ACK_is_recovered_by_the_2xx_retransmission()
    {
        AnswerEverything();
        bool dropped = false;
        _net.Lose = (from, _, m) => from == CallerAt && m is SipRequest { Method: "ACK" } && !dropped && (dropped = true);
        Call();
        _net.RunUntil(TimeSpan.FromSeconds(5));
        Assert.True(dropped);
        Assert.True(_net.Sent(CalleeAt).OfType<SipResponse>().Count(r => r.StatusCode == 200 && r.CSeq!.Number == 1) >= 2);
        Assert.Equal(2, _net.Sent(CallerAt).OfType<SipRequest>().Count(r => r.Method == "ACK" && r.CSeq!.Number == 1));
        Assert.Single(_net.EventsOf<CallEstablished>(_callee));
        Assert.Empty(_net.EventsOf<CallEnded>(_callee));
    }

    [Fact]
    public void A_2xx_never_acknowledged_ends_the_call_with_ack_timeout_and_BYE()
    {
        var net = new VirtualSipNetwork();
        SipUserAgent caller = net.Add(CallerAt, o => o with { T38ReinviteDelay = TimeSpan.FromHours(1) });
        SipUserAgent callee = net.Add(CalleeAt);
        net.OnEvent = (agent, e) =>
        {
            if (agent == callee && e is IncomingCall incoming)
            {
                callee.Accept(incoming.Call, Media(CalleeAt, 41000), net.Now);
            }
        };
        net.Lose = (from, _, m) => from == CallerAt && m is SipRequest { Method: "ACK" };
        caller.PlaceCall(new CallRequest(SipUri.Parse("sip:1@10.0.0.2"), CalleeAt, NameAddress.Parse("<sip:2@10.0.0.1>"), Media(CallerAt, 40000)), net.Now);
        net.RunUntil(TimeSpan.FromSeconds(80));
        CallEnded ended = Assert.Single(net.EventsOf<CallEnded>(callee));
        Assert.Equal(CallEndReason.AckTimeout, ended.Outcome.Reason);
        Assert.Equal(TimeSpan.FromSeconds(32), net.Wire.Single(w => w.Message is SipRequest { Method: "BYE" }).At);
        Assert.True(net.Sent(CalleeAt).OfType<SipResponse>().Count(r => r.StatusCode == 200 && r.CSeq!.Method == "INVITE") >= 10);
        Assert.Equal(CallEndReason.RemoteHangup, Assert.Single(net.EventsOf<CallEnded>(caller)).Outcome.Reason);
    }

    [Fact]
    public void A_retransmitted_INVITE_is_one_call()
    {
        // The 100 Trying is lost twice: the caller retransmits the INVITE, the callee sees one call.
        _net.Lose = (from, _, m) => from == CalleeAt && m is SipResponse { StatusCode: 100 };
        Call();
        _net.RunUntil(TimeSpan.FromSeconds(3));
        Assert.True(_net.Sent(CallerAt).OfType<SipRequest>().Count(r => r.Method == "INVITE") >= 3);
        Assert.Single(_net.EventsOf<IncomingCall>(_callee));
    }

    [Fact]
    public void A_phone_without_T38_refuses_the_reinvite_with_488_and_the_call_ends_as_T38_refused()
    {
        var net = new VirtualSipNetwork();
        SipUserAgent caller = net.Add(CallerAt);
        SipUserAgent phone = net.Add(CalleeAt, o => o with { T38ReinviteDelay = TimeSpan.FromHours(1) });
        net.OnEvent = (agent, e) =>
        {
            if (agent == phone && e is IncomingCall incoming)
            {
                phone.Accept(incoming.Call, Media(CalleeAt, 41000) with { UdptlPort = null }, net.Now);
            }
        };
        caller.PlaceCall(new CallRequest(SipUri.Parse("sip:1@10.0.0.2"), CalleeAt, NameAddress.Parse("<sip:2@10.0.0.1>"), Media(CallerAt, 40000)), net.Now);
        net.RunUntil(TimeSpan.FromSeconds(5));
        CallEnded ended = Assert.Single(net.EventsOf<CallEnded>(caller));
        Assert.Equal(CallEndReason.T38Refused, ended.Outcome.Reason);
        Assert.Equal(488, ended.Outcome.StatusCode);
        Assert.Equal(CallEndReason.RemoteHangup, Assert.Single(net.EventsOf<CallEnded>(phone)).Outcome.Reason);
    }

    [Theory]
    [InlineData(415)]
    [InlineData(488)]
    [InlineData(606)]
    [InlineData(500)]
    public void Every_carrier_refusal_of_the_T38_reinvite_is_one_T38_refused_outcome(int status)
    {
        // The callee's stack is swapped for a carrier that refuses re-INVITEs with the status under test.
        _net.Lose = (from, to, m) =>
        {
            if (m is SipRequest { Method: "INVITE" } reinvite && reinvite.To?.Tag is not null && from == CallerAt)
            {
                _caller.Handle(SipResponse.For(reinvite, status), CalleeAt, _net.Now);
                return true;
            }

            return false;
        };
        SipCall call = _caller.PlaceCall(
            new CallRequest(SipUri.Parse("sip:1@10.0.0.2"), CalleeAt, NameAddress.Parse("<sip:2@10.0.0.1>"), Media(CallerAt, 40000)), _net.Now);
        SipCall? atCallee = null;
        _net.OnEvent = (agent, e) =>
        {
            if (agent == _callee && e is IncomingCall incoming)
            {
                atCallee = incoming.Call;
                _callee.Accept(incoming.Call, Media(CalleeAt, 41000) with { UdptlPort = null }, _net.Now);
            }
        };
        _net.RunUntil(TimeSpan.FromSeconds(10));
        Assert.NotNull(atCallee);
        Assert.Equal(CallEndReason.T38Refused, call.Outcome!.Reason);
        Assert.Equal(status, call.Outcome.StatusCode);
        Assert.Contains(_net.Sent(CallerAt), m => m is SipRequest { Method: "BYE" });
    }

    [Fact]
    public void A_session_refresh_during_the_fax_is_answered_without_touching_the_media()
    {
        AnswerEverything();
        SipCall call = Call(t38First: true);
        _net.RunUntil(TimeSpan.FromSeconds(2));
        SipCall atCallee = Assert.Single(_net.EventsOf<IncomingCall>(_callee)).Call;
        int before = _net.Events.Count(e => e.Event is CallMediaChanged);
        string? description = atCallee.Dialog is null ? null : System.Text.Encoding.UTF8.GetString(_net.Sent(CalleeAt).OfType<SipResponse>().Last(r => r.StatusCode == 200).Body.Span);

        _caller.RefreshSession(call, _net.Now);
        _net.RunUntil(TimeSpan.FromSeconds(4));
        _caller.RefreshSession(call, _net.Now); // and again, as a late repeat would
        _net.RunUntil(TimeSpan.FromSeconds(6));

        SipResponse[] refreshAnswers = [.. _net.Sent(CalleeAt).OfType<SipResponse>().Where(r => r.StatusCode == 200 && r.CSeq!.Method == "INVITE" && r.CSeq.Number > 1)];
        Assert.Equal(2, refreshAnswers.Length);
        Assert.All(refreshAnswers, r => Assert.Equal(description, System.Text.Encoding.UTF8.GetString(r.Body.Span)));
        Assert.Equal(before, _net.Events.Count(e => e.Event is CallMediaChanged));
        Assert.Empty(_net.EventsOf<CallEnded>(_caller));
        Assert.Empty(_net.EventsOf<CallEnded>(_callee));
    }

    [Fact]
    public void A_BYE_mid_call_ends_both_sides()
    {
        AnswerEverything();
        Call();
        _net.RunUntil(TimeSpan.FromSeconds(3));
        SipCall atCallee = Assert.Single(_net.EventsOf<IncomingCall>(_callee)).Call;
        _callee.Hangup(atCallee, new CallOutcome(CallEndReason.LocalHangup, null, "test"), _net.Now);
        _net.RunUntil(TimeSpan.FromSeconds(40));
        Assert.Equal(CallEndReason.RemoteHangup, Assert.Single(_net.EventsOf<CallEnded>(_caller)).Outcome.Reason);
        AssertClean();
    }

    [Fact]
    public void The_watchdog_ends_a_call_that_outlives_its_maximum()
    {
        var net = new VirtualSipNetwork();
        SipUserAgent caller = net.Add(CallerAt);
        SipUserAgent callee = net.Add(CalleeAt, o => o with { MaxCallDuration = TimeSpan.FromMinutes(2) });
        net.OnEvent = (agent, e) =>
        {
            if (agent == callee && e is IncomingCall incoming)
            {
                callee.Accept(incoming.Call, Media(CalleeAt, 41000), net.Now);
            }
        };
        caller.PlaceCall(new CallRequest(SipUri.Parse("sip:1@10.0.0.2"), CalleeAt, NameAddress.Parse("<sip:2@10.0.0.1>"), Media(CallerAt, 40000)), net.Now);
        net.RunUntil(TimeSpan.FromMinutes(10));
        CallEnded ended = Assert.Single(net.EventsOf<CallEnded>(callee));
        Assert.Equal(CallEndReason.Watchdog, ended.Outcome.Reason);
        Assert.Equal(TimeSpan.FromMinutes(2), net.Wire.Single(w => w.Message is SipRequest { Method: "BYE" }).At);
        Assert.Equal(CallEndReason.RemoteHangup, Assert.Single(net.EventsOf<CallEnded>(caller)).Outcome.Reason);
    }

    [Fact]
    public void Fifty_calls_in_a_row_leave_no_calls_or_transactions_behind()
    {
        _net.OnEvent = (agent, e) =>
        {
            if (agent == _callee && e is IncomingCall incoming)
            {
                _callee.Accept(incoming.Call, Media(CalleeAt, 41000), _net.Now);
            }
            else if (agent == _caller && e is CallMediaChanged { T38: not null } changed)
            {
                _caller.Hangup(changed.Call, new CallOutcome(CallEndReason.LocalHangup, null, "done"), _net.Now);
            }
        };
        for (int i = 0; i < 50; i++)
        {
            Call();
            _net.RunUntil(_net.Now + TimeSpan.FromSeconds(5));
        }

        _net.RunUntil(_net.Now + TimeSpan.FromMinutes(1));
        Assert.Equal(50, _net.EventsOf<CallEnded>(_caller).Count());
        Assert.Equal(50, _net.EventsOf<CallEnded>(_callee).Count());
        AssertClean();
    }

    [Fact]
    public void A_source_outside_the_allow_list_gets_403()
    {
        var net = new VirtualSipNetwork();
        SipUserAgent caller = net.Add(CallerAt);
        SipUserAgent callee = net.Add(CalleeAt, o => o with { IsAllowed = source => source.HasHost("10.0.0.9") });
        SipCall call = caller.PlaceCall(new CallRequest(SipUri.Parse("sip:1@10.0.0.2"), CalleeAt, NameAddress.Parse("<sip:2@10.0.0.1>"), Media(CallerAt, 40000)), net.Now);
        net.RunUntil(TimeSpan.FromSeconds(40));
        Assert.Equal(CallEndReason.Forbidden, call.Outcome!.Reason);
        Assert.Empty(net.EventsOf<IncomingCall>(callee));
        Assert.NotEmpty(net.EventsOf<SourceRefused>(callee));
    }

    private void AssertClean()
    {
        _net.RunUntil(_net.Now + TimeSpan.FromMinutes(2));
        Assert.Empty(_caller.Calls);
        Assert.Empty(_callee.Calls);
        Assert.Equal(0, _caller.TransactionCount);
        Assert.Equal(0, _callee.TransactionCount);
    }
}
