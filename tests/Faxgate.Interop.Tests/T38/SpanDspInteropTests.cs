using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Session;
using Faxgate.Fax.T38.Terminal;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Tiff;
using Faxgate.TestSupport;
using Faxgate.TestSupport.SpanDsp;
using Xunit.Abstractions;
using FaxgateRateManagement = Faxgate.Fax.T38.Terminal.T38RateManagement;
using SpanDspRateManagement = Faxgate.TestSupport.SpanDsp.T38RateManagement;

namespace Faxgate.Interop.Tests.T38;

/// <summary>
/// Faxgate's T.38 terminal against SpanDSP 0.0.6's, both directions, over UDPTL on real loopback UDP sockets:
/// ECM on and off, MH/MR/MMR, standard/fine/superfine, A4 and B4, 1 and 20 pages, transferredTCF and localTCF.
/// </summary>
public sealed class SpanDspInteropTests(ITestOutputHelper output)
{
    public sealed record CallCase(bool FaxgateSends, bool Ecm, CodingScheme Scheme, string Resolution, int Width, int Pages, bool LocalTcf, int Version = 0, int MaxDatagram = 400)
    {
        public override string ToString() =>
            $"{(FaxgateSends ? "Faxgate->SpanDSP" : "SpanDSP->Faxgate")} {(Ecm ? "ECM" : "non-ECM")} {Scheme} {Resolution} {Width} x{Pages} {(LocalTcf ? "localTCF" : "transferredTCF")} T.38v{Version} datagram {MaxDatagram}";
    }

    private static readonly Dictionary<string, PageResolution> Resolutions = new()
    {
        ["standard"] = PageResolution.Standard,
        ["fine"] = PageResolution.Fine,
        ["superfine"] = PageResolution.Superfine,
    };

