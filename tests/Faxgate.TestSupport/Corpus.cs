using Xunit;

namespace Faxgate.TestSupport;

/// <summary>
/// The shared test corpus (../shared/corpus beside the repository, or FAXGATE_CORPUS). Its files
/// stay there; tests that need them skip, visibly, when it is absent.
/// </summary>
public static class Corpus
{
    private static readonly Lazy<string?> RootPath = new(Find);

    public static string? Root => RootPath.Value;

    public static bool Available => Root is not null;

    /// <summary>The path of a corpus file, skipping the calling test when the corpus is absent.</summary>
    public static string File(string relativePath)
    {
        Skip.If(Root is null, "the shared corpus (../shared/corpus) is not present");
        string path = Path.Combine(Root!, relativePath);
        Skip.IfNot(System.IO.File.Exists(path), $"corpus file {relativePath} is not present");
        return path;
    }

    /// <summary>Corpus files under a folder, relative to the corpus root; empty when the corpus is absent.</summary>
    public static IEnumerable<string> Files(string folder, params string[] extensions)
    {
        if (Root is null || !Directory.Exists(Path.Combine(Root, folder)))
        {
            return [];
        }

        return Directory.EnumerateFiles(Path.Combine(Root, folder), "*", SearchOption.AllDirectories)
            .Where(f => extensions.Length == 0 || extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Select(f => Path.GetRelativePath(Root, f))
            .Order(StringComparer.Ordinal);
    }

    private static string? Find()
    {
        string? configured = Environment.GetEnvironmentVariable("FAXGATE_CORPUS");
        if (!string.IsNullOrEmpty(configured))
        {
            return Directory.Exists(configured) ? configured : null;
        }

        string candidate = Path.GetFullPath(Path.Combine(Repository.Root, "..", "shared", "corpus"));
        return Directory.Exists(candidate) ? candidate : null;
    }
}
