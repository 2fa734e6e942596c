using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Tiff;
using Faxgate.Interop.Tests.T38;
using Faxgate.TestSupport;
using Faxgate.TestSupport.SpanDsp;

namespace Faxgate.Interop.Tests.Sip;

/// <summary>
/// `faxgate serve` answering SIP fax calls end to end: the test's own SIP signalling (<see cref="TestSipPeer"/>) calls
/// one of the numbers made with the CLI, a SpanDSP T.38 terminal in real time sends a fax on the UDPTL port the SDP
/// agreed, and the fax is checked where an operator would find it: `faxgate fax list` and the encrypted document.
/// The failure cases check the SIP outcome, the fax row and that no call or port stays behind.
/// </summary>
public sealed class ServeCallTests
{
    private const string Number = "+27115551234";
    private const string DisabledNumber = "+27115551299";
    private const string Caller = "+12125550100";
    private static readonly TimeSpan CallLimit = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static string Target(ServeProcess serve, string number = Number) => $"sip:{number}@127.0.0.1:{serve.SipPort}";

    private static BilevelPage[] Pages(int count, int seed, int lines = 250) =>
        [.. Enumerable.Range(0, count).Select(i => TestPages.Document(1728, lines, seed + i, PageResolution.Standard))];

    /// <summary>A SpanDSP T.38 terminal that calls and sends <paramref name="pages"/>.</summary>
    private static SpanDspT38Terminal Sender(BilevelPage[] pages)
    {
        var terminal = new SpanDspT38Terminal(calling: true);
        terminal.SetTxFile(WriteTiff(pages));
        return terminal;
    }

    private static string WriteTiff(BilevelPage[] pages)
    {
        string path = Path.Combine(Repository.NewScratchDirectory("serve-call-tx"), "send.tif");
        TiffWriter.Write(path, pages, new TiffWriteOptions { Scheme = CodingScheme.Mh });
        return path;
    }

