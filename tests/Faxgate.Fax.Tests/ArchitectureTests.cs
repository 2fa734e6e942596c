using System.Text.RegularExpressions;
using Faxgate.TestSupport;

namespace Faxgate.Fax.Tests;

/// <summary>The shape DESIGN.md asks for: the T.30 and T.38 cores are sans-IO; only Transport/ touches sockets and time.</summary>
public sealed partial class ArchitectureTests
{
    [Theory]
    [InlineData("T30")]
    [InlineData("T38")]
    public void The_protocol_cores_are_sans_io(string folder)
    {
        string path = Path.Combine(Repository.Root, "src", "Faxgate.Fax", folder);
        string[] files = Directory.GetFiles(path, "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (string file in files)
        {
            string code = File.ReadAllText(file);
            Match forbidden = Forbidden().Match(code);
            Assert.False(forbidden.Success, $"{Path.GetRelativePath(path, file)} uses {forbidden.Value}");
        }
    }

    [GeneratedRegex(@"\b(System\.IO|System\.Net|File\.|FileStream|Directory\.|Socket|DateTime\.(Now|UtcNow)|DateTimeOffset\.(Now|UtcNow)|TimeProvider|Thread\.|Task\b|Task\.|Timer\b|Stopwatch|Environment\.|Console\.)")]
    private static partial Regex Forbidden();
}
