using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Pdf;
using Faxgate.Imaging.Tiff;
using Faxgate.Interop.Tests.T38;
using Faxgate.TestSupport;
using Faxgate.TestSupport.SpanDsp;

namespace Faxgate.Interop.Tests.Cli;

/// <summary>
/// `faxgate fax send|receive --t38`, the virtual fax machine, as a process on the wall clock: against itself and
/// against SpanDSP on loopback, with its RESULT line and exit status.
/// </summary>
public sealed class FaxCommandTests
{
    private static readonly TimeSpan CallLimit = TimeSpan.FromMinutes(3);

    private static BilevelPage[] Pages(int count) =>
        [.. Enumerable.Range(0, count).Select(i => TestPages.Document(1728, 500, 300 + i, PageResolution.Standard))];

    private static string WriteTiff(string dir, BilevelPage[] pages)
    {
        string path = Path.Combine(dir, "send.tif");
        TiffWriter.Write(path, pages, new TiffWriteOptions { Scheme = CodingScheme.Mh });
        return path;
    }

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo(Repository.FaxgateScript)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    /// <summary>Starts `fax receive` and waits until it listens, so a caller's first packets are not lost.</summary>
    private static Process StartReceiver(params string[] arguments)
    {
        Process process = Start([.. arguments, "--verbose"]);
        var clock = Stopwatch.StartNew();
        while (process.StandardError.ReadLine() is { } line)
        {
            if (line.Contains("waiting for the caller", StringComparison.Ordinal))
            {
                return process;
            }

            Assert.True(clock.Elapsed < CallLimit, "the receiver did not start listening");
        }

        throw new InvalidOperationException("the receiver ended before it listened");
    }

    private static (int ExitCode, string Output, string Error) Finish(Process process)
    {
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CallLimit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("faxgate fax did not finish");
        }

        process.WaitForExit();
        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    [Theory]
    [InlineData("tif", "on")]
    [InlineData("pdf", "off")]
    public void Faxgate_sends_to_faxgate_and_the_received_file_has_the_sent_pixels(string format, string ecm)
    {
        string dir = Repository.NewScratchDirectory("fax-cli");
        BilevelPage[] pages = Pages(2);

        // The document to send is a TIFF for one call and a PDF (as Faxgate writes received faxes) for the other.
        string document = WriteTiff(dir, pages);
        if (format == "pdf")
        {
            document = Path.Combine(dir, "send.pdf");
            PdfWriter.Write(document, pages, new PdfDocumentInfo { Title = "to send" });
        }

        string received = Path.Combine(dir, $"received.{format}");
        int port = FreePort();

        using Process receiver = StartReceiver("fax", "receive", "--t38", "--local-port", port.ToString(CultureInfo.InvariantCulture), "--ident", "+27 11 555 0002", "--out", received);
        using Process sender = Start("fax", "send", "--t38", "--remote", $"127.0.0.1:{port}", "--ecm", ecm, "--ident", "+27 11 555 0001", document);
        var sent = Finish(sender);
        var got = Finish(receiver);

        Assert.True(sent.ExitCode == 0, $"send: {sent.Output} {sent.Error}");
        Assert.True(got.ExitCode == 0, $"receive: {got.Output} {got.Error}");
        Assert.Matches($"^RESULT status=OK pages=2 rate=14400 ecm={(ecm == "on" ? 1 : 0)} resolution=standard remote_ident=\"\\+27 11 555 0002\" compression=\\w+\\s*$", sent.Output);
        Assert.Matches("^RESULT status=OK pages=2 .*remote_ident=\"\\+27 11 555 0001\" compression=\\w+\\s*$", got.Output);
        FaxDocument document2 = format == "pdf" ? PdfReader.Read(received) : TiffReader.Read(received);
        Assert.Equal(2, document2.Pages.Count);
        for (int i = 0; i < 2; i++)
        {
            Assert.True(pages[i].SamePixels(document2.Pages[i]), $"page {i + 1} differs");
        }
    }

