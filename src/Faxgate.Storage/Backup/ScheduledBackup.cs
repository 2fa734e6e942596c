namespace Faxgate.Storage.Backup;

/// <summary>What one scheduled backup did: the new generation and the old ones it deleted.</summary>
public sealed record ScheduledBackupResult(BackupSummary Backup, IReadOnlyList<string> Pruned);

/// <summary>The daily backup's work: write one generation into the backup folder, then keep only the newest ones.</summary>
public static class ScheduledBackup
{
    public static async Task<ScheduledBackupResult> RunScheduledBackupAsync(Database database, BackupOptions options, string dataDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        int keep = options.CheckedGenerations();
        var folder = new BackupFolder(options.ResolveFolder(dataDirectory));
        folder.Create();
        BackupSummary summary = await BackupWriter.WriteAsync(database, folder.PathFor(database.Time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return new ScheduledBackupResult(summary, folder.Prune(keep));
    }
}