    private static Task<ServeProcess> StartServeAsync(string purpose, int reinviteDelayMs = 500, int mediaPortCount = 100, IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string> { ["Sip:T38ReinviteDelayMilliseconds"] = reinviteDelayMs.ToString(CultureInfo.InvariantCulture) };
        foreach ((string key, string value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return ServeProcess.StartAsync(purpose, settings, [Number, DisabledNumber], [DisabledNumber], mediaPortCount);
    }

    /// <summary>A UDP socket that stands for the caller's audio stream (nothing is expected on it).</summary>
    private static Socket AudioSocket()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private static int PortOf(Socket socket) => ((IPEndPoint)socket.LocalEndPoint!).Port;

    [SkippableFact]
    public async Task A_call_offered_as_audio_gets_serve_s_T38_reinvite_and_SpanDsp_s_three_pages_are_stored()
    {
        SpanDspT38Terminal.Require();
        await using ServeProcess serve = await StartServeAsync("serve-call-audio");
        BilevelPage[] pages = Pages(3, 900);
        using SpanDspT38Terminal terminal = Sender(pages);
        using var spandsp = new RealTimeSpanDsp(terminal, remote: null, CallLimit);
        using Socket audio = AudioSocket();
        await using var peer = TestSipPeer.Start(Caller);

        TestDialog dialog = peer.SendInvite(Target(serve), TestSdp.AudioOffer(PortOf(audio)));
        TestSipMessage ok = await peer.WaitResponseAsync(dialog, 200, Wait);
        Assert.Equal(200, ok.StatusCode);
        Assert.True(ok.Sdp is { AudioPort: > 0, IsT38: false }, $"not an audio answer:\n{ok.Body}");
        TestSipMessage ack = peer.SendAck(dialog, ok);

        // Serve waits Sip:T38ReinviteDelayMilliseconds for a re-INVITE of ours, then asks for T.38 itself.
        TestSipMessage reinvite = await peer.WaitRequestAsync("INVITE", Wait, dialog.CallId);
        Assert.True(reinvite.At - ack.At >= TimeSpan.FromMilliseconds(400), $"re-INVITE {(reinvite.At - ack.At).TotalMilliseconds} ms after the ACK");
        Assert.True(reinvite.Sdp is { IsT38: true }, $"the re-INVITE offers no T.38:\n{reinvite.Body}");
        Assert.InRange(reinvite.Sdp!.ImagePort!.Value, serve.FirstMediaPort, serve.LastMediaPort);
        Assert.Equal(dialog.RemoteTag, reinvite.FromTag);
        peer.Respond(reinvite, 200, "OK", TestSdp.T38Answer(spandsp.LocalEndPoint.Port, sessionVersion: 2));
        spandsp.SetRemote(reinvite.Sdp!.T38EndPoint);
        spandsp.Start();
        await peer.WaitRequestAsync("ACK", Wait, dialog.CallId);

        await ExpectFaxAndByeAsync(serve, peer, dialog, spandsp, terminal, pages);
        Assert.Equal(1, peer.CountReceived(m => m.Method == "INVITE"));
    }

    [SkippableFact]
    public async Task A_call_offered_as_T38_is_answered_with_T38_and_needs_no_reinvite()
    {
        SpanDspT38Terminal.Require();
        await using ServeProcess serve = await StartServeAsync("serve-call-t38");
        BilevelPage[] pages = Pages(3, 910);
        using SpanDspT38Terminal terminal = Sender(pages);
        using var spandsp = new RealTimeSpanDsp(terminal, remote: null, CallLimit);
        await using var peer = TestSipPeer.Start(Caller);

        TestDialog dialog = peer.SendInvite(Target(serve), TestSdp.T38Offer(spandsp.LocalEndPoint.Port));
        TestSipMessage ok = await peer.WaitResponseAsync(dialog, 200, Wait);
        Assert.Equal(200, ok.StatusCode);
        Assert.True(ok.Sdp is { IsT38: true }, $"not a T.38 answer:\n{ok.Body}");
        Assert.InRange(ok.Sdp!.ImagePort!.Value, serve.FirstMediaPort, serve.LastMediaPort);
        peer.SendAck(dialog, ok);
        spandsp.SetRemote(ok.Sdp.T38EndPoint);
        spandsp.Start();

        await ExpectFaxAndByeAsync(serve, peer, dialog, spandsp, terminal, pages);
        Assert.Equal(0, peer.CountReceived(m => m.Method == "INVITE"));
    }

    [SkippableFact]
    public async Task A_T38_reinvite_from_the_caller_is_answered_with_T38_without_glare()
    {
        SpanDspT38Terminal.Require();
        await using ServeProcess serve = await StartServeAsync("serve-call-far-reinvite", reinviteDelayMs: 10000);
        BilevelPage[] pages = Pages(3, 920);
        using SpanDspT38Terminal terminal = Sender(pages);
        using var spandsp = new RealTimeSpanDsp(terminal, remote: null, CallLimit);
        using Socket audio = AudioSocket();
        await using var peer = TestSipPeer.Start(Caller);

        TestDialog dialog = peer.SendInvite(Target(serve), TestSdp.AudioOffer(PortOf(audio)));
        TestSipMessage ok = await peer.WaitResponseAsync(dialog, 200, Wait);
        peer.SendAck(dialog, ok);
        peer.SendReinvite(dialog, TestSdp.T38Offer(spandsp.LocalEndPoint.Port, sessionVersion: 2));
        TestSipMessage t38 = await peer.WaitResponseAsync(dialog, 200, Wait);
        Assert.Equal(200, t38.StatusCode);
        Assert.True(t38.Sdp is { IsT38: true }, $"not a T.38 answer:\n{t38.Body}");
        peer.SendAck(dialog, t38);
        spandsp.SetRemote(t38.Sdp!.T38EndPoint);
        spandsp.Start();

        // The fax outlasts serve's 10 s re-INVITE delay: the delay must have been called off once T.38 was agreed.
        await ExpectFaxAndByeAsync(serve, peer, dialog, spandsp, terminal, pages);
        Assert.Equal(0, peer.CountReceived(m => m.Method == "INVITE"));
        Assert.Equal(0, peer.CountReceived(m => m.StatusCode == 491));
    }

    [Fact]
    public async Task Unknown_and_disabled_numbers_are_refused_with_404_and_480()
    {
        await using ServeProcess serve = await StartServeAsync("serve-call-refused");
        await using var peer = TestSipPeer.Start(Caller);
        using Socket audio = AudioSocket();

        TestDialog unknown = peer.SendInvite(Target(serve, "+27115559999"), TestSdp.AudioOffer(PortOf(audio)));
        Assert.Equal(404, (await peer.WaitResponseAsync(unknown, 200, Wait)).StatusCode);
        TestDialog disabled = peer.SendInvite(Target(serve, DisabledNumber), TestSdp.AudioOffer(PortOf(audio)));
        Assert.Equal(480, (await peer.WaitResponseAsync(disabled, 200, Wait)).StatusCode);

        await serve.WaitForLogAsync(new Regex($@"Call {Regex.Escape(unknown.CallId)} to \+27115559999 refused with 404"), Wait);
        await serve.WaitForLogAsync(new Regex($@"Call {Regex.Escape(disabled.CallId)} to \{DisabledNumber} refused with 480"), Wait);
        Assert.Empty(serve.FaxList());

        // The refusals were ACKed (the peer does so itself) and serve still takes a call to the active number.
        await ExpectShortCallAsync(serve, peer, audio);
    }

    [Fact]
    public async Task A_call_from_outside_every_trunk_s_AllowFrom_is_refused_with_403_and_logged()
    {
        await using ServeProcess serve = await StartServeAsync("serve-call-403", extra: new Dictionary<string, string>
        {
            ["Sip:Trunks:carrier:Host"] = "10.9.9.9",
            ["Sip:Trunks:carrier:AllowFrom:0"] = "10.9.9.9",
        });
        await using var peer = TestSipPeer.Start(Caller);
        using Socket audio = AudioSocket();

        TestDialog dialog = peer.SendInvite(Target(serve), TestSdp.AudioOffer(PortOf(audio)));
        Assert.Equal(403, (await peer.WaitResponseAsync(dialog, 200, Wait)).StatusCode);
        await serve.WaitForLogAsync(new Regex($@"SIP from udp:127\.0\.0\.1:{peer.LocalPort} refused"), Wait);
        Assert.Empty(serve.FaxList());
    }

    [SkippableFact]
    public async Task A_BYE_in_the_middle_of_page_2_ends_the_fax_as_failed_and_frees_its_port()
    {
        SpanDspT38Terminal.Require();

        // Two media ports only: a port the broken call kept would leave none for the second of two calls after it.
        await using ServeProcess serve = await StartServeAsync("serve-call-bye", mediaPortCount: 2);

        // Long pages (several seconds each at 14400 bit/s), so that page 2 is still on its way when the BYE lands,
        // however slow the machine is.
        BilevelPage[] pages = Pages(3, 930, lines: 1800);
        using SpanDspT38Terminal terminal = Sender(pages);
        using var spandsp = new RealTimeSpanDsp(terminal, remote: null, CallLimit);

        // One second of page 2 after the receiver confirmed page 1 (MCF, 0x8C in SpanDSP's bit order): mid-page.
        var inPage2 = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        terminal.IfpSent += packet =>
        {
            if (terminal.Frames.FirstOrDefault(f => f.Incoming && f.Frame.Length > 2 && (f.Frame[2] & 0xFE) == 0x8C) is { } mcf && packet.Sample >= mcf.Sample + 8000)
            {
                inPage2.TrySetResult();
            }
        };
        await using var peer = TestSipPeer.Start(Caller);

        TestDialog dialog = peer.SendInvite(Target(serve), TestSdp.T38Offer(spandsp.LocalEndPoint.Port));
        TestSipMessage ok = await peer.WaitResponseAsync(dialog, 200, Wait);
        peer.SendAck(dialog, ok);
        spandsp.SetRemote(ok.Sdp!.T38EndPoint);
        spandsp.Start();
        await inPage2.Task.WaitAsync(CallLimit);
        peer.SendBye(dialog);
        Assert.Equal(200, (await peer.WaitResponseAsync(dialog, 200, Wait)).StatusCode);

        (long faxId, string status, int received) = await serve.WaitForFaxFinishedAsync(dialog.CallId, Wait);
        Assert.Equal("failed", status);
        Assert.Equal(1, received);
        string[] row = Assert.Single(serve.FaxList());
        Assert.Equal([faxId.ToString(CultureInfo.InvariantCulture), "in", "failed", Number, Caller, "SpanDSP", "1"], row[..7]);

        // Both media ports are free again: two calls at once are answered.
        await using var second = TestSipPeer.Start(Caller);
        using Socket audio = AudioSocket();
        TestDialog a = peer.SendInvite(Target(serve), TestSdp.AudioOffer(PortOf(audio)));
        TestDialog b = second.SendInvite(Target(serve), TestSdp.AudioOffer(PortOf(audio)));
        TestSipMessage okA = await peer.WaitResponseAsync(a, 200, Wait);
        TestSipMessage okB = await second.WaitResponseAsync(b, 200, Wait);
        Assert.Equal((200, 200), (okA.StatusCode, okB.StatusCode));
        Assert.NotEqual(okA.Sdp!.AudioPort, okB.Sdp!.AudioPort);
        peer.SendAck(a, okA);
        second.SendAck(b, okB);
        peer.SendBye(a);
        second.SendBye(b);
        Assert.Equal(200, (await peer.WaitResponseAsync(a, 200, Wait)).StatusCode);
        Assert.Equal(200, (await second.WaitResponseAsync(b, 200, Wait)).StatusCode);
        await serve.WaitForFaxFinishedAsync(a.CallId, Wait);
        await serve.WaitForFaxFinishedAsync(b.CallId, Wait);
        Assert.Empty(serve.FaxList("--status", "active"));
    }

    [Fact]
    public async Task A_200_never_acknowledged_is_retransmitted_and_the_call_ends_with_BYE_after_32_seconds()
    {
        await using ServeProcess serve = await StartServeAsync("serve-call-no-ack");
        await using var peer = TestSipPeer.Start(Caller);
        using Socket audio = AudioSocket();

        TestDialog dialog = peer.SendInvite(Target(serve), TestSdp.AudioOffer(PortOf(audio)));
        TestSipMessage ok = await peer.WaitResponseAsync(dialog, 200, Wait);
        Assert.Equal(200, ok.StatusCode);

        // No ACK: serve retransmits its 200 (T1, 2 T1, ... up to T2) and gives up after 64 T1 with a BYE.
        TestSipMessage bye = await peer.WaitRequestAsync("BYE", TimeSpan.FromSeconds(45), dialog.CallId);
        peer.Respond(bye, 200, "OK");
        TimeSpan waited = bye.At - ok.At;
        Assert.InRange(waited, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(40));
        int copies = peer.CountReceived(m => m.CallId == dialog.CallId && m.StatusCode == 200 && m.CSeqMethod == "INVITE");
        Assert.True(copies >= 4, $"the 200 came {copies} times");
        Assert.Equal(0, peer.CountReceived(m => m.Method == "INVITE"));

        (_, string status, int pages) = await serve.WaitForFaxFinishedAsync(dialog.CallId, Wait);
        Assert.Equal(("failed", 0), (status, pages));
        string[] row = Assert.Single(serve.FaxList());
        Assert.Equal("failed", row[2]);

        // The call is gone: the next one is answered.
        await ExpectShortCallAsync(serve, peer, audio);
    }

    [Fact]
    public async Task A_retransmitted_INVITE_is_one_call_and_gets_the_same_200()
    {
        await using ServeProcess serve = await StartServeAsync("serve-call-retransmit");
        await using var peer = TestSipPeer.Start(Caller);
        using Socket audio = AudioSocket();

        TestDialog dialog = peer.SendInvite(Target(serve), TestSdp.AudioOffer(PortOf(audio)));
        TestSipMessage invite = dialog.InitialInvite!;
        peer.SendRaw(invite.Raw, serve.SipEndPoint);
        TestSipMessage ok = await peer.WaitResponseAsync(dialog, 200, Wait);
        peer.SendAck(dialog, ok);

        // The same INVITE again after the ACK (a copy delayed in the network): the same 200 answers it.
        DateTimeOffset copied = DateTimeOffset.UtcNow;
        peer.SendRaw(invite.Raw, serve.SipEndPoint);
        TestSipMessage again = await peer.WaitAsync(
            m => m.CallId == dialog.CallId && m.CSeqMethod == "INVITE" && m.StatusCode >= 200 && m.At >= copied, "a response to the copy", Wait);
        Assert.Equal(200, again.StatusCode);
        Assert.Equal(ok.ToTag, again.ToTag);
        Assert.Equal(ok.Body, again.Body);

        peer.SendBye(dialog);
        Assert.Equal(200, (await peer.WaitResponseAsync(dialog, 200, Wait)).StatusCode);
        await serve.WaitForFaxFinishedAsync(dialog.CallId, Wait);
        Assert.Single(serve.FaxList());
        Assert.Equal(1, serve.CountLog(new Regex($@"Call {Regex.Escape(dialog.CallId)} to \{Number} answered as fax")));
        Assert.Equal(0, peer.CountReceived(m => m.CallId == dialog.CallId && m.StatusCode >= 300));
        Assert.Single(peer.Received.Where(m => m.StatusCode == 200 && m.CSeqMethod == "INVITE").Select(m => m.ToTag).Distinct());
    }

    [SkippableFact]
    public async Task Fifty_calls_in_a_row_leave_no_call_port_or_socket_behind()
    {
        Skip.IfNot(Directory.Exists("/proc/self/fd"), "needs /proc");
        await using ServeProcess serve = await StartServeAsync("serve-call-fifty", reinviteDelayMs: 10000);
        await using var peer = TestSipPeer.Start(Caller);
        using Socket audio = AudioSocket();

        // One call first, so that what serve opens once (database, pools) is in the baseline.
        await ExpectShortCallAsync(serve, peer, audio);
        int baseline = serve.OpenSockets();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var callIds = new List<string>();
        for (int i = 0; i < 50; i++)
        {
            TestDialog dialog = peer.SendInvite(Target(serve), TestSdp.AudioOffer(PortOf(audio)));
            callIds.Add(dialog.CallId);
            if (i % 5 == 4)
            {
                // A caller that gives up at once: CANCEL races serve's answer, and either may win.
                peer.SendCancel(dialog);
                TestSipMessage final = await peer.WaitResponseAsync(dialog.InitialInvite!, 200, Wait);
                Assert.True(final.StatusCode is 200 or 487, $"call {i}: {final.StartLine}");
                if (final.StatusCode == 200)
                {
                    peer.SendAck(dialog, final);
                    peer.SendBye(dialog);
                    Assert.Equal(200, (await peer.WaitResponseAsync(dialog, 200, Wait)).StatusCode);
                }

                continue;
            }

            TestSipMessage ok = await peer.WaitResponseAsync(dialog, 200, Wait);
            Assert.True(ok.StatusCode == 200, $"call {i}: {ok.StartLine}");
            peer.SendAck(dialog, ok);
            peer.SendBye(dialog);
            Assert.Equal(200, (await peer.WaitResponseAsync(dialog, 200, Wait)).StatusCode);
        }

        foreach (string callId in callIds)
        {
            await serve.WaitForFaxFinishedAsync(callId, Wait);
        }

        TimeSpan fifty = clock.Elapsed;
        Assert.Empty(serve.FaxList("--status", "active"));
        Assert.Equal(51, serve.FaxList("--limit", "1000").Count);

        // The last call's port is closed right after its line is logged: wait for the count to settle.
        var settle = System.Diagnostics.Stopwatch.StartNew();
        int now = serve.OpenSockets();
        while (Math.Abs(now - baseline) > 2 && settle.Elapsed < Wait)
        {
            await Task.Delay(100);
            now = serve.OpenSockets();
        }

        Assert.True(Math.Abs(now - baseline) <= 2, $"serve had {baseline} sockets open before the 50 calls and {now} after");
        await ExpectShortCallAsync(serve, peer, audio);
        Assert.True(fifty < TimeSpan.FromSeconds(60), $"50 calls took {fifty}");
    }

    /// <summary>
    /// SpanDSP sends its pages; serve hangs up right after Phase E; the fax is listed as received with SpanDSP's
    /// ident, and its stored document, decrypted with the server key once serve stopped, has the sent pages.
    /// </summary>
    private static async Task ExpectFaxAndByeAsync(ServeProcess serve, TestSipPeer peer, TestDialog dialog, RealTimeSpanDsp spandsp,
        SpanDspT38Terminal terminal, BilevelPage[] pages)
    {
        Task<DateTimeOffset> spandspDone = Task.Run(() =>
        {
            bool finished = spandsp.Wait(CallLimit);
            Assert.True(finished, $"SpanDSP did not finish: {terminal.CompletionText}");
            return DateTimeOffset.UtcNow;
        });
        TestSipMessage bye = await peer.WaitRequestAsync("BYE", CallLimit, dialog.CallId);
        peer.Respond(bye, 200, "OK");
        DateTimeOffset done = await spandspDone.WaitAsync(Wait);
        Assert.True(terminal.CompletionCode == 0, $"SpanDSP: {terminal.CompletionText}");
        Assert.True((bye.At - done).Duration() < TimeSpan.FromSeconds(5), $"BYE {(bye.At - done).TotalSeconds:0.0} s from the end of SpanDSP's call");

        (long faxId, string status, int received) = await serve.WaitForFaxFinishedAsync(dialog.CallId, Wait);
        Assert.Equal(("received", pages.Length), (status, received));
        await serve.WaitForLogAsync(new Regex($@"Call {Regex.Escape(dialog.CallId)} ended"), Wait);
        string[] row = Assert.Single(serve.FaxList());
        Assert.Equal([faxId.ToString(CultureInfo.InvariantCulture), "in", "received", Number, Caller, "SpanDSP", pages.Length.ToString(CultureInfo.InvariantCulture)], row[..7]);

        // Serve answered our BYE's 200 without asking again: one BYE, no retransmission.
        await serve.StopAsync();
        Assert.Equal(1, peer.CountReceived(m => m.Method == "BYE"));
        FaxDocument document = TiffReader.Read(await serve.ReadReceivedDocumentAsync(faxId));
        Assert.Equal(pages.Length, document.Pages.Count);
        for (int i = 0; i < pages.Length; i++)
        {
            PageAssert.SamePixels(pages[i], document.Pages[i], $"page {i + 1}");
        }
    }

    /// <summary>A call answered 200 (audio), ACKed and hung up at once by the caller; its fax row ends failed.</summary>
    private static async Task ExpectShortCallAsync(ServeProcess serve, TestSipPeer peer, Socket audio)
    {
        TestDialog dialog = peer.SendInvite(Target(serve), TestSdp.AudioOffer(PortOf(audio)));
        TestSipMessage ok = await peer.WaitResponseAsync(dialog, 200, Wait);
        Assert.True(ok.StatusCode == 200, ok.StartLine);
        peer.SendAck(dialog, ok);
        peer.SendBye(dialog);
        Assert.Equal(200, (await peer.WaitResponseAsync(dialog, 200, Wait)).StatusCode);
        (_, string status, _) = await serve.WaitForFaxFinishedAsync(dialog.CallId, Wait);
        Assert.Equal("failed", status);
    }
}