    [SkippableFact]
    public void Faxgate_sends_to_SpanDsp_in_real_time()
    {
        SpanDspT38Terminal.Require();
        string dir = Repository.NewScratchDirectory("fax-cli-spandsp");
        BilevelPage[] pages = Pages(1);
        string document = WriteTiff(dir, pages);
        string rx = Path.Combine(dir, "spandsp-rx.tif");
        using var terminal = new SpanDspT38Terminal(calling: false);
        terminal.SetRxFile(rx);
        using var spandsp = new RealTimeSpanDsp(terminal, remote: null, CallLimit);
        spandsp.Start();

        using Process sender = Start("fax", "send", "--t38", "--remote", $"127.0.0.1:{spandsp.LocalEndPoint.Port}", document);
        var sent = Finish(sender);
        Assert.True(spandsp.Wait(TimeSpan.FromSeconds(30)), $"SpanDSP did not finish: {terminal.CompletionText}");

        Assert.True(sent.ExitCode == 0, $"send: {sent.Output} {sent.Error}");
        Assert.StartsWith("RESULT status=OK pages=1 rate=14400 ecm=1 ", sent.Output, StringComparison.Ordinal);
        Assert.Contains("remote_ident=\"SpanDSP\"", sent.Output, StringComparison.Ordinal);
        Assert.Equal(0, terminal.CompletionCode);
        Assert.True(pages[0].SamePixels(TiffReader.Read(rx).Pages[0]));
    }

    [SkippableFact]
    public void SpanDsp_sends_to_faxgate_in_real_time()
    {
        SpanDspT38Terminal.Require();
        string dir = Repository.NewScratchDirectory("fax-cli-spandsp");
        BilevelPage[] pages = Pages(1);
        string document = WriteTiff(dir, pages);
        string received = Path.Combine(dir, "received.pdf");
        int port = FreePort();

        using Process receiver = StartReceiver("fax", "receive", "--t38", "--local-port", port.ToString(CultureInfo.InvariantCulture), "--out", received);
        using var terminal = new SpanDspT38Terminal(calling: true, new SpanDspT38Options { Ecm = false });
        terminal.SetTxFile(document);
        using var spandsp = new RealTimeSpanDsp(terminal, new IPEndPoint(IPAddress.Loopback, port), CallLimit);
        spandsp.Start();
        var got = Finish(receiver);
        spandsp.Wait(TimeSpan.FromSeconds(30));

        Assert.True(got.ExitCode == 0, $"receive: {got.Output} {got.Error}; SpanDSP: {terminal.CompletionText}");
        Assert.StartsWith("RESULT status=OK pages=1 rate=14400 ecm=0 resolution=standard ", got.Output, StringComparison.Ordinal);
        Assert.True(pages[0].SamePixels(PdfReader.Read(received).Pages[0]));
    }

