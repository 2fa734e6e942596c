using System.Globalization;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;

namespace Faxgate.Bench;

/// <summary>
/// <c>bench/run t38 --breakdown</c>: how much of a Faxgate call is the page codec. Does, outside any call, the
/// page work a Faxgate call does (fit the page to the mode, MMR encode, bit order reversal both ways, MMR decode)
/// and times each step, so the rest of the call's CPU time is T.30, ECM, T.38 and UDPTL.
/// </summary>
public static class FaxgateCallBreakdown
{
    public static void Print(IReadOnlyList<BilevelPage> pages, double callSecondsPerPage, int runs)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var fit = new List<double>();
        var encode = new List<double>();
        var reverse = new List<double>();
        var decode = new List<double>();
        var options = new EncoderOptions { Scheme = CodingScheme.Mmr, K = 4, EndOfLine = false, EndOfPage = true };
        for (int run = 0; run <= runs; run++)
        {
            double f = 0, e = 0, r = 0, d = 0;
            foreach (BilevelPage page in pages)
            {
                TimeSpan t0 = ThreadCpuTime.Now();
                BilevelPage fitted = PageResampler.ToResolution(page, PageResolution.Fine);
                TimeSpan t1 = ThreadCpuTime.Now();
                byte[] coded = LineEncoder.Encode(fitted, options);
                TimeSpan t2 = ThreadCpuTime.Now();
                byte[] lineOrder = BitOrder.ReversedCopy(coded);
                BitOrder.ReverseInPlace(lineOrder);
                TimeSpan t3 = ThreadCpuTime.Now();
                BilevelPage decoded = PageDecoder.Decode(lineOrder, CodingScheme.Mmr, page.Width, PageResolution.Fine, new DecoderOptions { MaxLines = 20_000 });
                TimeSpan t4 = ThreadCpuTime.Now();
                if (!decoded.SamePixels(page))
                {
                    throw new InvalidOperationException("the breakdown's codec round trip changed a page");
                }

                f += (t1 - t0).TotalSeconds;
                e += (t2 - t1).TotalSeconds;
                r += (t3 - t2).TotalSeconds;
                d += (t4 - t3).TotalSeconds;
            }

            if (run > 0)
            {
                fit.Add(f / pages.Count);
                encode.Add(e / pages.Count);
                reverse.Add(r / pages.Count);
                decode.Add(d / pages.Count);
            }
        }

        double codec = Median(fit) + Median(encode) + Median(reverse) + Median(decode);
        Console.WriteLine();
        Console.WriteLine($"Where a Faxgate call's CPU time goes (page work timed alone, median of {runs}; the rest is T.30, ECM, T.38 and UDPTL):");
        Console.WriteLine();
        Console.WriteLine("| step | CPU ms per page | share of the call |");
        Console.WriteLine("|---|---:|---:|");
        Row("fit the page to the mode (PageResampler.ToResolution)", Median(fit), callSecondsPerPage);
        Row("MMR encode (LineEncoder)", Median(encode), callSecondsPerPage);
        Row("bit order reversal, sender and receiver (BitOrder)", Median(reverse), callSecondsPerPage);
        Row("MMR decode (PageDecoder)", Median(decode), callSecondsPerPage);
        Row("the rest: T.30 session, ECM, T.38 link, IFP, UDPTL, the harness", Math.Max(0, callSecondsPerPage - codec), callSecondsPerPage);
        Row("whole call", callSecondsPerPage, callSecondsPerPage);
    }

    private static void Row(string step, double seconds, double whole) =>
        Console.WriteLine($"| {step} | {(seconds * 1000).ToString("0.00", CultureInfo.InvariantCulture)} | {(seconds / whole).ToString("0%", CultureInfo.InvariantCulture)} |");

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        int middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
