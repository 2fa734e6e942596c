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
        var start = new ProcessStartInfo(Repository.FaxgateScript)
        {
            ArgumentList = { "serve", "--data", data },
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

    [Fact]
    public async Task Serve_refuses_to_start_on_a_storage_setting_it_cannot_use()
    {
        string data = Path.Combine(Repository.NewScratchDirectory("serve-bad"), "data");
        var start = new ProcessStartInfo(Repository.FaxgateScript)
        {
            ArgumentList = { "serve", "--data", data },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        start.Environment["FAXGATE__Storage__Provider"] = "oracle";
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = await process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "serve did not give up");
        await process.WaitForExitAsync();
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("Storage:Provider 'oracle' is not known", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("started", await stdout, StringComparison.Ordinal);
    }
}
