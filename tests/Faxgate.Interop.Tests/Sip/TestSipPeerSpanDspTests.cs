using System.Net;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Tiff;
using Faxgate.Interop.Tests.T38;
using Faxgate.TestSupport;
using Faxgate.TestSupport.SpanDsp;

namespace Faxgate.Interop.Tests.Sip;

/// <summary>
/// The shape of the SIP end-to-end tests, rehearsed without Faxgate: two test peers agree T.38 by SDP, and two
/// SpanDSP terminals on the negotiated UDPTL ports send a fax in real time; the received pages equal the sent ones.
/// </summary>
public sealed class TestSipPeerSpanDspTests
{
    private static readonly TimeSpan CallLimit = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SpanDsp_terminals_fax_over_the_ports_SIP_negotiated(bool t38InInvite)
    {
        SpanDspT38Terminal.Require();
        string dir = Repository.NewScratchDirectory("sip-spandsp");
        BilevelPage[] pages = [.. Enumerable.Range(0, 2).Select(i => TestPages.Document(1728, 400, 700 + i, PageResolution.Standard))];
        string document = Path.Combine(dir, "send.tif");
        TiffWriter.Write(document, pages, new TiffWriteOptions { Scheme = CodingScheme.Mh });

        using var sending = new SpanDspT38Terminal(calling: true);
        sending.SetTxFile(document);
        using var receiving = new SpanDspT38Terminal(calling: false);
        receiving.SetRxFile(Path.Combine(dir, "received.tif"));
        using var sender = new RealTimeSpanDsp(sending, remote: null, CallLimit);
        using var receiver = new RealTimeSpanDsp(receiving, remote: null, CallLimit);
        await using var caller = TestSipPeer.Start();
        await using var callee = TestSipPeer.Start();
        Task<TestAnsweredCall> answering = callee.AnswerCallAsync(new TestCalleePlan
        {
            MediaPort = receiver.LocalEndPoint.Port,
            AnswerT38Directly = true,
            OnT38 = receiver.SetRemote,
        });

        int port = sender.LocalEndPoint.Port;
        TestDialog dialog = caller.SendInvite($"sip:+27115551234@127.0.0.1:{callee.LocalPort}", t38InInvite ? TestSdp.T38Offer(port) : TestSdp.AudioOffer(port));
        TestSipMessage answer = await caller.WaitResponseAsync(dialog, 200, Wait);
        caller.SendAck(dialog, answer);
        if (!t38InInvite)
        {
            caller.SendReinvite(dialog, TestSdp.T38Offer(port, sessionVersion: 2));
            answer = await caller.WaitResponseAsync(dialog, 200, Wait);
            caller.SendAck(dialog, answer);
        }

        sender.SetRemote(answer.Sdp!.T38EndPoint);
        Assert.Equal(sender.LocalEndPoint, receiver.RemoteEndPoint);
        Assert.Equal(receiver.LocalEndPoint, sender.RemoteEndPoint);
        receiver.Start();
        sender.Start();
        bool sent = sender.Wait(CallLimit);
        bool received = receiver.Wait(TimeSpan.FromSeconds(30));
        caller.SendBye(dialog);
        await caller.WaitResponseAsync(dialog, 200, Wait);
        TestAnsweredCall call = await answering.WaitAsync(Wait);

        Assert.True(sent && received, $"SpanDSP did not finish: sender {sending.CompletionText}, receiver {receiving.CompletionText}");
        Assert.Equal(0, sending.CompletionCode);
        Assert.Equal(0, receiving.CompletionCode);
        Assert.Equal(t38InInvite ? 0 : 1, call.Reinvites.Count);
        IReadOnlyList<BilevelPage> got = receiver.ReceivedPages();
        Assert.Equal(pages.Length, got.Count);
        for (int i = 0; i < pages.Length; i++)
        {
            PageAssert.SamePixels(pages[i], got[i], $"page {i + 1}");
        }
    }

    [SkippableFact]
    public void ReceivedPages_refuses_before_the_call_ended_or_without_a_receive_file()
    {
        SpanDspT38Terminal.Require();
        using var terminal = new SpanDspT38Terminal(calling: false);
        using var spandsp = new RealTimeSpanDsp(terminal, remote: null, CallLimit);

        Assert.Throws<InvalidOperationException>(() => spandsp.ReceivedPages());
        terminal.SetRxFile(Path.Combine(Repository.NewScratchDirectory("sip-spandsp"), "rx.tif"));
        Assert.Throws<InvalidOperationException>(() => spandsp.ReceivedPages());
        Assert.Null(spandsp.RemoteEndPoint);
        spandsp.SetRemote(new IPEndPoint(IPAddress.Loopback, 40200));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 40200), spandsp.RemoteEndPoint);
    }
}
