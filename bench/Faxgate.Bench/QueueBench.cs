using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Faxgate.Storage;
using Faxgate.Storage.Queue;
using MySqlConnector;

namespace Faxgate.Bench;

/// <summary>
/// <c>bench/run queue</c>: jobs per second claimed and completed by 4 workers on one database, on SQLite (a file in
/// the temp folder) and on MariaDB. Each worker is a loop of its own in this process with its own connections: claim
/// up to BATCH jobs, complete each (its own transaction), repeat until the queue is empty. Exit code 0 when it ran,
/// 1 when a job was lost or completed twice, 2 when it could not run.
/// </summary>
public static class QueueBench
{
    public const string Usage =
        """
        usage: bench/run queue [--quick] [--jobs N] [--workers N] [--engine sqlite|mariadb|both]

          --quick        a smoke run: 300 jobs
          --jobs N       jobs enqueued and then worked off, per engine and batch size (default 4000)
          --workers N    concurrent claim-and-complete loops (default 4)
          --engine E     sqlite, mariadb or both (default both)

        MariaDB: FAXGATE_BENCH_MARIADB is a connection string whose user may create and drop the
        database faxgate_bench (default: the test server, 127.0.0.1:13306 faxgate/faxgate-pw).
        """;

    private const string DefaultMariaDb = "Server=127.0.0.1;Port=13306;User ID=faxgate;Password=faxgate-pw";
    private static readonly int[] Batches = [1, 10];

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        int jobs = args.Contains("--quick") ? 300 : 4000, workers = 4;
        string engine = "both";
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    break;
                case "--jobs" when i + 1 < args.Count && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out jobs) && jobs > 0:
                case "--workers" when i + 1 < args.Count && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out workers) && workers > 0:
                    i++;
                    break;
                case "--engine" when i + 1 < args.Count && args[i + 1] is "sqlite" or "mariadb" or "both":
                    engine = args[++i];
                    break;
                case "--help" or "-h":
                    Console.WriteLine(Usage);
                    return 0;
                default:
                    Console.Error.WriteLine($"faxgate bench queue: bad argument '{args[i]}'");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        Console.WriteLine("# Faxgate job queue: jobs claimed and completed per second");
        Console.WriteLine();
        Console.WriteLine($"- {jobs} jobs per run, enqueued first; {workers} workers, each a loop with its own connections: claim up to BATCH, complete each in its own transaction, until none is due");
        Console.WriteLine($"- machine: {Environment.ProcessorCount} logical processors, {RuntimeInformation.OSDescription} {RuntimeInformation.ProcessArchitecture}; {RuntimeInformation.FrameworkDescription}");
        Console.WriteLine($"- SQLite: a file in {Path.GetTempPath()} (WAL, synchronous=FULL); MariaDB: {Describe(MariaDbServer)} as the server is configured (the test server: innodb_flush_log_at_trx_commit=2)");
        Console.WriteLine();
        Console.WriteLine("| engine | batch | jobs | enqueue jobs/s | claim+complete s | claim+complete jobs/s |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (string provider in engine == "both" ? ["sqlite", "mariadb"] : new[] { engine })
        {
            foreach (int batch in Batches)
            {
                StorageOptions options;
                try
                {
                    options = Create(provider);
                }
                catch (MySqlException e)
                {
                    Console.Error.WriteLine($"faxgate bench queue: MariaDB at {Describe(MariaDbServer)} does not answer ({e.Message}); set FAXGATE_BENCH_MARIADB or start the test server");
                    return 2;
                }

                Result result = await MeasureAsync(options, jobs, workers, batch).ConfigureAwait(false);
                if (result.Problem is not null)
                {
                    Console.Error.WriteLine($"faxgate bench queue: CHECK FAILED on {provider}: {result.Problem}");
                    return 1;
                }

                Console.WriteLine($"| {provider} | {batch} | {jobs} | {Rate(jobs, result.Enqueue)} | {result.Work.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} | {Rate(jobs, result.Work)} |");
            }
        }

        return 0;
    }

    private sealed record Result(TimeSpan Enqueue, TimeSpan Work, string? Problem);

    private static async Task<Result> MeasureAsync(StorageOptions options, int jobs, int workers, int batch)
    {
        string data = Path.Combine(Path.GetTempPath(), $"faxgate-bench-queue-{Environment.ProcessId}");
        Database database = await Database.OpenAsync(options, data, TimeProvider.System, CancellationToken.None).ConfigureAwait(false);
        var databases = new Database[workers];
        for (int w = 0; w < workers; w++)
        {
            // A Database of its own per worker: its own connections, as a separate server would have.
            databases[w] = await Database.OpenAsync(options, data, TimeProvider.System, CancellationToken.None).ConfigureAwait(false);
        }

        int next = -1;
        long started = Stopwatch.GetTimestamp();
        await Task.WhenAll(databases.Select(db => Task.Run(async () =>
        {
            var queue = new JobQueue(db);
            for (int n = Interlocked.Increment(ref next); n < jobs; n = Interlocked.Increment(ref next))
            {
                await queue.EnqueueAsync(new JobRequest { Kind = "bench", Payload = $"{{\"n\":{n}}}", IdempotencyKey = $"bench-{n}" }, CancellationToken.None).ConfigureAwait(false);
            }
        }))).ConfigureAwait(false);
        TimeSpan enqueue = Stopwatch.GetElapsedTime(started);

        int completed = 0;
        started = Stopwatch.GetTimestamp();
        await Task.WhenAll(databases.Select((db, w) => Task.Run(async () =>
        {
            var queue = new JobQueue(db);
            while (true)
            {
                IReadOnlyList<JobLease> leases = await queue.ClaimAsync($"bench-{w}", TimeSpan.FromMinutes(5), batch, null, CancellationToken.None).ConfigureAwait(false);
                if (leases.Count == 0)
                {
                    return;
                }

                foreach (JobLease lease in leases)
                {
                    if (await queue.CompleteAsync(lease, null, CancellationToken.None).ConfigureAwait(false))
                    {
                        Interlocked.Increment(ref completed);
                    }
                }
            }
        }))).ConfigureAwait(false);
        TimeSpan work = Stopwatch.GetElapsedTime(started);

        IReadOnlyList<JobInfo> done = await new JobQueue(database).ListAsync(new JobFilter { State = JobStates.Done, Limit = jobs }, CancellationToken.None).ConfigureAwait(false);
        string? problem = completed != jobs || done.Count != jobs || done.Any(j => j.Attempts != 1)
            ? $"{completed} completions, {done.Count} done of {jobs}, {done.Count(j => j.Attempts != 1)} claimed more than once"
            : null;
        Drop(options);
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }

        return new Result(enqueue, work, problem);
    }

    private static string MariaDbServer => Environment.GetEnvironmentVariable("FAXGATE_BENCH_MARIADB") is { Length: > 0 } configured ? configured : DefaultMariaDb;

    private static StorageOptions Create(string provider)
    {
        if (provider == "sqlite")
        {
            string file = Path.Combine(Path.GetTempPath(), $"faxgate-bench-queue-{Environment.ProcessId}.db");
            foreach (string path in (string[])[file, file + "-wal", file + "-shm"])
            {
                File.Delete(path);
            }

            return new StorageOptions { Provider = "sqlite", ConnectionString = $"Data Source={file}" };
        }

        var builder = new MySqlConnectionStringBuilder(MariaDbServer);
        string database = string.IsNullOrEmpty(builder.Database) ? "faxgate_bench" : builder.Database;
        builder.Database = "";
        using (var connection = new MySqlConnection(builder.ConnectionString))
        {
            connection.Open();
            using MySqlCommand command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS `{database}`; CREATE DATABASE `{database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci";
            command.ExecuteNonQuery();
        }

        builder.Database = database;
        return new StorageOptions { Provider = "mariadb", ConnectionString = builder.ConnectionString };
    }

    private static void Drop(StorageOptions options)
    {
        if (options.Provider == "sqlite")
        {
            string file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (string path in (string[])[file, file + "-wal", file + "-shm"])
            {
                File.Delete(path);
            }

            return;
        }

        var builder = new MySqlConnectionStringBuilder(options.ConnectionString!);
        string database = builder.Database;
        builder.Database = "";
        using var connection = new MySqlConnection(builder.ConnectionString);
        connection.Open();
        using MySqlCommand command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS `{database}`";
        command.ExecuteNonQuery();
    }

    private static string Describe(string connectionString)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString);
        return $"{builder.Server}:{builder.Port}";
    }

    private static string Rate(int jobs, TimeSpan time) => (jobs / time.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture);
}
