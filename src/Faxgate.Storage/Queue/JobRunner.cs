using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Faxgate.Storage.Queue;

/// <summary>
/// Runs jobs in one process: claims as many as it has free slots, runs each with its kind's handler, renews each
/// lease every third of its duration while the handler works (cancelling the handler's token if the lease is lost),
/// then completes or fails the job. When the queue has nothing due it waits <see cref="JobRunnerOptions.PollInterval"/>.
/// <para>
/// Stopping: when the token given to <see cref="RunAsync"/> fires, the runner claims nothing more and cancels its
/// handlers' tokens, but keeps renewing their leases until they return, and records what they return. A handler that
/// ends by that cancellation has its job failed retryably ("the worker stopped during the attempt"), so another server
/// runs it after the back-off instead of waiting for the lease to expire. <see cref="RunAsync"/> returns when every
/// handler has ended. A process that dies instead leaves its leases to expire.
/// </para>
/// </summary>
public sealed partial class JobRunner
{
    private readonly JobQueue _queue;
    private readonly Dictionary<string, IJobHandler> _handlers;
    private readonly JobRunnerOptions _options;
    private readonly ILogger _logger;

    public JobRunner(JobQueue queue, IEnumerable<IJobHandler> handlers, JobRunnerOptions options, ILogger<JobRunner>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _queue = queue;
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _handlers = new Dictionary<string, IJobHandler>(StringComparer.Ordinal);
        foreach (IJobHandler handler in handlers)
        {
            if (!_handlers.TryAdd(handler.Kind, handler))
            {
                throw new ArgumentException($"two handlers for job kind '{handler.Kind}'", nameof(handlers));
            }
        }
    }

    /// <summary>Runs jobs until <paramref name="stoppingToken"/> fires and the jobs in flight have ended.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        IReadOnlyCollection<string>? kinds = _options.OnlyHandledKinds ? _handlers.Keys : null;
        var inFlight = new HashSet<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                inFlight.RemoveWhere(task => task.IsCompleted);
                int free = _options.Slots - inFlight.Count;
                if (free == 0)
                {
                    await Task.WhenAny(inFlight).WaitAsync(stoppingToken).ConfigureAwait(false);
                    continue;
                }

                IReadOnlyList<JobLease> leases;
                try
                {
                    leases = await _queue.ClaimAsync(_options.Owner, _options.LeaseDuration, free, kinds, stoppingToken).ConfigureAwait(false);
                }
                catch (DbException exception)
                {
                    LogClaimFailed(exception.Message);
                    leases = [];
                }

                foreach (JobLease lease in leases)
                {
                    inFlight.Add(RunJobAsync(lease, stoppingToken));
                }

                if (leases.Count < free)
                {
                    // Nothing more is due (or the database is away): look again after the poll interval.
                    await Task.Delay(_options.PollInterval, _queue.Time, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: fall through to wait for the jobs in flight.
        }
        finally
        {
            await Task.WhenAll(inFlight).ConfigureAwait(false);
        }
    }

    /// <summary>One attempt, start to end. Never throws: every outcome ends in the database or in the log.</summary>
    private async Task RunJobAsync(JobLease lease, CancellationToken stoppingToken)
    {
        await Task.Yield();
        // The attempt ends when the runner stops, when the lease is lost, and when the lease is about to run out without
        // a renewal (the database out of reach): another worker may take the job from then on.
        using var leaseRunsOut = new CancellationTokenSource(HeldFor, _queue.Time);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, leaseRunsOut.Token);
        using var renewing = new CancellationTokenSource();
        Task renewal = RenewUntilStoppedAsync(lease, attempt, leaseRunsOut, renewing.Token);
        JobResult result;
        try
        {
            result = await HandleAsync(lease, attempt.Token, stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            await renewing.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
        }

        try
        {
            await FinishAsync(lease, result).ConfigureAwait(false);
        }
        catch (DbException exception)
        {
            // The lease expires and another attempt follows.
            LogFinishFailed(lease.JobId, lease.Kind, exception.Message);
        }
    }

    /// <summary>Completes or fails the job as the handler said; a completion whose own writes fail is a retryable failure.</summary>
    private async Task FinishAsync(JobLease lease, JobResult result)
    {
        if (result.Succeeded)
        {
            try
            {
                if (!await _queue.CompleteAsync(lease, result.AlsoInTransaction, CancellationToken.None).ConfigureAwait(false))
                {
                    LogLeaseLost(lease.JobId, lease.Kind);
                }

                return;
            }
#pragma warning disable CA1031 // The handler's writes in the completion failed (rolled back): the job's failure, recorded and retried.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                result = JobResult.Retry($"completing failed: {exception.GetType().Name}: {exception.Message}");
            }
        }

