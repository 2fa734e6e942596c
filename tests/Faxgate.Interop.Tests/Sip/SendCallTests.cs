using System.Globalization;
using System.Text.RegularExpressions;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Tiff;
using Faxgate.Interop.Tests.T38;
using Faxgate.TestSupport;
using Faxgate.TestSupport.SpanDsp;

namespace Faxgate.Interop.Tests.Sip;

/// <summary>
/// `faxgate fax send --to sip:...` end to end, as a process: it calls the test's SIP callee, whose media is a SpanDSP
/// T.38 receiver on the port its SDP gives, and sends three pages drawn by code; T.38 by the callee's re-INVITE, by
/// Faxgate's own, or in the INVITE; over TCP to a `faxgate serve`; and the calls that fail before or during the fax,
/// each with its typed RESULT line and exit status 1.
/// </summary>
public sealed partial class SendCallTests
{
    private const string Number = "+27115551234";
    private static readonly TimeSpan CallLimit = TimeSpan.FromMinutes(3);

    /// <summary>How long a call that fails before any fax may take, process start (the .NET runtime) included.</summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(30);

    private static BilevelPage[] Pages() =>
        [.. Enumerable.Range(0, 3).Select(i => TestPages.Document(1728, 500, 900 + i, PageResolution.Standard))];

    private static string WriteDocument(string dir, BilevelPage[] pages)
    {
        string path = Path.Combine(dir, "send.tif");
        TiffWriter.Write(path, pages, new TiffWriteOptions { Scheme = CodingScheme.Mh });
        return path;
    }

    private static string Target(TestSipPeer peer) => $"sip:{Number}@127.0.0.1:{peer.LocalPort.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The fax to SpanDSP: the callee answers by <paramref name="plan"/> on SpanDSP's port.</summary>
    private static async Task<(TestAnsweredCall Call, int ExitCode, string Output, string All)> SendToSpanDspAsync(
        Func<int, TestCalleePlan> plan, BilevelPage[] pages, string dir, RealTimeSpanDsp spandsp, params string[] options)
    {
        string document = WriteDocument(dir, pages);
        await using var callee = TestSipPeer.Start("callee");
        Task<TestAnsweredCall> answering = callee.AnswerCallAsync(plan(spandsp.LocalEndPoint.Port) with { OnT38 = spandsp.SetRemote });
        spandsp.Start();
        using FaxgateProcess sender = FaxgateProcess.Start(null, ["fax", "send", "--to", Target(callee), "--verbose", .. options, document]);
        (int exitCode, string output, string all) = await sender.FinishAsync(CallLimit);
        TestAnsweredCall call = await answering.WaitAsync(TimeSpan.FromSeconds(30));
        return (call, exitCode, output, all);
    }

    private static void AssertPagesArrived(BilevelPage[] pages, RealTimeSpanDsp spandsp, SpanDspT38Terminal terminal)
    {
        Assert.True(spandsp.Wait(TimeSpan.FromSeconds(30)), $"SpanDSP did not finish: {terminal.CompletionText}");
        Assert.True(terminal.CompletionCode == 0, $"SpanDSP: {terminal.CompletionText}");
        IReadOnlyList<BilevelPage> got = spandsp.ReceivedPages();
        Assert.Equal(pages.Length, got.Count);
        for (int i = 0; i < pages.Length; i++)
        {
            PageAssert.SamePixels(pages[i], got[i], $"page {i + 1}");
        }
    }

    public enum T38Start
    {
        CalleeReinvites,
        FaxgateReinvites,
        InTheInvite,
    }

