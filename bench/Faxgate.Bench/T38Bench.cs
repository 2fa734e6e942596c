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
/// process, time advanced as fast as the code runs: SpanDSP 0.0.6 to SpanDSP (the reference, paced and
/// unpaced) and Faxgate to Faxgate (pages in memory, and from and to TIFF files), interleaved, with the ratio. Exit code 0 when it ran, 1 when a transfer
/// failed or stored wrong pixels, 2 when it could not run.
/// </summary>
public static class T38Bench
{
    public const string Usage =
        """
        usage: bench/run t38 [--quick] [--runs N] [--pages N] [--warmup N] [--breakdown]

          --quick      a smoke run: 3 pages, 1 timed run, no warm-up
          --runs N     timed calls of every transfer; the median is reported (default 5)
          --pages N    A4 fine pages in the document (default 20)
          --warmup N   untimed calls before timing (default 1)
          --breakdown  also time the page work of a Faxgate call alone (fit, MMR encode, bit
                       order, MMR decode), to see how much of the call is codec and how much protocol
        """;

    /// <summary>Every transfer the benchmark compares; the first is the reference the others are set against.</summary>
    private static IT38TransferBench[] Transfers() =>
        [new SpanDspTransferBench(), new SpanDspTransferBench(paced: false), new FaxgateTransferBench(files: false), new FaxgateTransferBench(files: true)];

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
        Console.WriteLine($"- document: {pages.Length} A4 fine pages (1728 x 2286), drawn by TestPages.Document; both sides offer and use ECM (256-octet frames), T.6 (MMR), V.17 14400; the whole call is timed, phase A to E");
        Console.WriteLine($"- machine: {Environment.ProcessorCount} logical processors, {RuntimeInformation.OSDescription} {RuntimeInformation.ProcessArchitecture}");
        Console.WriteLine($"- runtime: {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC; SpanDSP 0.0.6 (libspandsp.so.2, P/Invoke)");
        Console.WriteLine("- SpanDSP to SpanDSP: two t38_terminal instances; IFP packets handed over directly (no UDPTL), a packet SpanDSP repeats delivered as often as it asks; SpanDSP's own pacing (its default for UDP) or, in the 'unpaced' row, T38_TERMINAL_OPTION_NO_PACING (its mode for TCP); time advanced in 20 ms steps of simulated time without waiting; the sender reads the pages from an MMR TIFF file in memory (/dev/shm, libtiff), the receiver writes them to one");
        Console.WriteLine("- Faxgate to Faxgate: two T38Terminal instances (T.30 session, T.38 link, UDPTL with redundancy 3 and 2 extra copies of each end-of-signal packet, the defaults); every datagram copied and handed straight to the other side; pacing off, time jumps to the next deadline when neither has anything to send; pages from and to memory (BilevelPage), or, in the 'TIFF files' row, read from the same kind of MMR TIFF file and written to one as SpanDSP does");
        Console.WriteLine("- both sides encode and decode every IFP packet; nothing sleeps, nothing is lost");
        Console.WriteLine($"- method: {settings.Warmups} untimed call(s) of each transfer, then {settings.Runs} timed round(s) calling every transfer once (who goes first rotates), full GC before each call; CPU time of the calling thread (all the work runs on it); median");
        Console.WriteLine();

        foreach (IT38TransferBench transfer in transfers)
        {
            transfer.Prepare(pages, scratch);
        }