        if (ReferenceEquals(result, JobResult.WorkerStopped))
        {
            // A stop is not the job's failure: it goes back to the queue at once, without using up an attempt.
            if (!await _queue.ReleaseAsync(lease, result.Error!, CancellationToken.None).ConfigureAwait(false))
            {
                LogLeaseLost(lease.JobId, lease.Kind);
            }

            return;
        }

        JobFailure failure = await _queue.FailAsync(lease, result.Error ?? "failed", result.Retryable, CancellationToken.None).ConfigureAwait(false);
        if (failure == JobFailure.LeaseLost)
        {
            LogLeaseLost(lease.JobId, lease.Kind);
        }
        else
        {
            LogJobFailed(lease.JobId, lease.Kind, lease.Attempt, failure == JobFailure.Retrying, result.Error ?? "");
        }
    }

    private async Task<JobResult> HandleAsync(JobLease lease, CancellationToken attemptToken, CancellationToken stoppingToken)
    {
        if (!_handlers.TryGetValue(lease.Kind, out IJobHandler? handler))
        {
            return JobResult.Fail($"no handler for job kind '{lease.Kind}' on {_options.Owner}");
        }

        try
        {
            return await handler.HandleAsync(new JobContext(_queue, lease), attemptToken).ConfigureAwait(false);
        }
        catch (JobFailedException exception)
        {
            return exception.Retryable ? JobResult.Retry(exception.Message) : JobResult.Fail(exception.Message);
        }
        catch (OperationCanceledException) when (attemptToken.IsCancellationRequested)
        {
            return stoppingToken.IsCancellationRequested ? JobResult.WorkerStopped : JobResult.Retry("the lease was lost during the attempt");
        }
#pragma warning disable CA1031 // A handler's failure of any kind is the job's failure: recorded with its type and message, retried.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return JobResult.Retry($"{exception.GetType().Name}: {exception.Message}");
        }
    }

    /// <summary>How long an attempt may go on after its last successful renewal: the lease less a safety margin.</summary>
    private TimeSpan HeldFor => _options.LeaseDuration - (_options.LeaseDuration / 6);

    /// <summary>
    /// Renews the lease every third of its duration until stopped; cancels the attempt when the lease is lost, and
    /// pushes the attempt's run-out deadline on after each renewal that succeeded.
    /// </summary>
    private async Task RenewUntilStoppedAsync(JobLease lease, CancellationTokenSource attempt, CancellationTokenSource leaseRunsOut, CancellationToken stop)
    {
        TimeSpan every = _options.LeaseDuration / 3;
        try
        {
            while (true)
            {
                await Task.Delay(every, _queue.Time, stop).ConfigureAwait(false);
                bool held;
                DateTimeOffset asked = _queue.Time.GetUtcNow();
                try
                {
                    held = await _queue.RenewAsync(lease, _options.LeaseDuration, stop).ConfigureAwait(false);
                }
                catch (DbException exception)
                {
                    LogRenewFailed(lease.JobId, exception.Message);
                    continue;
                }

                if (held)
                {
                    TimeSpan left = HeldFor - (_queue.Time.GetUtcNow() - asked);
                    leaseRunsOut.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
                }
                else
                {
                    LogLeaseLost(lease.JobId, lease.Kind);
                    await attempt.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The attempt ended.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "job queue: claiming failed, trying again after the poll interval: {Error}")]
    private partial void LogClaimFailed(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "job {JobId} ({Kind}): the lease was lost; another worker owns the job now, or it was cancelled")]
    private partial void LogLeaseLost(long jobId, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "job {JobId} ({Kind}) attempt {Attempt} failed (will retry: {Retrying}): {Error}")]
    private partial void LogJobFailed(long jobId, string kind, int attempt, bool retrying, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "job {JobId} ({Kind}): recording the outcome failed, the lease will expire and the job run again: {Error}")]
    private partial void LogFinishFailed(long jobId, string kind, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "job {JobId}: renewing the lease failed, trying again: {Error}")]
    private partial void LogRenewFailed(long jobId, string error);
}