    public static TheoryData<CallCase> Cases()
    {
        var data = new TheoryData<CallCase>();
        foreach (bool faxgateSends in new[] { true, false })
        {
            foreach ((bool ecm, CodingScheme scheme) in new[] { (true, CodingScheme.Mmr), (true, CodingScheme.Mr), (true, CodingScheme.Mh), (false, CodingScheme.Mr), (false, CodingScheme.Mh) })
            {
                data.Add(new CallCase(faxgateSends, ecm, scheme, "fine", 1728, 1, LocalTcf: false));
            }

            data.Add(new CallCase(faxgateSends, true, CodingScheme.Mmr, "standard", 1728, 1, LocalTcf: true));
            data.Add(new CallCase(faxgateSends, false, CodingScheme.Mh, "standard", 1728, 1, LocalTcf: true));
            data.Add(new CallCase(faxgateSends, true, CodingScheme.Mmr, "superfine", 1728, 1, LocalTcf: false));
            data.Add(new CallCase(faxgateSends, false, CodingScheme.Mr, "superfine", 2048, 1, LocalTcf: false));
            data.Add(new CallCase(faxgateSends, true, CodingScheme.Mmr, "fine", 2048, 1, LocalTcf: false));
            data.Add(new CallCase(faxgateSends, true, CodingScheme.Mmr, "fine", 1728, 20, LocalTcf: false));
            data.Add(new CallCase(faxgateSends, false, CodingScheme.Mh, "standard", 1728, 20, LocalTcf: false));
            data.Add(new CallCase(faxgateSends, true, CodingScheme.Mmr, "fine", 1728, 1, LocalTcf: false, Version: 3));
            data.Add(new CallCase(faxgateSends, false, CodingScheme.Mr, "fine", 1728, 1, LocalTcf: true, Version: 2, MaxDatagram: 120));
            data.Add(new CallCase(faxgateSends, true, CodingScheme.Mmr, "standard", 1728, 1, LocalTcf: false, Version: 1, MaxDatagram: 120));
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void A_fax_goes_through_and_the_pages_arrive_exactly(CallCase call)
    {
        SpanDspT38Terminal.Require();
        BilevelPage[] pages = [.. Enumerable.Range(0, call.Pages).Select(i => TestPages.Document(call.Width, call.Resolution == "standard" ? 1100 : 2200, 40 + i, Resolutions[call.Resolution]))];
        var result = Run(call, pages, lossToFaxgate: 0, lossToSpanDsp: 0, redundancy: 3);

        Assert.True(result.Faxgate.Succeeded, $"Faxgate: {result.Faxgate}; SpanDSP: {result.SpanDspText}");
        Assert.True(result.SpanDspCode == 0, $"SpanDSP: {result.SpanDspText}; Faxgate: {result.Faxgate}");
        Assert.Equal(call.Pages, result.Faxgate.Pages);
        Assert.Equal(call.Ecm, result.Faxgate.Ecm);
        Assert.Equal(call.Scheme, result.Faxgate.Compression);
        Assert.Equal("SpanDSP", result.Faxgate.RemoteIdent);
        Assert.Equal(call.Pages, result.Received.Count);
        Assert.InRange(result.LargestDatagram, 1, call.MaxDatagram);

        // SpanDSP's own account of the call agrees.
        Assert.Equal(call.Pages, call.FaxgateSends ? result.SpanDsp.PagesReceived : result.SpanDsp.PagesTransmitted);
        Assert.Equal(call.Ecm, result.SpanDsp.ErrorCorrectingMode);
        Assert.Equal(14400, result.SpanDsp.BitRate);
        Assert.Equal(call.Scheme switch { CodingScheme.Mh => 1, CodingScheme.Mr => 2, _ => 3 }, result.SpanDsp.Encoding);
        for (int i = 0; i < call.Pages; i++)
        {
            Assert.True(pages[i].SamePixels(result.Received[i]), $"page {i + 1} differs");
            Assert.Equal(Resolutions[call.Resolution].Y, result.Received[i].Resolution.Y, 0);
        }
    }

    [SkippableTheory]
    [InlineData(true, 0.05)]
    [InlineData(false, 0.05)]
    [InlineData(true, 0.15)]
    [InlineData(false, 0.15)]
    [InlineData(true, 0.05, false)]
    [InlineData(false, 0.05, false)]
    public void With_packet_loss_and_redundancy_3_the_fax_still_goes_through(bool faxgateSends, double loss, bool ecm = true)
    {
        SpanDspT38Terminal.Require();
        BilevelPage[] pages = [.. Enumerable.Range(0, 2).Select(i => TestPages.Document(1728, 2200, 70 + i, PageResolution.Fine))];
        var call = new CallCase(faxgateSends, ecm, ecm ? CodingScheme.Mmr : CodingScheme.Mr, "fine", 1728, 2, LocalTcf: false);
        var result = Run(call, pages, loss, loss, redundancy: 3);

        Assert.True(result.Faxgate.Succeeded, $"Faxgate: {result.Faxgate}; SpanDSP: {result.SpanDspText}");
        Assert.True(result.SpanDspCode == 0, $"SpanDSP: {result.SpanDspText}");
        for (int i = 0; i < pages.Length; i++)
        {
            Assert.True(pages[i].SamePixels(result.Received[i]), $"page {i + 1} differs");
        }
    }

    internal sealed record CallResult(FaxOutcome Faxgate, int? SpanDspCode, string? SpanDspText, List<BilevelPage> Received, int LargestDatagram, SpanDspStatistics SpanDsp);

    private CallResult Run(CallCase call, BilevelPage[] pages, double lossToFaxgate, double lossToSpanDsp, int redundancy)
    {
        string dir = Repository.NewScratchDirectory("t38-interop");
        var compressions = new HashSet<CodingScheme> { CodingScheme.Mh, call.Scheme };
        var t30 = new T30Options
        {
            Ident = "Faxgate",
            Ecm = call.Ecm,
            Compressions = compressions,
            TcfCheck = call.LocalTcf ? TcfCheck.AssumeGood : TcfCheck.Measure,
            Trace = true,
        };
        T30Session session = call.FaxgateSends
            ? T30Session.ForSending(new PageDocument(pages), t30)
            : T30Session.ForReceiving(t30);
        var terminal = new T38Terminal(session, new T38TerminalOptions
        {
            Link = T38LinkOptions.Default with
            {
                Version = call.Version,
                RateManagement = call.LocalTcf ? FaxgateRateManagement.LocalTcf : FaxgateRateManagement.TransferredTcf,
            },
            Sender = new Faxgate.Fax.T38.Udptl.UdptlSenderOptions { RedundancyDepth = redundancy, MaxDatagramSize = call.MaxDatagram },
        });

        SpanDspCompressions spanCompressions = SpanDspCompressions.Mh | call.Scheme switch
        {
            CodingScheme.Mr => SpanDspCompressions.Mr,
            CodingScheme.Mmr => SpanDspCompressions.Mmr,
            _ => SpanDspCompressions.None,
        };
        using var spandsp = new SpanDspT38Terminal(calling: !call.FaxgateSends, new SpanDspT38Options
        {
            Ecm = call.Ecm,
            Compressions = spanCompressions,
            RateManagement = call.LocalTcf ? SpanDspRateManagement.LocalTcf : SpanDspRateManagement.TransferredTcf,
            T38Version = call.Version,
            MaxDatagram = call.MaxDatagram,
            LogLevel = SpanDspLogLevel.Flow,
        });
        string rx = Path.Combine(dir, "spandsp-rx.tif");
        if (call.FaxgateSends)
        {
            spandsp.SetRxFile(rx);
        }
        else
        {
            string tx = Path.Combine(dir, "spandsp-tx.tif");
            TiffWriter.Write(tx, pages, new TiffWriteOptions { Scheme = CodingScheme.Mmr });
            spandsp.SetTxFile(tx);
        }

        using var link = new SpanDspCall(terminal, spandsp, redundancy, seed: 11)
        {
            LossToFaxgate = lossToFaxgate,
            LossToSpanDsp = lossToSpanDsp,
        };
        bool finished = link.Run(TimeSpan.FromMinutes(call.Pages * 2 + 3));
        output.WriteLine($"{call}: {link.Now.TotalSeconds:0.0} s of call, {link.DatagramsToSpanDsp} datagrams out, {link.DatagramsToFaxgate} in; Faxgate {session.Outcome}; SpanDSP {spandsp.CompletionText}; UDPTL {terminal.ReceiveStatistics}");
        File.WriteAllLines(Path.Combine(dir, "spandsp.log"), spandsp.Log);
        output.WriteLine($"logs in {dir}");
        if (!finished || session.Outcome is not { Succeeded: true } || spandsp.CompletionCode != 0)
        {
            foreach (FrameTraced traced in link.Events.OfType<FrameTraced>())
            {
                output.WriteLine($"Faxgate {(traced.Sent ? "->" : "<-")} {traced.Description}");
            }

            foreach (string line in spandsp.Log.TakeLast(80))
            {
                output.WriteLine(line);
            }
        }

        Assert.True(finished, $"the call did not end: Faxgate {session.Outcome}, SpanDSP {spandsp.CompletionText}");
        List<BilevelPage> received = call.FaxgateSends
            ? (File.Exists(rx) ? [.. TiffReader.Read(rx).Pages] : [])
            : [.. link.Events.OfType<PageReceived>().Select(p => p.Page)];
        return new CallResult(session.Outcome!, spandsp.CompletionCode, spandsp.CompletionText, received, link.LargestToSpanDsp, spandsp.Statistics);
    }
}
