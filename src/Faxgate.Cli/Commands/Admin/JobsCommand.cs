using System.CommandLine;
using System.Globalization;
using Faxgate.Storage;
using Faxgate.Storage.Queue;

namespace Faxgate.Cli.Commands.Admin;

/// <summary>
/// `faxgate jobs list|retry|cancel`: the job queue for operators. Shows metadata only (kind, state, attempts, times,
/// owner, last error), never payloads or content. Retry and cancel are recorded in the audit log.
/// </summary>
internal static class JobsCommand
{
    public static Command Create()
    {
        var context = new AdminContext();
        var jobs = new Command("jobs", "Inspect and steer the job queue");
        context.AddTo(jobs);
        jobs.Subcommands.Add(CreateList(context));
        jobs.Subcommands.Add(CreateRetry(context));
        jobs.Subcommands.Add(CreateCancel(context));
        return jobs;
    }

    private static Command CreateList(AdminContext context)
    {
        var state = new Option<string?>("--state") { Description = "Only jobs in this state: queued, running, done, dead or cancelled" };
        state.AcceptOnlyFromAmong([.. JobStates.All]);
        var kind = new Option<string?>("--kind") { Description = "Only jobs of this kind" };
        var limit = new Option<int>("--limit") { Description = "Show at most N jobs, newest first", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "List jobs, newest first") { state, kind, limit };
        command.SetAction((result, token) => AdminContext.RunAsync(async () =>
        {
            Database database = await context.OpenAsync(result, token).ConfigureAwait(false);
            var filter = new JobFilter { State = result.GetValue(state), Kind = result.GetValue(kind), Limit = result.GetValue(limit) };
            IReadOnlyList<JobInfo> found = await new JobQueue(database).ListAsync(filter, token).ConfigureAwait(false);
            JobTable.Write(Console.Out, found);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateRetry(AdminContext context)
    {
        var id = new Argument<long>("ID") { Description = "The job to run again (dead or cancelled)" };
        var command = new Command("retry", "Queue a dead or cancelled job again, with all its attempts") { id };
        command.SetAction((result, token) => AdminContext.RunAsync(async () =>
        {
            Database database = await context.OpenAsync(result, token).ConfigureAwait(false);
            JobInfo job = await new JobQueue(database).RetryAsync(result.GetValue(id), AdminContext.Actor, token).ConfigureAwait(false);
            Console.WriteLine($"job {job.Id} ({job.Kind}) queued to run now");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateCancel(AdminContext context)
    {
        var id = new Argument<long>("ID") { Description = "The job to cancel (queued, running or dead)" };
        var command = new Command("cancel", "Cancel a job; a worker running it is stopped from finishing it") { id };
        command.SetAction((result, token) => AdminContext.RunAsync(async () =>
        {
            Database database = await context.OpenAsync(result, token).ConfigureAwait(false);
            JobInfo job = await new JobQueue(database).CancelAsync(result.GetValue(id), AdminContext.Actor, token).ConfigureAwait(false);
            Console.WriteLine($"job {job.Id} ({job.Kind}) cancelled");
            return ExitCodes.Ok;
        }));
        return command;
    }
}

/// <summary>Jobs as a plain table with aligned columns, one job per line.</summary>
internal static class JobTable
{
    private static readonly string[] Header = ["ID", "KIND", "STATE", "ATTEMPTS", "RUN AT (UTC)", "OWNER", "LAST ERROR"];

    public static void Write(TextWriter writer, IReadOnlyList<JobInfo> jobs)
    {
        List<string[]> rows = [Header, .. jobs.Select(Row)];
        int[] widths = [.. Enumerable.Range(0, Header.Length).Select(column => rows.Max(row => row[column].Length))];
        foreach (string[] row in rows)
        {
            // The last column is not padded, so lines carry no trailing blanks.
            string line = string.Join("  ", row.Select((cell, column) => column == row.Length - 1 ? cell : cell.PadRight(widths[column])));
            writer.WriteLine(line.TrimEnd());
        }
    }

    private static string[] Row(JobInfo job) =>
    [
        job.Id.ToString(CultureInfo.InvariantCulture),
        job.Kind,
        job.State,
        $"{job.Attempts}/{job.MaxAttempts}",
        DateTimeOffset.FromUnixTimeMilliseconds(job.RunAt).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        job.LeaseOwner ?? "-",
        OneLine(job.LastError ?? "-"),
    ];

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
