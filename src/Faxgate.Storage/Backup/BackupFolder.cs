using System.Globalization;
using System.Text.RegularExpressions;

namespace Faxgate.Storage.Backup;

/// <summary>One backup in a <see cref="BackupFolder"/>.</summary>
public sealed record BackupGeneration(string Path, DateTimeOffset TakenAt);

/// <summary>
/// A folder of backup generations named after the moment they were taken, <c>faxgate-20261129T023000Z.fgbackup</c>, so
/// that name order is time order. Other files (and unfinished <c>.tmp</c> files) are left alone.
/// </summary>
public sealed partial class BackupFolder
{
    private const string Stamp = "yyyyMMdd'T'HHmmss'Z'";

    public BackupFolder(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    public string Path { get; }

    /// <summary>Creates the folder (mode 0700) when it does not exist.</summary>
    public void Create()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Path);
        }
        else
        {
            Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The file for a backup taken at <paramref name="time"/> (to the second, UTC).</summary>
    public string PathFor(DateTimeOffset time) =>
        System.IO.Path.Combine(Path, $"faxgate-{time.UtcDateTime.ToString(Stamp, CultureInfo.InvariantCulture)}{BackupFormat.Extension}");

    /// <summary>The generations in the folder, newest first.</summary>
    public IReadOnlyList<BackupGeneration> List()
    {
        if (!Directory.Exists(Path))
        {
            return [];
        }

        var generations = new List<BackupGeneration>();
        foreach (string file in Directory.EnumerateFiles(Path))
        {
            Match match = GenerationName().Match(System.IO.Path.GetFileName(file));
            if (match.Success && DateTime.TryParseExact(match.Groups[1].Value, Stamp, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime taken))
            {
                generations.Add(new BackupGeneration(file, new DateTimeOffset(taken, TimeSpan.Zero)));
            }
        }

        return [.. generations.OrderByDescending(g => g.TakenAt).ThenByDescending(g => g.Path, StringComparer.Ordinal)];
    }

    /// <summary>Deletes all but the <paramref name="keep"/> newest generations; returns the files deleted.</summary>
    public IReadOnlyList<string> Prune(int keep)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        var deleted = new List<string>();
        foreach (BackupGeneration old in List().Skip(keep))
        {
            File.Delete(old.Path);
            deleted.Add(old.Path);
        }

        return deleted;
    }

    [GeneratedRegex(@"^faxgate-(\d{8}T\d{6}Z)\.fgbackup$")]
    private static partial Regex GenerationName();
}
