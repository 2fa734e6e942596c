using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Tiff;
using Faxgate.TestSupport;
using Faxgate.TestSupport.SpanDsp;
using Xunit.Abstractions;

namespace Faxgate.Interop.Tests.SpanDsp;

/// <summary>
/// Two SpanDSP 0.0.6 T.38 terminals back to back, IFP handed over directly: proves the bindings
/// that make SpanDSP the far end of Faxgate's interop tests.
/// </summary>
public sealed class SpanDspBackToBackTests(ITestOutputHelper output)
{
    public static TheoryData<int, bool, T38RateManagement> Calls()
    {
        var data = new TheoryData<int, bool, T38RateManagement>();
        foreach (int pages in new[] { 1, 3 })
        {
            foreach (bool ecm in new[] { true, false })
            {
                foreach (T38RateManagement rate in Enum.GetValues<T38RateManagement>())
                {
                    data.Add(pages, ecm, rate);
                }
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Calls))]
    public void SpanDsp_sends_a_Faxgate_tiff_to_SpanDsp_and_both_report_success(int pageCount, bool ecm, T38RateManagement rate)
    {
        SpanDspT38Terminal.Require();
        string dir = Repository.NewScratchDirectory("spandsp-b2b");
        BilevelPage[] pages = Enumerable.Range(0, pageCount)
            .Select(i => TestPages.Document(1728, 2200, 100 + i, PageResolution.Fine))
            .ToArray();
        string txPath = Path.Combine(dir, "tx.tif");
        string rxPath = Path.Combine(dir, "rx.tif");
        TiffWriter.Write(txPath, pages, new TiffWriteOptions { Scheme = CodingScheme.Mmr });

        var options = new SpanDspT38Options { Ecm = ecm, RateManagement = rate };
        using var caller = new SpanDspT38Terminal(calling: true, options with { LocalIdent = "+27 11 555 0001" });
        using var answerer = new SpanDspT38Terminal(calling: false, options with { LocalIdent = "+27 11 555 0002" });
        caller.SetTxFile(txPath);
        answerer.SetRxFile(rxPath);
        var link = new SpanDspBackToBack(caller, answerer);
        bool finished = link.Run(limitSamples: 8000L * 60 * 10);
        output.WriteLine($"{link.Samples / 8000.0:0.0} s of call, {link.Packets} IFP packets; caller: {caller.CompletionText}; answerer: {answerer.CompletionText}");
        output.WriteLine($"caller {caller.Statistics}");
        output.WriteLine($"answerer {answerer.Statistics}");

        Assert.True(finished, Tail(caller, answerer));
        Assert.True(caller.CompletionCode == 0, $"caller: {caller.CompletionText}\n{Tail(caller, answerer)}");
        Assert.True(answerer.CompletionCode == 0, $"answerer: {answerer.CompletionText}\n{Tail(caller, answerer)}");
        Assert.Equal(pageCount, caller.Statistics.PagesTransmitted);
        Assert.Equal(pageCount, answerer.Statistics.PagesReceived);
        Assert.Equal(ecm, caller.Statistics.ErrorCorrectingMode);
        Assert.Equal("+27 11 555 0002", caller.RemoteIdent);
        Assert.Equal("+27 11 555 0001", answerer.RemoteIdent);

        FaxDocument received = TiffReader.Read(rxPath);
        Assert.Equal(pageCount, received.Pages.Count);
        for (int i = 0; i < pageCount; i++)
        {
            Assert.True(pages[i].SamePixels(received.Pages[i]), $"page {i + 1} differs");
        }
    }

    /// <summary>
    /// Sizes and resolutions, with the resolution SpanDSP's receiver writes: 0.0.6 sends a 400 dpi
    /// page as 16 pels/mm by 15.4 lines/mm (the same DCS bits) and stores it as 408 x 391.
    /// </summary>
    public static TheoryData<string, int, int, double, double, string> Sizes() => new()
    {
        { "A4 standard", 1728, 1100, 204, 98, "204x98" },
        { "B4 fine", 2048, 1400, 204, 196, "204x196" },
        { "A3 fine", 2432, 1600, 204, 196, "204x196" },
        { "A4 superfine", 1728, 2400, 204, 391, "204x391" },
        { "A4 16 pels/mm superfine", 3456, 2400, 408, 391, "408x391" },
        { "A4 300 dpi", 2592, 1800, 300, 300, "300x300" },
        { "A4 400 dpi", 3456, 2400, 400, 400, "408x391" },
    };

    [SkippableTheory]
    [MemberData(nameof(Sizes))]
    public void SpanDsp_passes_every_page_size_and_resolution_when_both_ends_offer_them(string name, int width, int height, double x, double y, string stored)
    {
        SpanDspT38Terminal.Require();
        string dir = Repository.NewScratchDirectory("spandsp-sizes");
        BilevelPage page = TestPages.Document(width, height, width + height, new PageResolution(x, y));
        string txPath = Path.Combine(dir, "tx.tif");
        string rxPath = Path.Combine(dir, "rx.tif");
        TiffWriter.Write(txPath, [page], new TiffWriteOptions { Scheme = CodingScheme.Mmr });
        using var caller = new SpanDspT38Terminal(calling: true);
        using var answerer = new SpanDspT38Terminal(calling: false);
        caller.SetTxFile(txPath);
        answerer.SetRxFile(rxPath);
        bool finished = new SpanDspBackToBack(caller, answerer).Run(limitSamples: 8000L * 60 * 10);

        Assert.True(finished && caller.CompletionCode == 0 && answerer.CompletionCode == 0, $"{name}: caller {caller.CompletionText}, answerer {answerer.CompletionText}\n{Tail(caller, answerer)}");
        BilevelPage received = Assert.Single(TiffReader.Read(rxPath).Pages);
        Assert.True(page.SamePixels(received), $"{name}: the page stored differs");
        Assert.Equal(stored, received.Resolution.ToString());
    }

    private static string Tail(SpanDspT38Terminal caller, SpanDspT38Terminal answerer) =>
        "caller log:\n" + string.Join('\n', caller.Log.TakeLast(30)) + "\nanswerer log:\n" + string.Join('\n', answerer.Log.TakeLast(30));
}