    [Fact]
    public void A_call_nobody_answers_ends_with_a_failed_result_and_exit_1()
    {
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        string dir = Repository.NewScratchDirectory("fax-cli");
        string document = WriteTiff(dir, Pages(1));

        var result = ExternalTool.Faxgate("fax", "send", "--t38", "--remote", $"127.0.0.1:{((IPEndPoint)silent.LocalEndPoint!).Port}", "--timeout", "4", document);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("RESULT status=FAILED reason=\"hung up locally", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("pages=0", result.StandardOutput, StringComparison.Ordinal);
        Assert.True(silent.Available > 0, "nothing reached the far end");
    }

    [Fact]
    public void Sigterm_hangs_up_with_DCN_and_reports_a_local_hangup()
    {
        using var peer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        peer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        string dir = Repository.NewScratchDirectory("fax-cli");
        using Process receiver = Start("fax", "receive", "--t38", "--remote", $"127.0.0.1:{((IPEndPoint)peer.LocalEndPoint!).Port}", "--out", Path.Combine(dir, "x.tif"));
        WaitUntil(() => peer.Available > 0, TimeSpan.FromMinutes(2));
        Assert.Equal(0, ExternalTool.Run("kill", "-TERM", receiver.Id.ToString(CultureInfo.InvariantCulture)).ExitCode);
        var result = Finish(receiver);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("RESULT status=FAILED reason=\"hung up locally\" code=50 pages=0", result.Output, StringComparison.Ordinal);

        // The last V.21 frame that reached the peer is DCN: octets FF 13 FA travel bit-reversed as FF C8 5F.
        var buffer = new byte[2048];
        var datagrams = new List<byte[]>();
        while (peer.Available > 0)
        {
            int length = peer.Receive(buffer);
            datagrams.Add(buffer[..length]);
        }

        Assert.Contains(datagrams, d => d.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xC8, 0x5F]) >= 0 || d.AsSpan().IndexOf((ReadOnlySpan<byte>)[0x5F]) >= 0);
    }

    [Theory]
    [InlineData("fax", "send", "--t38", "--remote", "127.0.0.1:9", "/nonexistent/document.tif")]
    [InlineData("fax", "send", "--t38", "--remote", "127.0.0.1:9", "README.md")]
    public void A_document_that_cannot_be_read_fails_with_one_line_before_any_call(params string[] arguments)
    {
        var result = ExternalTool.Faxgate(arguments);
        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.StandardOutput);
        Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("faxgate: ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("fax", "receive", "--t38", "--local-port", "0", "--out", "x.txt")]
    [InlineData("fax", "send", "--t38", "--remote", "nohost", "x.tif")]
    [InlineData("fax", "send", "--t38", "--remote", "127.0.0.1:9", "--ident", "an identifier far too long for T.30", "x.tif")]
    [InlineData("fax", "send", "--remote", "127.0.0.1:9", "x.tif")]
    [InlineData("fax", "send", "--t38", "--remote", "127.0.0.1:9", "--max-rate", "9601", "x.tif")]
    public void Wrong_usage_exits_2(params string[] arguments)
    {
        var result = ExternalTool.Faxgate(arguments);
        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.StandardOutput);
    }

    /// <summary>
    /// A waiting receiver sleeps until a datagram or its next deadline: CPU over 15 s of a call in phase B (DIS
    /// repeated to a far end that never answers) stays under 0.5 % of a core. Tiered compilation is off so that the
    /// runtime's one-time JIT warm-up of a fresh process is not counted as the channel's cost.
    /// </summary>
    [SkippableFact]
    public void A_channel_waiting_for_packets_costs_well_under_half_a_percent_of_a_core()
    {
        Skip.IfNot(File.Exists("/proc/self/stat"), "needs /proc");
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        string dir = Repository.NewScratchDirectory("fax-cli");
        var start = new ProcessStartInfo(Repository.FaxgateScript)
        {
            ArgumentList = { "fax", "receive", "--t38", "--local-port", "0", "--remote", $"127.0.0.1:{((IPEndPoint)silent.LocalEndPoint!).Port}", "--out", Path.Combine(dir, "never.tif"), "--timeout", "30" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        start.Environment["DOTNET_TieredCompilation"] = "0";
        using Process process = Process.Start(start)!;
        try
        {
            process.StandardOutput.ReadToEndAsync();
            process.StandardError.ReadToEndAsync();
            WaitUntil(() => silent.Available > 0, TimeSpan.FromMinutes(2));
            Thread.Sleep(TimeSpan.FromSeconds(2));
            double before = CpuSeconds(process.Id);
            Thread.Sleep(TimeSpan.FromSeconds(15));
            double used = CpuSeconds(process.Id) - before;
            Assert.True(used < 0.075, $"{used * 1000:0} ms of CPU in 15 s");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static double CpuSeconds(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / 100.0;
    }

    private static void WaitUntil(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < limit, "timed out waiting");
            Thread.Sleep(50);
        }
    }
}
