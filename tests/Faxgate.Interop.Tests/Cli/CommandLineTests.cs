using Faxgate.TestSupport;

namespace Faxgate.Interop.Tests.Cli;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("jobs", "list")]
    public void Planned_verbs_say_not_available_yet_and_fail(params string[] arguments)
    {
        ExternalTool.Result result = ExternalTool.Faxgate(arguments);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("not available yet", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(result.StandardOutput);
    }

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
        foreach (string verb in new[] { "serve", "convert", "fax", "number", "backup" })
        {
            Assert.Contains(verb, result.StandardOutput, StringComparison.Ordinal);
        }
    }
}
