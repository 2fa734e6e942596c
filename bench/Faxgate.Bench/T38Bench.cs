using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using Faxgate.Imaging.Pages;
using Faxgate.TestSupport;
using Faxgate.TestSupport.SpanDsp;

namespace Faxgate.Bench;

/// <summary>
/// <c>bench/run t38</c>: CPU time per page of whole T.38 fax calls, sender and receiver in this
/// process, time advanced as fast as the code runs. Exit code 0 when it ran, 1 when a transfer
/// failed or stored wrong pixels, 2 when it could not run.
/// </summary>
public static class T38Bench
{
    public const string Usage =
        """
        usage: bench/run t38 [--quick] [--runs N] [--pages N] [--warmup N]

          --quick      a smoke run: 3 pages, 1 timed run, no warm-up
          --runs N     timed calls of every transfer; the median is reported (default 5)
          --pages N    A4 fine pages in the document (default 20)
          --warmup N   untimed calls before timing (default 1)
        """;

    /// <summary>Every transfer the benchmark compares; a Faxgate-to-Faxgate transfer goes here beside SpanDSP's.</summary>
    private static IT38TransferBench[] Transfers() => [new SpanDspTransferBench()];

    public static int Run(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        Settings settings;
        try
        {
            settings = Settings.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"faxgate bench t38: {e.Message}");
            Console.Error.WriteLine(Usage);
            return 2;
        }

        if (settings.Help)
        {
            Console.WriteLine(Usage);
            return 0;
        }

        if (!SpanDspT38Terminal.Available)
        {
            Console.Error.WriteLine("faxgate bench t38: libspandsp.so.2 is not installed (apt-get install libspandsp2; ./test.sh installs it)");
            return 2;
        }

