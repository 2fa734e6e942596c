using Faxgate.TestSupport;
using Faxgate.TestSupport.SpanDsp;

namespace Faxgate.Interop.Tests.SpanDsp;

/// <summary>
/// Keeps the T.38 transfer benchmark working: its quick run completes, SpanDSP and Faxgate each transfer every page
/// (the benchmark itself checks the pixels and both outcomes), and it prints a row per transfer and the ratio.
/// </summary>
public sealed class T38BenchmarkTests
{
    [SkippableFact]
    public void Quick_t38_benchmark_run_transfers_every_page_on_both_sides_and_reports_the_ratio()
    {
        SpanDspT38Terminal.Require();
        string configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        string dll = Path.Combine(Repository.Root, "bench", "Faxgate.Bench", "bin", configuration, "net10.0", "Faxgate.Bench.dll");
        Skip.IfNot(File.Exists(dll), $"the benchmark is not built ({dll}); ./test.sh builds the whole solution");

        ExternalTool.Result run = ExternalTool.Run("dotnet", [dll, "t38", "--quick"], TimeSpan.FromMinutes(2));
        Assert.True(run.ExitCode == 0, run.Describe("bench t38 --quick"));
        foreach (string transfer in new[] { "SpanDSP to SpanDSP", "SpanDSP to SpanDSP, unpaced", "Faxgate to Faxgate", "Faxgate to Faxgate, TIFF files" })
        {
            Assert.Matches($@"\| {transfer} \| 14400 bit/s, ECM, MMR \| 3 \| [0-9.]+ s \| [0-9,]+ \| [0-9.]+ \|", run.StandardOutput);
        }

        Assert.Matches(@"\| Faxgate to Faxgate \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \|", run.StandardOutput);
    }
}
