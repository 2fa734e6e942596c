using System.Data.Common;
using Dapper;
using Faxgate.Storage.Audit;

namespace Faxgate.Storage.Queue;

/// <summary>What operators do with the queue: look, retry dead jobs, cancel. Every change is in the audit log.</summary>
public sealed partial class JobQueue
{
    private const string InfoColumns =
        """
        id AS Id, kind AS Kind, idempotency_key AS IdempotencyKey, state AS State, run_at AS RunAt, attempts AS Attempts,
        max_attempts AS MaxAttempts, lease_owner AS LeaseOwner, lease_expires_at AS LeaseExpiresAt, last_error AS LastError,
        created_at AS CreatedAt, updated_at AS UpdatedAt, finished_at AS FinishedAt
        """;

    /// <summary>The newest jobs first, of one state and/or kind when the filter says so.</summary>
    public async Task<IReadOnlyList<JobInfo>> ListAsync(JobFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.State is { } state && !JobStates.All.Contains(state))
        {
            throw new InvalidRequestException($"unknown job state '{state}': use {string.Join(", ", JobStates.All)}");
        }

        if (filter.Limit is < 1 or > 100_000)
        {
            throw new InvalidRequestException($"the limit must be 1-100000, not {filter.Limit}");
        }

        string where = (filter.State, filter.Kind) switch
        {
            (null, null) => "",
            (not null, null) => "WHERE state = @State",
            (null, not null) => "WHERE kind = @Kind",
            _ => "WHERE state = @State AND kind = @Kind",
        };
        return await _database.ReadAsync(async connection => (await connection.QueryAsync<JobInfo>(new CommandDefinition(
            $"SELECT {InfoColumns} FROM jobs {where} ORDER BY id DESC LIMIT @Limit",
            filter,
            cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One job; <see cref="InvalidRequestException"/> when there is none with that id.</summary>
    public Task<JobInfo> GetAsync(long id, CancellationToken cancellationToken) =>
        _database.ReadAsync(connection => GetAsync(connection, null, id, cancellationToken), cancellationToken);

    /// <summary>
    /// Queues a dead or cancelled job again, to run now with all its attempts; other states are refused. Returns the
    /// job as it is now.
    /// </summary>
    public Task<JobInfo> RetryAsync(long id, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            JobInfo job = await GetAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
            if (job.State is not (JobStates.Dead or JobStates.Cancelled))
            {
                throw new InvalidRequestException($"job {id} is {job.State}: only dead or cancelled jobs can be retried");
            }

            long now = _database.Now;
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE jobs SET state = @queued, run_at = @now, attempts = 0, lease_token = NULL, lease_expires_at = NULL,
                  finished_at = NULL, updated_at = @now
                WHERE id = @id
                """,
                new { queued = JobStates.Queued, now, id },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            await AuditLog.RecordAsync(connection, transaction, now, actor, "job.retry", $"job {id}", $"{job.Kind}, was {job.State}").ConfigureAwait(false);
            return await GetAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>
    /// Cancels a queued, running or dead job. A running job's worker is fenced out: it can neither complete nor fail
    /// the job any more. Done and already cancelled jobs are refused. Returns the job as it is now.
    /// </summary>
    public Task<JobInfo> CancelAsync(long id, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            JobInfo job = await GetAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
            if (job.State is JobStates.Done or JobStates.Cancelled)
            {
                throw new InvalidRequestException($"job {id} is {job.State}: only queued, running or dead jobs can be cancelled");
            }

            long now = _database.Now;
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE jobs SET state = @cancelled, lease_token = NULL, lease_expires_at = NULL, finished_at = @now, updated_at = @now
                WHERE id = @id
                """,
                new { cancelled = JobStates.Cancelled, now, id },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            await AuditLog.RecordAsync(connection, transaction, now, actor, "job.cancel", $"job {id}", $"{job.Kind}, was {job.State}").ConfigureAwait(false);
            return await GetAsync(connection, transaction, id, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    private async Task<JobInfo> GetAsync(DbConnection connection, DbTransaction? transaction, long id, CancellationToken cancellationToken)
    {
        string lockSuffix = transaction is null ? "" : _database.Dialect.RowLockSuffix;
        return await connection.QuerySingleOrDefaultAsync<JobInfo>(new CommandDefinition(
            $"SELECT {InfoColumns} FROM jobs WHERE id = @id{lockSuffix}",
            new { id },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false)
            ?? throw new InvalidRequestException($"no job {id}");
    }
}
