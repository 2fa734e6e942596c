using System.Diagnostics;
using Faxgate.TestSupport;

namespace Faxgate.Interop.Tests.Cli;

public sealed class ServeCommandTests
{
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public void Serve_starts_on_the_embedded_default_and_stops_cleanly_on_a_signal(string signal)
    {
        string data = Path.Combine(Repository.NewScratchDirectory("serve"), "data");

        // A test run started in the background of a shell inherits SIGINT ignored, as every background job does, and
        // passes that on; `env --default-signal` gives the server the default disposition an interactive user's has.
        var start = new ProcessStartInfo("env")
        {
            ArgumentList = { "--default-signal=INT", Repository.FaxgateScript, "serve", "--data", data },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        start.Environment["FAXGATE__Server__NodeName"] = "test-node";
        using Process process = Process.Start(start)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var started = new ManualResetEventSlim();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            if (e.Data.Contains("node test-node started", StringComparison.Ordinal))
            {
                started.Set();
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            Assert.True(started.Wait(TimeSpan.FromMinutes(3)), "no start line: " + string.Join('\n', output));
            Assert.True(Directory.Exists(data), "the data folder was not created");
            Assert.True(File.Exists(Path.Combine(data, "faxgate.db")), "the embedded SQLite database was not created");
            Assert.Equal(0, ExternalTool.Run("kill", $"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ExitCode);
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), $"serve did not stop on SIG{signal}");

            // The timed wait does not wait for the redirected output to be read; this one does.
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            Assert.Contains(output, line => line.Contains("node test-node stopped", StringComparison.Ordinal));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Theory]
    [InlineData("FAXGATE__Storage__Provider", "oracle", "Storage:Provider 'oracle' is not known")]
    [InlineData("FAXGATE__Sip__MediaPorts", "70000-1", "faxgate: Sip:MediaPorts '70000-1': ports are 1-65535\n")]
    public async Task Serve_refuses_to_start_on_a_setting_it_cannot_use(string variable, string value, string error)
    {
        string data = Path.Combine(Repository.NewScratchDirectory("serve-bad"), "data");
        var start = new ProcessStartInfo(Repository.FaxgateScript)
        {
            ArgumentList = { "serve", "--data", data },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        start.Environment[variable] = value;
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = await process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "serve did not give up");
        await process.WaitForExitAsync();
        Assert.Equal(1, process.ExitCode);
        Assert.Contains(error, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("started", await stdout, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Serve_registers_its_node_makes_its_key_and_runs_the_daily_backup_from_the_queue()
    {
        string data = Path.Combine(Repository.NewScratchDirectory("serve-daily"), "data");
        var start = new ProcessStartInfo(Repository.FaxgateScript)
        {
            ArgumentList = { "serve", "--data", data },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };

        // Today's backup time has just passed: a node that starts now catches the day's backup up at once.
        string passed = DateTime.UtcNow.AddMinutes(-1).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["FAXGATE__Server__NodeName"] = "daily-node";
        start.Environment["FAXGATE__Backup__TimeOfDay"] = passed;
        start.Environment["FAXGATE__Backup__Generations"] = "2";
        using Process process = Process.Start(start)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            string backups = Path.Combine(data, "backups");
            var waited = Stopwatch.StartNew();
            while (!(Directory.Exists(backups) && Directory.GetFiles(backups, "*.fgbackup").Length > 0) && waited.Elapsed < TimeSpan.FromMinutes(3) && !process.HasExited)
            {
                await Task.Delay(200);
            }

            Assert.True(Directory.Exists(backups) && Directory.GetFiles(backups, "*.fgbackup").Length == 1, "no daily backup: " + string.Join('\n', output));

            string key = Path.Combine(data, "keys", "server.key");
            Assert.True(File.Exists(key), "the server key file was not created on first start");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));

            Faxgate.Storage.Database database = await Faxgate.Storage.Database.OpenAsync(new Faxgate.Storage.StorageOptions(), data, TimeProvider.System, CancellationToken.None);
            IReadOnlyList<Faxgate.Storage.Nodes.NodeInfo> nodes = await new Faxgate.Storage.Nodes.NodeRegistry(database).ListAsync(CancellationToken.None);
            Assert.Contains(nodes, node => node.Name == "daily-node" && node.Pid == process.Id);
            var queue = new Faxgate.Storage.Queue.JobQueue(database);
            Faxgate.Storage.Queue.JobInfo job = Assert.Single(await queue.ListAsync(new Faxgate.Storage.Queue.JobFilter { Kind = "backup" }, CancellationToken.None));
            Assert.Equal("backup:" + DateTime.UtcNow.AddMinutes(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), job.IdempotencyKey);
            Assert.Equal("daily-node", job.LeaseOwner);

            Assert.Equal(0, ExternalTool.Run("kill", "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ExitCode);
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "serve did not stop on SIGTERM");
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
