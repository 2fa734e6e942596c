using System.Globalization;

namespace Faxgate.Storage.Backup;

/// <summary>The daily backup (configuration section "Backup").</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>Whether the servers take a backup every day (one server of several does it).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Where the generations go; default <c>DATA/backups</c>. A relative path is taken from the data folder.</summary>
    public string? Folder { get; set; }

    /// <summary>When, as HH:mm in UTC.</summary>
    public string TimeOfDay { get; set; } = "02:30";

    /// <summary>How many daily backups to keep; older ones are deleted after a new one was written.</summary>
    public int Generations { get; set; } = 7;

    /// <summary>The backup folder as a full path.</summary>
    public string ResolveFolder(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        string data = Path.GetFullPath(dataDirectory);
        return string.IsNullOrWhiteSpace(Folder) ? Path.Combine(data, "backups") : Path.GetFullPath(Folder, data);
    }

    /// <summary>The configured time of day, checked.</summary>
    public TimeOnly ParseTimeOfDay()
    {
        if (!TimeOnly.TryParseExact(TimeOfDay?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out TimeOnly time))
        {
            throw new StorageConfigurationException($"Backup:TimeOfDay '{TimeOfDay}' is not a time of day: write HH:mm (UTC), e.g. 02:30");
        }

        return time;
    }

    /// <summary>The configured number of generations, checked.</summary>
    public int CheckedGenerations() => Generations >= 1
        ? Generations
        : throw new StorageConfigurationException($"Backup:Generations is {Generations}: keep at least 1");
}