    [SkippableTheory]
    [InlineData(T38Start.CalleeReinvites)]
    [InlineData(T38Start.FaxgateReinvites)]
    [InlineData(T38Start.InTheInvite)]
    public async Task Three_pages_reach_a_SpanDsp_callee_and_Faxgate_hangs_up_after_phase_E(T38Start start)
    {
        SpanDspT38Terminal.Require();
        string dir = Repository.NewScratchDirectory("sip-send");
        BilevelPage[] pages = Pages();
        using var terminal = new SpanDspT38Terminal(calling: false);
        terminal.SetRxFile(Path.Combine(dir, "spandsp-rx.tif"));
        using var spandsp = new RealTimeSpanDsp(terminal, remote: null, CallLimit);

        (TestAnsweredCall call, int exitCode, string output, string all) = await SendToSpanDspAsync(port => new TestCalleePlan
        {
            MediaPort = port,
            SendT38Reinvite = start == T38Start.CalleeReinvites,
            AnswerT38Directly = start == T38Start.InTheInvite,
        }, pages, dir, spandsp, start == T38Start.InTheInvite ? ["--t38-first"] : []);

        Assert.True(exitCode == 0, all);
        Assert.Matches("^RESULT status=OK pages=3 rate=14400 ecm=1 resolution=standard remote_ident=\"SpanDSP\" compression=\\w+$", output);
        AssertPagesArrived(pages, spandsp, terminal);
        Assert.True(call.Bye is not null, "Faxgate did not hang up with BYE");
        Assert.Null(call.Cancel);
        Assert.NotNull(call.RemoteT38);
        switch (start)
        {
            case T38Start.CalleeReinvites:
                Assert.False(call.Invite.Sdp!.IsT38);
                Assert.Equal(200, call.ReinviteAnswer?.StatusCode);
                Assert.True(call.ReinviteAnswer!.Sdp!.IsT38);
                Assert.Empty(call.Reinvites);
                break;
            case T38Start.FaxgateReinvites:
                Assert.False(call.Invite.Sdp!.IsT38);
                Assert.Null(call.ReinviteAnswer);
                Assert.True(Assert.Single(call.Reinvites.DistinctBy(r => r.CSeq)).Sdp!.IsT38);
                break;
            default:
                Assert.True(call.Invite.Sdp!.IsT38);
                Assert.Null(call.ReinviteAnswer);
                Assert.Empty(call.Reinvites);
                break;
        }
    }

    [Theory]
    [InlineData(486, 60, "busy")]
    [InlineData(404, 63, "notfound")]
    public async Task A_refused_call_ends_at_once_with_its_code_and_SIP_status(int status, int code, string outcome)
    {
        string document = WriteDocument(Repository.NewScratchDirectory("sip-send"), Pages());
        await using var callee = TestSipPeer.Start("callee");
        Task<TestAnsweredCall> answering = callee.AnswerCallAsync(new TestCalleePlan { MediaPort = 9, FinalStatus = status });

        using FaxgateProcess sender = FaxgateProcess.Start(null, "fax", "send", "--to", Target(callee), document);
        (int exitCode, string output, string all) = await sender.FinishAsync(CallLimit);
        TestAnsweredCall call = await answering.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(exitCode == 1, all);
        Assert.Matches($"^RESULT status=FAILED reason=\"[^\"]+\" code={code} pages=0 remote_ident=\"\" call={outcome} sip_status={status}$", output);
        Assert.True(sender.Elapsed < Prompt, $"took {sender.Elapsed}");
        Assert.NotNull(call.Ack);
        Assert.NotEmpty(call.FinalResponses); // more than one when Faxgate retransmitted its INVITE
        Assert.All(call.FinalResponses, r => Assert.Equal(status, r.StatusCode));
    }

    [Fact]
    public async Task A_callee_that_rings_on_is_cancelled_after_the_ring_timeout()
    {
        string document = WriteDocument(Repository.NewScratchDirectory("sip-send"), Pages());
        await using var callee = TestSipPeer.Start("callee");
        Task<TestAnsweredCall> answering = callee.AnswerCallAsync(new TestCalleePlan { MediaPort = 9, RingTime = TimeSpan.FromMinutes(2) });

        using FaxgateProcess sender = FaxgateProcess.Start(null, "fax", "send", "--to", Target(callee), "--ring-timeout", "3", document);
        (int exitCode, string output, string all) = await sender.FinishAsync(CallLimit);
        TestAnsweredCall call = await answering.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(exitCode == 1, all);
        Assert.Matches("^RESULT status=FAILED reason=\"[^\"]+\" code=61 pages=0 remote_ident=\"\" call=noanswer sip_status=(0|487)$", output);
        Assert.True(call.Cancel is not null, "no CANCEL reached the callee");
        Assert.True(call.Cancel.At - call.Invite.At >= TimeSpan.FromSeconds(2.5), $"CANCEL after {call.Cancel.At - call.Invite.At}");
        Assert.True(sender.Elapsed < Prompt, $"took {sender.Elapsed}");
        Assert.NotEmpty(call.FinalResponses);
        Assert.All(call.FinalResponses, r => Assert.Equal(487, r.StatusCode));
    }

