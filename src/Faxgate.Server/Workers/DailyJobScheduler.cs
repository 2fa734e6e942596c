using System.Globalization;
using Faxgate.Storage.Backup;
using Faxgate.Storage.Queue;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Faxgate.Server.Workers;

/// <summary>
/// Puts each daily job (backup, retention) on the shared queue at its time of day. Every node does this, and the
/// job's idempotency key is its kind and date, so the cluster gets one job per day whichever nodes are up, and any
/// node's worker runs it. A node that starts after today's time enqueues today's job at once: a day missed because
/// every node was down is caught up, and one already run is not run again.
/// </summary>
internal sealed partial class DailyJobScheduler(
    JobQueue queue, IEnumerable<DailyJob> jobs, TimeProvider time, ILogger<DailyJobScheduler> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(jobs.Select(job => ScheduleAsync(job, stoppingToken)));

    /// <summary>The job for the day of <paramref name="runAt"/>.</summary>
    public static JobRequest RequestFor(DailyJob job, DateTimeOffset runAt) => new()
    {
        Kind = job.Kind,
        Payload = runAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IdempotencyKey = $"{job.Kind}:{runAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
        RunAt = runAt,
    };

    private async Task ScheduleAsync(DailyJob job, CancellationToken stoppingToken)
    {
        var schedule = new BackupSchedule(job.TimeOfDay);
        DateTimeOffset next = schedule.LatestRunAtOrBefore(time.GetUtcNow());
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await EnqueueWhenDueAsync(job, next, stoppingToken).ConfigureAwait(false);
                next = schedule.NextRunAfter(next);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (System.Data.Common.DbException exception)
            {
                LogEnqueueFailed(logger, exception, job.Kind);
                await Task.Delay(TimeSpan.FromSeconds(30), time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task EnqueueWhenDueAsync(DailyJob job, DateTimeOffset runAt, CancellationToken stoppingToken)
    {
        TimeSpan wait = runAt - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
        }

        long id = await queue.EnqueueAsync(RequestFor(job, runAt), stoppingToken).ConfigureAwait(false);
        LogEnqueued(logger, job.Kind, runAt, id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "daily {Kind} job for {RunAt:u} is job {JobId}")]
    private static partial void LogEnqueued(ILogger logger, string kind, DateTimeOffset runAt, long jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "could not enqueue the daily {Kind} job; trying again in 30 s")]
    private static partial void LogEnqueueFailed(ILogger logger, Exception exception, string kind);
}