        string scratch = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"faxgate-bench-t38-{Environment.ProcessId}");
        Directory.CreateDirectory(scratch);
        IT38TransferBench[] transfers = Transfers();
        try
        {
            return Measure(settings, transfers, scratch);
        }
        finally
        {
            foreach (IT38TransferBench transfer in transfers)
            {
                transfer.Dispose();
            }

            Directory.Delete(scratch, recursive: true);
        }
    }

    private static int Measure(Settings settings, IT38TransferBench[] transfers, string scratch)
    {
        long started = Stopwatch.GetTimestamp();
        // A4 at 8 pels/mm by 7.7 lines/mm: 1728 x 2286, different text on every page.
        BilevelPage[] pages = Enumerable.Range(0, settings.Pages)
            .Select(i => TestPages.Document(1728, 2286, 1000 + i, PageResolution.Fine))
            .ToArray();
        Console.WriteLine("# T.38 fax call, sender and receiver in one process");
        Console.WriteLine();
        Console.WriteLine($"- document: {pages.Length} A4 fine pages (1728 x 2286), drawn by TestPages.Document; sent with ECM, T.6 (MMR) offered");
        Console.WriteLine($"- machine: {Environment.ProcessorCount} logical processors, {RuntimeInformation.OSDescription} {RuntimeInformation.ProcessArchitecture}");
        Console.WriteLine($"- runtime: {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC; SpanDSP 0.0.6 (libspandsp.so.2, P/Invoke)");
        Console.WriteLine($"- method: IFP packets handed over directly (no UDPTL, no loss), 20 ms steps of simulated time run without waiting; {settings.Warmups} untimed call(s), then {settings.Runs} timed call(s) of each transfer, full GC before each; CPU time of the calling thread (all the work runs on it); median");
        Console.WriteLine();

        var results = new List<(IT38TransferBench Transfer, Series Cpu, Series Wall, T38TransferOutcome Outcome)>();
        foreach (IT38TransferBench transfer in transfers)
        {
            transfer.Prepare(pages, scratch);
            var cpu = new Series();
            var wall = new Series();
            T38TransferOutcome? last = null;
            for (int run = 0; run < settings.Warmups + settings.Runs; run++)
            {
                bool record = run >= settings.Warmups;
                Console.Error.WriteLine($"{transfer.Name}: {(record ? $"timed call {run - settings.Warmups + 1} of {settings.Runs}" : $"warm-up call {run + 1} of {settings.Warmups}")}...");
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                TimeSpan cpuStart = ThreadCpuTime.Now();
                long wallStart = Stopwatch.GetTimestamp();
                last = transfer.RunOnce();
                double wallSeconds = Stopwatch.GetElapsedTime(wallStart).TotalSeconds;
                double cpuSeconds = (ThreadCpuTime.Now() - cpuStart).TotalSeconds;
                if (last.Failure is not null || last.PagesReceived != pages.Length)
                {
                    Console.Error.WriteLine($"faxgate bench t38: TRANSFER FAILED: {transfer.Name}: {last.Failure ?? $"{last.PagesReceived} of {pages.Length} pages received"}");
                    return 1;
                }

                if (run == 0)
                {
                    IReadOnlyList<string> problems = transfer.Verify();
                    if (problems.Count > 0)
                    {
                        Console.Error.WriteLine($"faxgate bench t38: CORRECTNESS CHECK FAILED: {string.Join("; ", problems.Take(10))}");
                        return 1;
                    }
                }

                if (record)
                {
                    cpu.Add(cpuSeconds);
                    wall.Add(wallSeconds);
                }
            }

            results.Add((transfer, cpu, wall, last!));
        }

        Console.WriteLine("Checked: every call ended OK on both sides with every page received; after the first call (outside the timing) the pages the receiver stored are exactly the pixels sent.");
        Console.WriteLine();
        Console.WriteLine("| transfer | link | pages | call time (simulated) | IFP packets | CPU ms per page | wall ms per page | pages per CPU second |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach ((IT38TransferBench transfer, Series cpu, Series wall, T38TransferOutcome outcome) in results)
        {
            double perPage = cpu.Median / pages.Length;
            Console.WriteLine(
                $"| {transfer.Name} | {outcome.Link} | {pages.Length} | {outcome.CallTime.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s | {outcome.Packets:N0} " +
                $"| {Ms(perPage)} | {Ms(wall.Median / pages.Length)} | {(1 / perPage).ToString("N0", CultureInfo.InvariantCulture)} |");
        }

        Console.WriteLine();
        Console.WriteLine($"Spread (CPU ms per call of {pages.Length} pages, min / median / max):");
        Console.WriteLine();
        Console.WriteLine("| transfer | CPU ms |");
        Console.WriteLine("|---|---:|");
        foreach ((IT38TransferBench transfer, Series cpu, _, _) in results)
        {
            Console.WriteLine($"| {transfer.Name} | {Ms(cpu.Min)} / {Ms(cpu.Median)} / {Ms(cpu.Max)} |");
        }

        Console.WriteLine();
        Console.WriteLine($"Total time: {Stopwatch.GetElapsedTime(started).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        return 0;
    }

    private static string Ms(double seconds) => (seconds * 1000).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Seconds of one measurement over the timed calls.</summary>
    private sealed class Series
    {
        private readonly List<double> _seconds = [];

        public double Min => _seconds.Min();

        public double Max => _seconds.Max();

        public double Median
        {
            get
            {
                var sorted = _seconds.Order().ToList();
                int middle = sorted.Count / 2;
                return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
            }
        }

        public void Add(double seconds) => _seconds.Add(seconds);
    }

    private sealed record Settings(int Pages, int Runs, int Warmups, bool Help)
    {
        public static Settings Parse(IReadOnlyList<string> args)
        {
            var settings = args.Contains("--quick") ? new Settings(3, 1, 0, false) : new Settings(20, 5, 1, false);
            for (int i = 0; i < args.Count; i++)
            {
                settings = args[i] switch
                {
                    "--quick" => settings,
                    "--help" or "-h" => settings with { Help = true },
                    "--runs" => settings with { Runs = Count(args, ref i, 1) },
                    "--pages" => settings with { Pages = Count(args, ref i, 1) },
                    "--warmup" => settings with { Warmups = Count(args, ref i, 0) },
                    _ => throw new ArgumentException($"unknown argument '{args[i]}'"),
                };
            }

            return settings;
        }

        private static int Count(IReadOnlyList<string> args, ref int i, int minimum)
        {
            string name = args[i];
            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{name} needs a value");
            }

            string value = args[++i];
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < minimum || n > 10_000)
            {
                throw new ArgumentException($"{name} needs a whole number of at least {minimum}, not '{value}'");
            }

            return n;
        }
    }
}