    [Fact]
    public async Task A_callee_that_refuses_T38_with_488_is_hung_up_with_code_65()
    {
        string document = WriteDocument(Repository.NewScratchDirectory("sip-send"), Pages());
        await using var callee = TestSipPeer.Start("callee");
        Task<TestAnsweredCall> answering = callee.AnswerCallAsync(new TestCalleePlan { MediaPort = 9, ReinviteStatus = 488 });

        using FaxgateProcess sender = FaxgateProcess.Start(null, "fax", "send", "--to", Target(callee), document);
        (int exitCode, string output, string all) = await sender.FinishAsync(CallLimit);
        TestAnsweredCall call = await answering.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(exitCode == 1, all);
        Assert.Matches("^RESULT status=FAILED reason=\"[^\"]+\" code=65 pages=0 remote_ident=\"\" call=t38refused sip_status=488$", output);
        Assert.True(Assert.Single(call.Reinvites.DistinctBy(r => r.CSeq)).Sdp!.IsT38);
        Assert.True(call.Bye is not null, "Faxgate did not hang up with BYE after the 488");
        Assert.True(sender.Elapsed < Prompt, $"took {sender.Elapsed}");
    }

    [SkippableFact]
    public async Task A_callee_that_hangs_up_during_page_2_leaves_a_failed_result_with_fewer_pages()
    {
        SpanDspT38Terminal.Require();
        string dir = Repository.NewScratchDirectory("sip-send");
        BilevelPage[] pages = Pages();
        using var terminal = new SpanDspT38Terminal(calling: false);
        terminal.SetRxFile(Path.Combine(dir, "spandsp-rx.tif"));
        using var spandsp = new RealTimeSpanDsp(terminal, remote: null, CallLimit);
        string document = WriteDocument(dir, pages);
        await using var callee = TestSipPeer.Start("callee");
        var pageOneConfirmed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<TestAnsweredCall> answering = callee.AnswerCallAsync(new TestCalleePlan
        {
            MediaPort = spandsp.LocalEndPoint.Port,
            SendT38Reinvite = true,
            OnT38 = spandsp.SetRemote,
            HangUpWhen = pageOneConfirmed.Task,
        });
        spandsp.Start();

        using FaxgateProcess sender = FaxgateProcess.Start(null, "fax", "send", "--to", Target(callee), "--verbose", document);
        Task<string> confirmed = sender.WaitForLineAsync(l => l.Contains("page 1 confirmed", StringComparison.Ordinal), CallLimit);
        _ = confirmed.ContinueWith(t => pageOneConfirmed.TrySetResult(), TaskScheduler.Default);
        (int exitCode, string output, string all) = await sender.FinishAsync(CallLimit);
        TestAnsweredCall call = await answering.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(confirmed.IsCompletedSuccessfully, all);
        Assert.True(call.SentBye is not null, "the callee did not hang up");
        Assert.Equal(200, call.SentByeAnswer?.StatusCode);
        Assert.True(exitCode == 1, all);
        Match result = Regex.Match(output, "^RESULT status=FAILED reason=\"[^\"]+\" code=\\d+ pages=(\\d) ");
        Assert.True(result.Success, output);
        Assert.InRange(int.Parse(result.Groups[1].Value, CultureInfo.InvariantCulture), 1, 2);
        Assert.True(sender.Elapsed < CallLimit, $"took {sender.Elapsed}");
    }

