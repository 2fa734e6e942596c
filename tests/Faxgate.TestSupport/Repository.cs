namespace Faxgate.TestSupport;

/// <summary>Where things are: the repository root, the shared corpus beside it, scratch folders.</summary>
public static class Repository
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository root (the folder holding Faxgate.slnx).</summary>
    public static string Root => RootPath.Value;

    /// <summary>The ./faxgate script at the repository root.</summary>
    public static string FaxgateScript => Path.Combine(Root, "faxgate");

    /// <summary>A new empty folder under the system temp folder, for one test.</summary>
    public static string NewScratchDirectory(string purpose)
    {
        string path = Path.Combine(Path.GetTempPath(), "faxgate-tests", $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Faxgate.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Faxgate.slnx above {AppContext.BaseDirectory}");
    }
}
