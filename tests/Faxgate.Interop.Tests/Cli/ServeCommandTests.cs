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
}
