using Faxgate.Server.Options;
using Faxgate.Storage;
using Faxgate.Storage.Backup;
using Faxgate.Storage.Queue;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Faxgate.Server.Workers;

/// <summary>The daily backup: one new generation in the backup folder of the node that runs it, older ones pruned.</summary>
internal sealed partial class BackupJobHandler(
    Database database, IOptions<BackupOptions> backup, IOptions<ServerOptions> server, ILogger<BackupJobHandler> logger) : IJobHandler
{
    public const string JobKind = "backup";

    public string Kind => JobKind;

    public async Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ScheduledBackupResult result = await ScheduledBackup.RunScheduledBackupAsync(
            database, backup.Value, server.Value.DataDirectory, cancellationToken).ConfigureAwait(false);
        LogBackup(logger, result.Backup.Path ?? "", result.Backup.Tables, result.Backup.Rows, result.Backup.Bytes, result.Pruned.Count);
        return JobResult.Done();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "backup written to {Path}: {Tables} tables, {Rows} rows, {Bytes} bytes; {Pruned} old generations deleted")]
    private static partial void LogBackup(ILogger logger, string path, int tables, long rows, long bytes, int pruned);
}
