using System.Text.RegularExpressions;
using Xunit;

namespace Faxgate.TestSupport;

/// <summary>
/// The architecture rule DESIGN.md sets for protocol cores: no sockets, files, clocks, tasks, timers or console in a
/// sans-IO folder. Checked on the source text, so a reader sees the rule and a break names the file and the use.
/// </summary>
public static partial class SansIo
{
    /// <summary>Fails when a file under src/PROJECT/FOLDER uses I/O, time or threads, or matches <paramref name="alsoForbidden"/>.</summary>
    public static void AssertFolder(string project, string folder, string? alsoForbidden = null)
    {
        string path = Path.Combine(Repository.Root, "src", project, folder);
        string[] files = Directory.GetFiles(path, "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        Regex? extra = alsoForbidden is null ? null : new Regex(alsoForbidden, RegexOptions.None, TimeSpan.FromSeconds(5));
        foreach (string file in files)
        {
            string code = File.ReadAllText(file);
            Match forbidden = Forbidden().Match(code);
            if (!forbidden.Success && extra is not null)
            {
                forbidden = extra.Match(code);
            }

            Assert.False(forbidden.Success, $"{Path.GetRelativePath(path, file)} uses {forbidden.Value}");
        }
    }

    [GeneratedRegex(@"\b(System\.IO|System\.Net|File\.|FileStream|Directory\.|Socket|DateTime\.(Now|UtcNow)|DateTimeOffset\.(Now|UtcNow)|TimeProvider|Thread\.|Task\b|Task\.|Timer\b|Stopwatch|Environment\.|Console\.)")]
    private static partial Regex Forbidden();
}
