using System.Net;
using System.Text;

namespace Faxgate.Interop.Tests.Sip;

/// <summary>The tests' own SIP peer against itself: the signalling the interop tests rely on, checked first.</summary>
public sealed class TestSipPeerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private static string Target(TestSipPeer callee, string user = "+27115551234") => $"sip:{user}@127.0.0.1:{callee.LocalPort}";

    [Fact]
    public async Task A_call_is_answered_switched_to_T38_by_reinvite_and_hung_up()
    {
        await using var caller = TestSipPeer.Start("caller");
        await using var callee = TestSipPeer.Start("callee");
        IPEndPoint? told = null;
        Task<TestAnsweredCall> answering = callee.AnswerCallAsync(new TestCalleePlan { MediaPort = 40002, OnT38 = e => told = e });

        TestDialog dialog = caller.SendInvite(Target(callee), TestSdp.AudioOffer(40000));
        TestSipMessage ringing = await caller.WaitResponseAsync(dialog, 180, Wait);
        TestSipMessage ok = await caller.WaitResponseAsync(dialog, 200, Wait);
        caller.SendAck(dialog, ok);
        caller.SendReinvite(dialog, TestSdp.T38Offer(40000, sessionVersion: 2));
        TestSipMessage t38 = await caller.WaitResponseAsync(dialog, 200, Wait);
        caller.SendAck(dialog, t38);
        caller.SendBye(dialog);
        TestSipMessage byeOk = await caller.WaitResponseAsync(dialog, 200, Wait);
        TestAnsweredCall call = await answering.WaitAsync(Wait);

        Assert.Equal(180, ringing.StatusCode);
        Assert.Equal(ringing.ToTag, ok.ToTag);
        Assert.Equal(40002, ok.Sdp!.AudioPort);
        Assert.Equal($"sip:callee@127.0.0.1:{callee.LocalPort}", dialog.RemoteTarget);
        Assert.True(t38.Sdp!.IsT38);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 40002), t38.Sdp.T38EndPoint);
        Assert.Equal("0", t38.Sdp.T38Attribute("T38FaxVersion"));
        Assert.Equal("t38UDPRedundancy", t38.Sdp.T38Attribute("t38faxudpec"));
        Assert.Equal("BYE", byeOk.CSeqMethod);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 40000), told);
        Assert.NotNull(call.Ack);
        Assert.Single(call.Reinvites);
        Assert.NotNull(call.Bye);
        Assert.Equal(["INVITE", "ACK", "INVITE", "ACK", "BYE"], caller.Sent.Select(m => m.Method!));
        Assert.Equal([1, 1, 2, 2, 3], caller.Sent.Select(m => m.CSeq));
        Assert.Equal(2, caller.Sent.Where(m => m.Method == "ACK").Select(m => m.Branch).Distinct().Count());
    }

    [Fact]
    public async Task The_callee_can_ask_for_T38_itself()
    {
        await using var caller = TestSipPeer.Start();
        await using var callee = TestSipPeer.Start();
        Task<TestAnsweredCall> answering = callee.AnswerCallAsync(new TestCalleePlan { MediaPort = 40010, SendT38Reinvite = true });

        TestDialog dialog = caller.SendInvite(Target(callee), TestSdp.AudioOffer(40012));
        caller.SendAck(dialog, await caller.WaitResponseAsync(dialog, 200, Wait));
        TestSipMessage reinvite = await caller.WaitAsync(m => m.Method == "INVITE" && m.ToTag == dialog.LocalTag, "re-INVITE", Wait);
        caller.Respond(reinvite, 200, "OK", TestSdp.T38Answer(40012, sessionVersion: 2));
        await caller.WaitRequestAsync("ACK", Wait);
        caller.SendBye(dialog);
        TestAnsweredCall call = await answering.WaitAsync(Wait);

        Assert.True(reinvite.Sdp!.IsT38);
        Assert.Equal(40010, reinvite.Sdp.ImagePort);
        Assert.Equal(200, call.ReinviteAnswer!.StatusCode);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 40012), call.RemoteT38);
        Assert.NotNull(call.Bye);
    }

    [Fact]
    public async Task A_refusal_is_acknowledged_on_the_INVITE_branch()
    {
        await using var caller = TestSipPeer.Start();
        await using var callee = TestSipPeer.Start();
        Task<TestAnsweredCall> answering = callee.AnswerCallAsync(new TestCalleePlan { MediaPort = 40020, FinalStatus = 486 });

        TestDialog dialog = caller.SendInvite(Target(callee), TestSdp.T38Offer(40022));
        TestSipMessage busy = await caller.WaitResponseAsync(dialog, 200, Wait);
        TestAnsweredCall call = await answering.WaitAsync(Wait);

        Assert.Equal(486, busy.StatusCode);
        Assert.Equal("Busy Here", busy.Reason);
        TestSipMessage ack = Assert.Single(caller.Sent, m => m.Method == "ACK");
        Assert.Equal(dialog.Invite!.Branch, ack.Branch);
        Assert.Equal(busy.ToTag, ack.ToTag);
        Assert.Null(busy.Sdp);
        Assert.Equal(call.Ack!.Branch, ack.Branch);
    }

    [Fact]
    public async Task Cancel_while_ringing_gets_200_and_487()
    {
        await using var caller = TestSipPeer.Start();
        await using var callee = TestSipPeer.Start();
        Task<TestAnsweredCall> answering = callee.AnswerCallAsync(new TestCalleePlan { MediaPort = 40030, RingTime = TimeSpan.FromSeconds(10) });

        TestDialog dialog = caller.SendInvite(Target(callee), TestSdp.AudioOffer(40032));
        await caller.WaitResponseAsync(dialog, 180, Wait);
        TestSipMessage cancel = caller.SendCancel(dialog);
        TestSipMessage cancelled = await caller.WaitResponseAsync(cancel, 200, Wait);
        TestSipMessage terminated = await caller.WaitResponseAsync(dialog, 300, Wait);
        TestAnsweredCall call = await answering.WaitAsync(Wait);

        Assert.Equal(dialog.Invite!.Branch, cancel.Branch);
        Assert.Equal(dialog.Invite.CSeq, cancel.CSeq);
        Assert.Equal(200, cancelled.StatusCode);
        Assert.Equal(487, terminated.StatusCode);
        Assert.NotNull(call.Cancel);
        Assert.Contains(caller.Sent, m => m.Method == "ACK" && m.Branch == dialog.Invite.Branch);
    }

    [Fact]
    public async Task A_lost_ACK_and_retransmissions_can_be_staged_and_counted()
    {
        await using var caller = TestSipPeer.Start();
        await using var callee = TestSipPeer.Start();
        callee.DropIncoming("INVITE", 1);
        Task<TestAnsweredCall> answering = callee.AnswerCallAsync(new TestCalleePlan { MediaPort = 40040 });

        TestDialog dialog = caller.SendInvite(Target(callee), TestSdp.AudioOffer(40042));
        Assert.Null(await caller.TryWaitAsync(m => !m.IsRequest, TimeSpan.FromMilliseconds(300)));
        caller.SendRaw(dialog.Invite!.Raw, dialog.Destination); // the caller's retransmission
        TestSipMessage ok = await caller.WaitResponseAsync(dialog, 200, Wait);
        caller.SendRaw(dialog.Invite.Raw, dialog.Destination); // once more after the 200: the same 200 again
        TestSipMessage again = await caller.WaitResponseAsync(dialog, 200, Wait);
        caller.SendAck(dialog, ok);
        caller.SendBye(dialog);
        await caller.WaitResponseAsync(dialog, 200, Wait);
        TestAnsweredCall call = await answering.WaitAsync(Wait);

        Assert.Single(callee.Dropped);
        Assert.Equal(3, callee.CountReceived(m => m.Method == "INVITE"));
        Assert.Equal(2, caller.CountReceived(m => m.StatusCode == 200 && m.CSeqMethod == "INVITE"));
        Assert.Equal(ok.ToString(), again.ToString());
        Assert.Equal(2, call.FinalResponses.Count);
    }

    [Fact]
    public async Task A_retransmitted_200_after_the_ACK_is_acknowledged_again()
    {
        await using var caller = TestSipPeer.Start();
        await using var callee = TestSipPeer.Start();

        TestDialog dialog = caller.SendInvite(Target(callee), TestSdp.AudioOffer(40050));
        TestSipMessage invite = await callee.WaitRequestAsync("INVITE", Wait);
        TestDialog answered = callee.AcceptDialog(invite);
        TestSipMessage ok = callee.Respond(invite, 200, "OK", TestSdp.AudioOffer(40052), answered.LocalTag);
        caller.SendAck(dialog, await caller.WaitResponseAsync(dialog, 200, Wait));
        TestSipMessage firstAck = await callee.WaitRequestAsync("ACK", Wait);
        callee.SendRaw(ok.Raw, invite.RemoteEndPoint!);
        TestSipMessage secondAck = await callee.WaitRequestAsync("ACK", Wait);

        Assert.Equal(firstAck.ToString(), secondAck.ToString());
        Assert.Equal(answered.LocalTag, firstAck.ToTag);
        Assert.Equal($"sip:testpeer@127.0.0.1:{callee.LocalPort}", firstAck.RequestUri);
    }

    [Fact]
    public async Task The_callee_can_hang_up_and_route_through_Record_Route()
    {
        await using var caller = TestSipPeer.Start();
        await using var callee = TestSipPeer.Start();
        await using var proxy = TestSipPeer.Start("proxy");
        string route = $"<sip:127.0.0.1:{proxy.LocalPort};lr>";

        TestDialog dialog = caller.SendInvite(Target(callee), TestSdp.AudioOffer(40060), [$"Record-Route: {route}"]);
        TestSipMessage invite = await callee.WaitRequestAsync("INVITE", Wait);
        TestDialog answered = callee.AcceptDialog(invite);
        callee.Respond(invite, 200, "OK", TestSdp.AudioOffer(40062), answered.LocalTag);
        TestSipMessage ok = await caller.WaitResponseAsync(dialog, 200, Wait);
        caller.SendAck(dialog, ok);
        callee.SendBye(answered);
        TestSipMessage ackAtProxy = await proxy.WaitRequestAsync("ACK", Wait);
        TestSipMessage byeAtProxy = await proxy.WaitRequestAsync("BYE", Wait);

        Assert.Equal([route], dialog.RouteSet);
        Assert.Equal(route, ackAtProxy.Header("Route"));
        Assert.Equal(route, byeAtProxy.Header("Route"));
        Assert.Equal($"sip:testpeer@127.0.0.1:{caller.LocalPort}", byeAtProxy.RequestUri);
        Assert.Equal(dialog.LocalTag, byeAtProxy.ToTag);
        Assert.Equal(answered.LocalTag, byeAtProxy.FromTag);
    }

    [Fact]
    public void The_reader_is_tolerant_of_compact_forms_folding_and_trailing_bytes()
    {
        const string text =
            "SIP/2.0 200 OK\n" +
            "v: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKa, SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKb\n" +
            "f: \"A, B\" <sip:a@x>;tag=1\n" +
            "t: <sip:b@y>\n ;tag=2\n" +
            "i: abc@h\n" +
            "CSEQ: 7 invite\n" +
            "m: <sip:b@127.0.0.1:5080;transport=udp>;expires=60\n" +
            "c: application/sdp\n" +
            "l: 5\n\n" +
            "v=0\r\nXXXX";
        TestSipMessage m = TestSipMessage.TryParse(Encoding.ASCII.GetBytes(text))!;

        Assert.Equal(200, m.StatusCode);
        Assert.Equal(2, m.HeaderValues("Via").Count);
        Assert.Equal("z9hG4bKa", m.Branch);
        Assert.Equal("1", m.FromTag);
        Assert.Equal("2", m.ToTag);
        Assert.Equal("abc@h", m.CallId);
        Assert.Equal(7, m.CSeq);
        Assert.Equal("sip:b@127.0.0.1:5080;transport=udp", m.ContactUri);
        Assert.Equal("application/sdp", m.Header("content-type"));
        Assert.Equal("v=0\r\n", m.Body);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 5080), TestSipText.EndPoint(m.ContactUri!));
        Assert.Null(TestSipMessage.TryParse(Encoding.ASCII.GetBytes("hello")));
    }

    [Fact]
    public void The_SDP_reader_finds_ports_addresses_and_T38_attributes()
    {
        TestSdp offer = TestSdp.Parse(TestSdp.T38Offer(4000, maxBitRate: 9600, udpEc: "t38UDPFEC", address: "127.0.0.2"));
        TestSdp audio = TestSdp.Parse(TestSdp.AudioOffer(5000));
        TestSdp refused = TestSdp.Parse(TestSdp.RefuseImage(5002));
        TestSdp mediaLevel = TestSdp.Parse("v=0\nc=IN IP4 127.0.0.1\nm=audio 1 RTP/AVP 0\nm=image 6000 udptl t38\nc=IN IP4 127.0.0.3\na=T38FaxVersion:1\n");

        Assert.True(offer.IsT38);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 4000), offer.T38EndPoint);
        Assert.Equal("9600", offer.T38Attribute("T38MaxBitRate"));
        Assert.Equal("t38UDPFEC", offer.T38Attribute("T38FaxUdpEC"));
        Assert.Equal("transferredTCF", offer.T38Attribute("T38FaxRateManagement"));
        Assert.Null(offer.AudioPort);
        Assert.False(audio.IsT38);
        Assert.Equal(5000, audio.AudioPort);
        Assert.Equal(["0", "8", "101"], audio.Audio!.Formats);
        Assert.Equal("", audio.Audio.Attribute("sendrecv"));
        Assert.False(refused.IsT38);
        Assert.Equal(0, refused.ImagePort);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.3"), 6000), mediaLevel.T38EndPoint);
        Assert.Equal("1", mediaLevel.T38Attribute("T38FaxVersion"));
    }
}
