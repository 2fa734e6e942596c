using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Tiff;
using Faxgate.TestSupport;

namespace Faxgate.Bench;

/// <summary>
/// Encode and decode speed of Faxgate's T.4/T.6 codec against libtiff's, in one process, on the
/// same document and the same files. Exit code 0 when it ran, 1 when a codec produced wrong
/// pixels, 2 when it could not run.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] == "t38")
        {
            return T38Bench.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "queue")
        {
            return QueueBench.RunAsync(args[1..]).GetAwaiter().GetResult();
        }

        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"faxgate bench: {e.Message}");
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }

        if (options.Help)
        {
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        }

        if (!LibTiff.Available)
        {
            Console.Error.WriteLine("faxgate bench: libtiff.so.6 is not installed (apt-get install libtiff6; ./test.sh installs it)");
            return 2;
        }

        string scratch = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"faxgate-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(scratch);
        try
        {
            return Run(options, scratch);
        }
        catch (CheckFailedException e)
        {
            Console.Error.WriteLine($"faxgate bench: CORRECTNESS CHECK FAILED: {e.Message}");
            return 1;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"faxgate bench: {e.Message}");
            return 2;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static int Run(BenchOptions options, string scratch)
    {
        long started = Stopwatch.GetTimestamp();
        BenchDocument document = BenchDocument.Load(options, scratch);
        IReadOnlyList<BilevelPage> pages = document.Pages;
        int count = pages.Count;

        Console.WriteLine("# Faxgate T.4/T.6 codec against libtiff");
        Console.WriteLine();
        Console.WriteLine($"- document: {count} pages, {document.Width} pixels wide, {document.TotalRows:N0} rows in all, {PageResolution.Fine} dpi (A4 fine)");
        Console.WriteLine($"- source: {document.Source}; {document.DistinctPages} distinct pages cycled");
        Console.WriteLine($"- machine: {Environment.ProcessorCount} logical processors, {RuntimeInformation.OSDescription} {RuntimeInformation.ProcessArchitecture}");
        Console.WriteLine($"- runtime: {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC; {NativeLibTiff.Version()} (libtiff.so.6, P/Invoke)");
        Console.WriteLine($"- method: {options.Warmups} untimed run(s), then {options.Runs} timed run(s) of each measurement, Faxgate and libtiff back to back (who goes first alternates), measurements in a shuffled order, full GC before each; median time");
        Console.WriteLine($"- files on {Path.GetDirectoryName(scratch)}");
        Console.WriteLine();

        // Correctness first, outside the timing: a fast wrong codec measures nothing.
        IReadOnlyList<SchemeBench> schemes = SchemeBench.All(scratch);
        var buffer = new byte[document.LargestPageBytes];
        var problems = new List<string>();
        var summaries = new List<string>();
        foreach (SchemeBench scheme in schemes)
        {
            Console.Error.WriteLine($"checking {scheme.Name}...");
            problems.AddRange(scheme.WriteAndVerify(pages, buffer, out string summary));
            summaries.Add(summary);
        }

        if (problems.Count > 0)
        {
            Console.Error.WriteLine($"faxgate bench: CORRECTNESS CHECK FAILED ({problems.Count} problem(s)):");
            foreach (string problem in problems.Take(50))
            {
                Console.Error.WriteLine($"  {problem}");
            }

            return 1;
        }

        Console.WriteLine("Checked before timing: both files of every scheme decode, in Faxgate and in libtiff, to exactly the source pixels.");
        foreach (string summary in summaries)
        {
            Console.WriteLine($"- {summary}");
        }

        Console.WriteLine();

        var comparisons = new List<Comparison>();
        foreach (SchemeBench scheme in schemes)
        {
            comparisons.Add(new Comparison(
                scheme.Name,
                "encode",
                () => scheme.EncodeWithFaxgate(pages, scheme.FaxgateEncodeTarget),
                () => scheme.EncodeWithLibTiff(pages, scheme.LibTiffEncodeTarget)));
            comparisons.Add(new Comparison(
                scheme.Name,
                "decode",
                () => Expect(SchemeBench.DecodeWithFaxgate(scheme.LibTiffFile), count),
                () => Expect(SchemeBench.DecodeWithLibTiff(scheme.LibTiffFile, buffer), count)));
            if (options.DecodeFaxgateFiles)
            {
                comparisons.Add(new Comparison(
                    scheme.Name,
                    "decode (Faxgate-written file)",
                    () => Expect(SchemeBench.DecodeWithFaxgate(scheme.FaxgateFile), count),
                    () => Expect(SchemeBench.DecodeWithLibTiff(scheme.FaxgateFile, buffer), count)));
            }
        }

        var breakdown = options.Breakdown ? Breakdown(schemes, pages) : [];
        for (int run = 0; run < options.Warmups + options.Runs; run++)
        {
            bool record = run >= options.Warmups;
            Console.Error.WriteLine(record ? $"timed run {run - options.Warmups + 1} of {options.Runs}..." : $"warm-up run {run + 1} of {options.Warmups}...");
            // A new order every run (the same from one benchmark to the next), so that no
            // measurement always follows the same one and inherits its effect on the machine.
            int[] order = Enumerable.Range(0, comparisons.Count).ToArray();
            new Random(run).Shuffle(order);
            foreach (int i in order)
            {
                comparisons[i].Run(run, record);
            }

            foreach (BreakdownStep step in breakdown)
            {
                step.Timings.Measure(step.Action, record);
            }
        }

        Console.WriteLine("Encode: pixels to a TIFF file (one strip per page). Decode: a TIFF file to pixels; \"decode\" reads the libtiff-written file, the same bits for both.");
        Console.WriteLine("Ratio: Faxgate pages/s over libtiff pages/s; 1.00 or more means Faxgate is at least as fast.");
        Console.WriteLine();
        Console.WriteLine("| scheme | operation | Faxgate pages/s | libtiff pages/s | ratio |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        foreach (Comparison c in comparisons)
        {
            double ours = count / c.Faxgate.Median;
            double theirs = count / c.LibTiff.Median;
            Console.WriteLine($"| {c.Scheme} | {c.Operation} | {Number(ours)} | {Number(theirs)} | {(ours / theirs).ToString("0.00", CultureInfo.InvariantCulture)} |");
        }

        Console.WriteLine();
        Console.WriteLine($"Spread (ms per {count} pages, min / median / max):");
        Console.WriteLine();
        Console.WriteLine("| scheme | operation | Faxgate ms | libtiff ms |");
        Console.WriteLine("|---|---|---:|---:|");
        foreach (Comparison c in comparisons)
        {
            Console.WriteLine($"| {c.Scheme} | {c.Operation} | {Spread(c.Faxgate)} | {Spread(c.LibTiff)} |");
        }

        if (breakdown.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("Faxgate alone, its codec without TIFF and its TIFF writing without coding (median ms per document; compare with the full paths above):");
            Console.WriteLine();
            Console.WriteLine("| scheme | step | ms | pages/s |");
            Console.WriteLine("|---|---|---:|---:|");
            foreach (BreakdownStep step in breakdown)
            {
                Console.WriteLine($"| {step.Scheme} | {step.Name} | {Ms(step.Timings.Median)} | {Number(count / step.Timings.Median)} |");
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Total time: {Stopwatch.GetElapsedTime(started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        return 0;
    }

    private sealed record BreakdownStep(string Scheme, string Name, Action Action)
    {
        public Timings Timings { get; } = new();
    }

    /// <summary>Faxgate's codec on its own: LineEncoder on every page, PageDecoder on every strip held in memory.</summary>
    private static List<BreakdownStep> Breakdown(IReadOnlyList<SchemeBench> schemes, IReadOnlyList<BilevelPage> pages)
    {
        var steps = new List<BreakdownStep>();
        foreach (SchemeBench scheme in schemes)
        {
            // The strips of the libtiff-written file, as the reader finds them.
            byte[][] strips = TiffReader.Read(scheme.LibTiffFile).Pages
                .Select(p => p.Coded?.Data ?? throw new InvalidOperationException("a libtiff strip did not decode cleanly"))
                .ToArray();
            CodingScheme coding = scheme.Scheme;
            steps.Add(new BreakdownStep(scheme.Name, "encode: LineEncoder.Encode only", () =>
            {
                foreach (BilevelPage page in pages)
                {
                    _ = LineEncoder.Encode(page, scheme.Encoder);
                }
            }));
            BilevelPage[] coded = pages.Select(p => p.With(coded: LineEncoder.EncodeToCodedPage(p, scheme.Encoder))).ToArray();
            var writeOptions = new TiffWriteOptions { Scheme = coding, FillBits = scheme.Encoder.AlignEol };
            steps.Add(new BreakdownStep(scheme.Name, "encode: TiffWriter.Write of pages already coded (TIFF and file only)", () =>
            {
                TiffWriter.Write(scheme.FaxgateEncodeTarget, coded, writeOptions);
            }));
            steps.Add(new BreakdownStep(scheme.Name, "decode: PageDecoder.Decode only (strips in memory)", () =>
            {
                for (int i = 0; i < strips.Length; i++)
                {
                    _ = PageDecoder.Decode(strips[i], coding, pages[i].Width, PageResolution.Fine, new DecoderOptions { Height = pages[i].Height });
                }
            }));
        }

        return steps;
    }

    private static void Expect(int decoded, int expected)
    {
        if (decoded != expected)
        {
            throw new CheckFailedException($"a timed decode gave {decoded} pages, not {expected}");
        }
    }

    private static string Number(double value) => value.ToString(value >= 100 ? "N0" : "N1", CultureInfo.InvariantCulture);

    private static string Ms(double seconds) => (seconds * 1000).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Spread(Timings t) => $"{Ms(t.Min)} / {Ms(t.Median)} / {Ms(t.Max)}";
}

/// <summary>A codec gave a wrong result while being timed.</summary>
public sealed class CheckFailedException(string message) : Exception(message);
