using System.Text.RegularExpressions;
using Faxgate.TestSupport;

namespace Faxgate.Sip.Tests;

/// <summary>The SDP and digest cores are sans-IO: strings and octets in, values out; no sockets, files, clocks or tasks.</summary>
public sealed partial class SdpAndAuthArchitectureTests
{
    [Theory]
    [InlineData("Sdp")]
    [InlineData("Auth")]
    public void The_cores_are_sans_io(string folder)
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

    [GeneratedRegex(@"\b(System\.IO|System\.Net|File\.|FileStream|Directory\.|Socket|DateTime\.(Now|UtcNow)|DateTimeOffset\.(Now|UtcNow)|TimeProvider|Thread\.|Task\b|Task\.|Timer\b|Stopwatch|Environment\.|Console\.|Faxgate\.Sip\.Messages)")]
    private static partial Regex Forbidden();
}
