using Faxgate.TestSupport;

namespace Faxgate.Interop.Tests.Cli;

public sealed class CommandLineTests
{
    [Fact]
    public void Unknown_verb_is_a_usage_error()
    {
        ExternalTool.Result result = ExternalTool.Faxgate("frobnicate");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("frobnicate", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_the_verbs()
    {
        ExternalTool.Result result = ExternalTool.Faxgate("--help");
        Assert.Equal(0, result.ExitCode);
        foreach (string verb in new[] { "serve", "convert", "fax", "account", "number", "sender", "jobs", "backup", "restore" })
        {
            Assert.Contains(verb, result.StandardOutput, StringComparison.Ordinal);
        }
    }
}
