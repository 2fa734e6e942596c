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
            Assert.Equal(pages[i].Width, received.Pages[i].Width);
            if (ecm)
            {
                Assert.True(pages[i].SamePixels(received.Pages[i]), $"page {i + 1} differs");
            }
        }
    }

    private static string Tail(SpanDspT38Terminal caller, SpanDspT38Terminal answerer) =>
        "caller log:\n" + string.Join('\n', caller.Log.TakeLast(30)) + "\nanswerer log:\n" + string.Join('\n', answerer.Log.TakeLast(30));
}
