using System.Text.Json;
using System.Text.RegularExpressions;
using Faxgate.Storage;
using Faxgate.Storage.Audit;
using Faxgate.Storage.Queue;
using Faxgate.TestSupport;

namespace Faxgate.Interop.Tests.Cli;

public sealed partial class JobsCommandTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Jobs_list_retry_and_cancel_work_on_the_configured_database(string provider)
    {
        string data = Path.Combine(Repository.NewScratchDirectory("jobs-cli"), "data");
        StorageOptions options = provider == "sqlite" ? new StorageOptions() : TestDatabases.Create(provider, data);
        try
        {
            Directory.CreateDirectory(data);
            if (provider != "sqlite")
            {
                await File.WriteAllTextAsync(Path.Combine(data, "faxgate.json"), JsonSerializer.Serialize(new { Storage = new { options.Provider, options.ConnectionString } }));
            }

            Database database = await Database.OpenAsync(options, data, TimeProvider.System, CancellationToken.None);
            var queue = new JobQueue(database);
            long mail1 = await queue.EnqueueAsync(new JobRequest { Kind = "mail", Payload = "{\"fax\":\"payload-marker\"}", IdempotencyKey = "m1" }, CancellationToken.None);
            long dial = await queue.EnqueueAsync(new JobRequest { Kind = "dial", Payload = "{}", IdempotencyKey = "d1" }, CancellationToken.None);
            long mail2 = await queue.EnqueueAsync(new JobRequest { Kind = "mail", Payload = "{}", IdempotencyKey = "m2" }, CancellationToken.None);
            JobLease lease = Assert.Single(await queue.ClaimAsync("node-a", TimeSpan.FromMinutes(1), 1, ["dial"], CancellationToken.None));
            await queue.FailAsync(lease, "bad\nnumber", retryable: false, CancellationToken.None);

            ExternalTool.Result list = Faxgate("jobs", "list", "--data", data);
            Assert.True(list.ExitCode == 0, list.Describe("faxgate jobs list"));
            string[] lines = list.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(4, lines.Length);
            Assert.Matches(@"^ID\s+KIND\s+STATE\s+ATTEMPTS\s+RUN AT \(UTC\)\s+OWNER\s+LAST ERROR$", lines[0]);
            Assert.Equal([mail2, dial, mail1], lines[1..].Select(l => long.Parse(l.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)));
            Assert.All(lines[1..], line => Assert.Equal(lines[0].IndexOf("STATE", StringComparison.Ordinal), IndexOfState().Match(line).Index));
            Assert.Matches(@$"^{dial}\s+dial\s+dead\s+1/10\s+\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\dZ\s+node-a\s+bad number$", lines[2]);
            Assert.DoesNotContain("payload-marker", list.StandardOutput, StringComparison.Ordinal);

            ExternalTool.Result dead = Faxgate("jobs", "list", "--state", "dead", "--data", data);
            Assert.Equal(2, dead.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            ExternalTool.Result newestMail = Faxgate("jobs", "list", "--kind", "mail", "--limit", "1", "--data", data);
            Assert.StartsWith($"{mail2} ", newestMail.StandardOutput.Split('\n')[1], StringComparison.Ordinal);

            ExternalTool.Result retry = Faxgate("jobs", "retry", dial.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", data);
            Assert.True(retry.ExitCode == 0, retry.Describe("faxgate jobs retry"));
            Assert.Equal($"job {dial} (dial) queued to run now\n", retry.StandardOutput);
            JobInfo retried = await queue.GetAsync(dial, CancellationToken.None);
            Assert.Equal((JobStates.Queued, 0), (retried.State, retried.Attempts));

            ExternalTool.Result again = Faxgate("jobs", "retry", dial.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", data);
            Assert.Equal(1, again.ExitCode);
            Assert.Equal($"faxgate: job {dial} is queued: only dead or cancelled jobs can be retried\n", again.StandardError);

            ExternalTool.Result cancel = Faxgate("jobs", "cancel", mail1.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", data);
            Assert.True(cancel.ExitCode == 0, cancel.Describe("faxgate jobs cancel"));
            Assert.Equal(JobStates.Cancelled, (await queue.GetAsync(mail1, CancellationToken.None)).State);

            ExternalTool.Result unknown = Faxgate("jobs", "cancel", "987654", "--data", data);
            Assert.Equal(1, unknown.ExitCode);
            Assert.Equal("faxgate: no job 987654\n", unknown.StandardError);
            Assert.Empty(unknown.StandardOutput);

            IReadOnlyList<AuditEntry> audit = await AuditLog.ListAsync(database, 10, CancellationToken.None);
            Assert.Equal(["job.cancel", "job.retry"], audit.Select(e => e.Action));
            Assert.All(audit, e => Assert.StartsWith("cli:", e.Actor, StringComparison.Ordinal));
        }
        finally
        {
            TestDatabases.Drop(options);
        }
    }

    [Fact]
    public void Jobs_verbs_reject_a_bad_state_or_id_as_usage_errors()
    {
        string data = Repository.NewScratchDirectory("jobs-cli-usage");
        Assert.Equal(2, Faxgate("jobs", "list", "--state", "stuck", "--data", data).ExitCode);
        Assert.Equal(2, Faxgate("jobs", "retry", "forty-two", "--data", data).ExitCode);
        Assert.Equal(2, Faxgate("jobs", "cancel", "--data", data).ExitCode);
    }

    private static ExternalTool.Result Faxgate(params string[] arguments) => ExternalTool.Faxgate(arguments);

    [GeneratedRegex(@"\b(queued|running|done|dead|cancelled)\b")]
    private static partial Regex IndexOfState();
}
