using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Tiff;
using Faxgate.TestSupport.SpanDsp;

namespace Faxgate.Bench;

/// <summary>
/// The reference side of the T.38 benchmark: SpanDSP 0.0.6 sends the document to SpanDSP, two
/// T.38 terminals in this process with IFP handed over directly, ECM with T.6 (MMR). Paced (SpanDSP's default
/// for UDP), image data goes out at the modem's speed in 20 ms steps of simulated time; unpaced
/// (T38_TERMINAL_OPTION_NO_PACING, its mode for TCP), it sends without waiting for the modem's time.
/// </summary>
public sealed class SpanDspTransferBench(bool paced = true) : IT38TransferBench
{
    private IReadOnlyList<BilevelPage> _pages = [];
    private string _txPath = string.Empty;
    private string _rxPath = string.Empty;

    public string Name => paced ? "SpanDSP to SpanDSP" : "SpanDSP to SpanDSP, unpaced";

    public void Prepare(IReadOnlyList<BilevelPage> pages, string scratch)
    {
        _pages = pages;
        _txPath = Path.Combine(scratch, $"t38-spandsp{(paced ? "" : "-unpaced")}-tx.tif");
        _rxPath = Path.Combine(scratch, $"t38-spandsp{(paced ? "" : "-unpaced")}-rx.tif");
        TiffWriter.Write(_txPath, pages, new TiffWriteOptions { Scheme = Imaging.Coding.CodingScheme.Mmr });
    }

    public T38TransferOutcome RunOnce()
    {
        File.Delete(_rxPath);
        var options = new SpanDspT38Options { Ecm = true, LogLevel = SpanDspLogLevel.None, Config = paced ? null : SpanDspTerminalConfig.NoPacing };
        using var caller = new SpanDspT38Terminal(calling: true, options with { LocalIdent = "+27 11 555 0001" });
        using var answerer = new SpanDspT38Terminal(calling: false, options with { LocalIdent = "+27 11 555 0002" });
        caller.SetTxFile(_txPath);
        answerer.SetRxFile(_rxPath);
        var link = new SpanDspBackToBack(caller, answerer);
        bool finished = link.Run(limitSamples: 8000L * 60 * 60);
        SpanDspStatistics sent = caller.Statistics;
        string? failure = !finished ? "the call did not end within an hour of simulated time"
            : caller.CompletionCode != 0 ? $"caller: {caller.CompletionText}"
            : answerer.CompletionCode != 0 ? $"answerer: {answerer.CompletionText}"
            : null;
        string coding = sent.Encoding switch { 1 => "MH", 2 => "MR", 3 => "MMR", _ => $"coding {sent.Encoding}" };
        return new T38TransferOutcome(
            answerer.Statistics.PagesReceived,
            TimeSpan.FromSeconds(link.Samples / 8000.0),
            link.Packets,
            $"{sent.BitRate} bit/s, {(sent.ErrorCorrectingMode ? "ECM" : "no ECM")}, {coding}",
            failure);
    }

    public IReadOnlyList<string> Verify()
    {
        var problems = new List<string>();
        FaxDocument received = TiffReader.Read(_rxPath);
        if (received.Pages.Count != _pages.Count)
        {
            problems.Add($"{Name}: {received.Pages.Count} pages stored, {_pages.Count} sent");
        }

        for (int i = 0; i < Math.Min(received.Pages.Count, _pages.Count); i++)
        {
            if (!received.Pages[i].SamePixels(_pages[i]))
            {
                problems.Add($"{Name}: page {i + 1} stored differs from the page sent");
            }
        }

        return problems;
    }

    public void Dispose()
    {
        if (_rxPath.Length > 0)
        {
            File.Delete(_rxPath);
            File.Delete(_txPath);
        }
    }
}
