using System.Globalization;
using Faxgate.Server.Workers;
using Faxgate.Storage;
using Faxgate.Storage.Backup;
using Faxgate.Storage.Queue;
using Microsoft.Extensions.Configuration;

namespace Faxgate.Server.Options;

/// <summary>
/// The settings the server checks before it starts, so that a value out of range stops the start with one line
/// naming the setting instead of failing later inside a worker.
/// </summary>
internal sealed record ServerSettings(QueueOptions Queue, IReadOnlyList<DailyJob> DailyJobs)
{
    public static ServerSettings Read(IConfiguration configuration, string dataDirectory)
    {
        var jobs = new JobsOptions();
        configuration.GetSection(JobsOptions.Section).Bind(jobs);
        var backup = new BackupOptions();
        configuration.GetSection(BackupOptions.Section).Bind(backup);
        var server = new ServerOptions();
        configuration.GetSection(ServerOptions.Section).Bind(server);
        try
        {
            QueueOptions queue = jobs.ToQueueOptions();
            jobs.ToRunnerOptions(server.NodeName);
            var daily = new List<DailyJob> { new(RetentionJobHandler.JobKind, ParseTime(jobs.RetentionTimeOfDay, "Jobs:RetentionTimeOfDay")) };
            if (backup.Enabled)
            {
                backup.CheckedGenerations();
                _ = backup.ResolveFolder(dataDirectory);
                daily.Add(new DailyJob(BackupJobHandler.JobKind, backup.ParseTimeOfDay()));
            }

            return new ServerSettings(queue, daily);
        }
        catch (ArgumentException exception)
        {
            throw new StorageConfigurationException($"a setting is out of range: {exception.Message}", exception);
        }
    }

    private static TimeOnly ParseTime(string text, string setting) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out TimeOnly time)
            ? time
            : throw new StorageConfigurationException($"{setting} '{text}' is not a time of day HH:mm (UTC)");
}
