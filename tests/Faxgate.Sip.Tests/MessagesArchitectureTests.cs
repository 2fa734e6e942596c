using System.Text.RegularExpressions;
using Faxgate.TestSupport;

namespace Faxgate.Sip.Tests;

/// <summary>The shape DESIGN.md asks for: the SIP message layer is sans-IO.</summary>
public sealed partial class MessagesArchitectureTests
{
    [Theory]
    [InlineData("Messages")]
    public void The_protocol_cores_are_sans_io(string folder)
    {
        string path = Path.Combine(Repository.Root, "src", "Faxgate.Sip", folder);
        string[] files = Directory.GetFiles(path, "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (string file in files)
        {
            string code = File.ReadAllText(file);
            Match forbidden = Forbidden().Match(code);
            Assert.False(forbidden.Success, $"{Path.GetRelativePath(path, file)} uses {forbidden.Value}");
        }
    }

    [Fact]
    public void The_sip_project_references_no_other_faxgate_project()
    {
        string project = File.ReadAllText(Path.Combine(Repository.Root, "src", "Faxgate.Sip", "Faxgate.Sip.csproj"));
        Assert.DoesNotContain("ProjectReference", project, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\b(System\.IO|System\.Net|File\.|FileStream|Directory\.|Socket|DateTime\.(Now|UtcNow)|DateTimeOffset\.(Now|UtcNow)|TimeProvider|Thread\.|Task\b|Task\.|Timer\b|Stopwatch|Environment\.|Console\.|Regex)")]
    private static partial Regex Forbidden();
}
