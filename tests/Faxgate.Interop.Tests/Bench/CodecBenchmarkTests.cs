using Faxgate.TestSupport;

namespace Faxgate.Interop.Tests.Bench;

/// <summary>Keeps the codec benchmark working: its quick run checks both codecs and prints the comparison.</summary>
public sealed class CodecBenchmarkTests
{
    [SkippableFact]
    public void Quick_benchmark_run_checks_both_codecs_and_reports_every_ratio()
    {
        LibTiff.Require();
        string configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        string dll = Path.Combine(Repository.Root, "bench", "Faxgate.Bench", "bin", configuration, "net10.0", "Faxgate.Bench.dll");
        Skip.IfNot(File.Exists(dll), $"the benchmark is not built ({dll}); ./test.sh builds the whole solution");

        ExternalTool.Result run = ExternalTool.Run("dotnet", [dll, "--quick"], TimeSpan.FromMinutes(3));
        Assert.True(run.ExitCode == 0, run.Describe("bench --quick"));
        foreach (string scheme in new[] { "MH", "MR", "MMR" })
        {
            Assert.Contains($"| {scheme} | encode |", run.StandardOutput, StringComparison.Ordinal);
            Assert.Contains($"| {scheme} | decode |", run.StandardOutput, StringComparison.Ordinal);
            Assert.Matches($@"- {scheme}: .*coded data identical on (\d+) of \1 pages", run.StandardOutput);
        }
    }
}