        var cpu = transfers.Select(_ => new Series()).ToArray();
        var wall = transfers.Select(_ => new Series()).ToArray();
        var last = new T38TransferOutcome?[transfers.Length];
        var verified = new bool[transfers.Length];
        for (int run = 0; run < settings.Warmups + settings.Runs; run++)
        {
            bool record = run >= settings.Warmups;
            for (int k = 0; k < transfers.Length; k++)
            {
                int t = (k + run) % transfers.Length;
                IT38TransferBench transfer = transfers[t];
                Console.Error.WriteLine($"{transfer.Name}: {(record ? $"timed call {run - settings.Warmups + 1} of {settings.Runs}" : $"warm-up call {run + 1} of {settings.Warmups}")}...");
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                TimeSpan cpuStart = ThreadCpuTime.Now();
                long wallStart = Stopwatch.GetTimestamp();
                T38TransferOutcome outcome = transfer.RunOnce();
                double wallSeconds = Stopwatch.GetElapsedTime(wallStart).TotalSeconds;
                double cpuSeconds = (ThreadCpuTime.Now() - cpuStart).TotalSeconds;
                last[t] = outcome;
                if (outcome.Failure is not null || outcome.PagesReceived != pages.Length)
                {
                    Console.Error.WriteLine($"faxgate bench t38: TRANSFER FAILED: {transfer.Name}: {outcome.Failure ?? $"{outcome.PagesReceived} of {pages.Length} pages received"}");
                    return 1;
                }

                if (!verified[t])
                {
                    verified[t] = true;
                    IReadOnlyList<string> problems = transfer.Verify();
                    if (problems.Count > 0)
                    {
                        Console.Error.WriteLine($"faxgate bench t38: CORRECTNESS CHECK FAILED: {string.Join("; ", problems.Take(10))}");
                        return 1;
                    }
                }

                if (record)
                {
                    cpu[t].Add(cpuSeconds);
                    wall[t].Add(wallSeconds);
                }
            }
        }

        Console.WriteLine("Checked: every call ended OK on both sides with every page received; after the first call of each transfer (outside the timing) the pages the receiver kept are exactly the pixels sent.");
        Console.WriteLine();
        Console.WriteLine("| transfer | link | pages | call time (simulated) | packets | CPU ms per page | wall ms per page | pages per CPU second |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        for (int t = 0; t < transfers.Length; t++)
        {
            T38TransferOutcome outcome = last[t]!;
            double perPage = cpu[t].Median / pages.Length;
            Console.WriteLine(
                $"| {transfers[t].Name} | {outcome.Link} | {pages.Length} | {outcome.CallTime.TotalSeconds.ToString("0.0##", CultureInfo.InvariantCulture)} s | {outcome.Packets:N0} " +
                $"| {Ms(perPage)} | {Ms(wall[t].Median / pages.Length)} | {(1 / perPage).ToString("N0", CultureInfo.InvariantCulture)} |");
        }

        Console.WriteLine();
        Console.WriteLine("Packets: SpanDSP's IFP packets (one SpanDSP asks to send several times counted once); Faxgate's UDPTL datagrams (every end-of-signal copy counted). Simulated call time: paced, SpanDSP sends at the modem's speed; unpaced, neither side waits for a timer (Faxgate's whole call happens at time zero).");
        Console.WriteLine();
        Console.WriteLine($"Cost against {transfers[0].Name} (median CPU time per page; below 1 is cheaper):");
        Console.WriteLine();
        Console.WriteLine($"| transfer | CPU ms per page | {transfers[0].Name} CPU ms per page | ratio |");
        Console.WriteLine("|---|---:|---:|---:|");
        for (int t = 1; t < transfers.Length; t++)
        {
            Console.WriteLine(
                $"| {transfers[t].Name} | {Ms(cpu[t].Median / pages.Length)} | {Ms(cpu[0].Median / pages.Length)} " +
                $"| {(cpu[t].Median / cpu[0].Median).ToString("0.00", CultureInfo.InvariantCulture)} |");
        }

        int faxgate = Array.FindIndex(transfers, t => t is FaxgateTransferBench { Files: false });
        if (settings.Breakdown && faxgate >= 0)
        {
            FaxgateCallBreakdown.Print(pages, cpu[faxgate].Median / pages.Length, settings.Runs);
        }

        Console.WriteLine();
        Console.WriteLine($"Spread (CPU ms per call of {pages.Length} pages, min / median / max):");
        Console.WriteLine();
        Console.WriteLine("| transfer | CPU ms |");
        Console.WriteLine("|---|---:|");
        for (int t = 0; t < transfers.Length; t++)
        {
            Console.WriteLine($"| {transfers[t].Name} | {Ms(cpu[t].Min)} / {Ms(cpu[t].Median)} / {Ms(cpu[t].Max)} |");
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

    private sealed record Settings(int Pages, int Runs, int Warmups, bool Help, bool Breakdown = false)
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
                    "--breakdown" => settings with { Breakdown = true },
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