    [Fact]
    public async Task Faxgate_sends_over_TCP_to_faxgate_serve_which_stores_and_lists_the_fax()
    {
        string document = WriteDocument(Repository.NewScratchDirectory("sip-send-tcp"), Pages());
        await using ServeProcess serve = await ServeProcess.StartAsync("sip-send-tcp", new Dictionary<string, string>
        {
            ["Sip:Listen:0"] = "tcp:127.0.0.1:0",
            ["Sip:T38ReinviteDelayMilliseconds"] = "500",
        }, [Number]);
        await SendToServeAsync(serve, [$"sip:{Number}@127.0.0.1:{serve.SipPort.ToString(CultureInfo.InvariantCulture)};transport=tcp", document]);
    }

    /// <summary>
    /// `fax send --to ARGUMENTS` to a running serve: RESULT OK with 3 pages, serve logs and lists the received fax, and
    /// stops with exit 0 on SIGTERM.
    /// </summary>
    private static async Task SendToServeAsync(ServeProcess serve, string[] arguments)
    {
        using FaxgateProcess sender = FaxgateProcess.Start(null, ["fax", "send", "--to", .. arguments]);
        (int exitCode, string output, string all) = await sender.FinishAsync(CallLimit);
        Assert.True(exitCode == 0, all + "\nserve:\n" + string.Join('\n', serve.Log));
        Assert.StartsWith("RESULT status=OK pages=3 rate=14400 ", output, StringComparison.Ordinal);

        await serve.WaitForLogAsync(ReceivedThreePages(), TimeSpan.FromMinutes(1));
        AssertListed(serve.DataDirectory, Number, 3);
        await serve.StopAsync();
    }

    [Fact]
    public async Task Faxgate_sends_over_TLS_only_to_a_certificate_it_trusts()
    {
        string dir = Repository.NewScratchDirectory("sip-send-tls");
        string document = WriteDocument(dir, Pages());

        // A self-signed certificate for 127.0.0.1, as a trunk of one's own might have: PKCS#12 for serve, PEM to trust.
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=127.0.0.1", key, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        var names = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using System.Security.Cryptography.X509Certificates.X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        string pfx = Path.Combine(dir, "sip.p12");
        string pem = Path.Combine(dir, "sip.pem");
        await File.WriteAllBytesAsync(pfx, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "tls-pw"));
        await File.WriteAllTextAsync(pem, certificate.ExportCertificatePem());

        await using ServeProcess serve = await ServeProcess.StartAsync("sip-send-tls", new Dictionary<string, string>
        {
            ["Sip:Listen:0"] = "tls:127.0.0.1:0",
            ["Sip:T38ReinviteDelayMilliseconds"] = "500",
            ["Sip:TlsCertificate"] = pfx,
            ["Sip:TlsCertificatePassword"] = "tls-pw",
        }, [Number]);
        string target = $"sip:{Number}@127.0.0.1:{serve.SipPort.ToString(CultureInfo.InvariantCulture)};transport=tls";
        using (FaxgateProcess untrusting = FaxgateProcess.Start(null, "fax", "send", "--to", target, document))
        {
            (int refusedExit, string refused, string refusedAll) = await untrusting.FinishAsync(Prompt);
            Assert.True(refusedExit == 1, refusedAll);
            Assert.Contains("code=68 pages=0", refused, StringComparison.Ordinal);
        }

        await SendToServeAsync(serve, [target, "--tls-trust", pem, document]);
    }

    /// <summary>`faxgate fax list` shows one received fax to <paramref name="number"/> with <paramref name="pages"/> pages.</summary>
    internal static void AssertListed(string data, string number, int pages)
    {
        ExternalTool.Result list = ExternalTool.Faxgate("fax", "list", "--direction", "in", "--data", data);
        Assert.True(list.ExitCode == 0, list.Describe("fax list"));
        string[] rows = list.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string row = Assert.Single(rows.Skip(1));
        string[] columns = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(columns is [_, "in", "received", var n, ..] && n == number, list.StandardOutput);
        Assert.Contains($" {pages.ToString(CultureInfo.InvariantCulture)} ", row, StringComparison.Ordinal);
    }

    [GeneratedRegex(" received, 3 pages")]
    private static partial Regex ReceivedThreePages();
}
