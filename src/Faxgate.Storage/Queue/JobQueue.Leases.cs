using System.Data.Common;
using Dapper;

namespace Faxgate.Storage.Queue;

/// <summary>What a lease holder may do: renew, complete, fail, and record external effects. All fenced.</summary>
public sealed partial class JobQueue
{
    private const int MaxEffectLength = 64;

    /// <summary>
    /// Extends the lease to now + <paramref name="duration"/>. False when the caller no longer holds it (the job was
    /// claimed again, cancelled or finished): then nothing changed and the caller must stop working on the job.
    /// </summary>
    public Task<bool> RenewAsync(JobLease lease, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        return FencedAsync(lease, async (connection, transaction, _) =>
        {
            long now = _database.Now;
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE jobs SET lease_expires_at = @expiresAt, updated_at = @now WHERE id = @id",
                new { expiresAt = now + (long)duration.TotalMilliseconds, now, id = lease.JobId },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return true;
        }, false, cancellationToken);
    }

    /// <summary>Marks the job done; false when the caller no longer holds the lease (then nothing changed).</summary>
    public Task<bool> CompleteAsync(JobLease lease, CancellationToken cancellationToken) => CompleteAsync(lease, null, cancellationToken);

    /// <summary>
    /// Marks the job done, running <paramref name="alsoInTransaction"/> (the handler's own database changes) in the
    /// same transaction, so that they commit exactly when the completion does. False when the caller no longer holds
    /// the lease: then neither happened. The engine may ask for a transaction to be run again (a deadlock), so
    /// <paramref name="alsoInTransaction"/> must not have effects outside the transaction.
    /// </summary>
    public Task<bool> CompleteAsync(
        JobLease lease, Func<DbConnection, DbTransaction, Task>? alsoInTransaction, CancellationToken cancellationToken) =>
        FencedAsync(lease, async (connection, transaction, _) =>
        {
            if (alsoInTransaction is not null)
            {
                await alsoInTransaction(connection, transaction).ConfigureAwait(false);
            }

            long now = _database.Now;
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE jobs SET state = @done, lease_token = NULL, lease_expires_at = NULL, finished_at = @now, updated_at = @now
                WHERE id = @id
                """,
                new { done = JobStates.Done, now, id = lease.JobId },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return true;
        }, false, cancellationToken);

    /// <summary>
    /// Gives the job back without counting the attempt (its worker is stopping): queued again, due now, for any worker.
    /// False when the caller no longer holds the lease (then nothing changed).
    /// </summary>
    public Task<bool> ReleaseAsync(JobLease lease, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return FencedAsync(lease, async (connection, transaction, _) =>
        {
            long now = _database.Now;
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE jobs SET state = @queued, run_at = @now, attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END,
                  lease_token = NULL, lease_expires_at = NULL, last_error = @reason, updated_at = @now
                WHERE id = @id
                """,
                new { queued = JobStates.Queued, now, reason = reason.Length <= 1024 ? reason : reason[..1024], id = lease.JobId },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return true;
        }, false, cancellationToken);
    }

    /// <summary>
    /// Records a failed attempt. Retryable with attempts left: queued again after the back-off
    /// (<see cref="RetryBackoff"/>). Otherwise dead-lettered. <paramref name="error"/> is kept (cut to 1024
    /// characters) for operators, so it must name no content and no secret.
    /// </summary>
    public Task<JobFailure> FailAsync(JobLease lease, string error, bool retryable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        return FencedAsync(lease, async (connection, transaction, held) =>
        {
            long now = _database.Now;
            bool again = retryable && held.Attempts < held.MaxAttempts;
            if (again)
            {
                TimeSpan delay = RetryBackoff.Delay(Options, Math.Max(1, held.Attempts), Random.Shared.NextDouble());
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE jobs SET state = @queued, run_at = @runAt, lease_token = NULL, lease_expires_at = NULL,
                      last_error = @error, updated_at = @now
                    WHERE id = @id
                    """,
                    new { queued = JobStates.Queued, runAt = now + (long)delay.TotalMilliseconds, error = Cut(error), now, id = lease.JobId },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                return JobFailure.Retrying;
            }

            string reason = retryable ? $"{error} (attempt {held.Attempts} of {held.MaxAttempts}: giving up)" : error;
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE jobs SET state = @dead, lease_token = NULL, lease_expires_at = NULL, last_error = @error,
                  finished_at = @now, updated_at = @now
                WHERE id = @id
                """,
                new { dead = JobStates.Dead, error = Cut(reason), now, id = lease.JobId },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return JobFailure.Dead;
        }, JobFailure.LeaseLost, cancellationToken);
    }

    /// <summary>
    /// Records that the job's external effect <paramref name="effect"/> (an email sent, a fax delivered) happened,
    /// under the job's idempotency key. True when it is newly recorded; false when it was recorded before (by an
    /// earlier attempt) or when the caller no longer holds the lease. Handlers check <see cref="HasEffectAsync"/>
    /// before the effect and record it right after, so a retried job skips what an earlier attempt finished.
    /// </summary>
    public Task<bool> TryRecordEffectAsync(JobLease lease, string effect, CancellationToken cancellationToken)
    {
        ValidateEffect(effect);
        return FencedAsync(lease, async (connection, transaction, _) =>
        {
            int existing = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM job_effects WHERE idempotency_key = @key AND effect = @effect",
                new { key = lease.IdempotencyKey, effect },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (existing > 0)
            {
                return false;
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO job_effects (idempotency_key, effect, recorded_at) VALUES (@key, @effect, @now)",
                new { key = lease.IdempotencyKey, effect, now = _database.Now },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return true;
        }, false, cancellationToken);
    }

    /// <summary>True when the effect was recorded for the idempotency key (by any attempt of its job).</summary>
    public Task<bool> HasEffectAsync(string idempotencyKey, string effect, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        ValidateEffect(effect);
        return _database.ReadAsync(async connection => await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM job_effects WHERE idempotency_key = @idempotencyKey AND effect = @effect",
            new { idempotencyKey, effect },
            cancellationToken: cancellationToken)).ConfigureAwait(false) > 0, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction only while the job is running under the lease's token,
    /// with the job's row locked until commit so that no claim or cancel can slip in between; otherwise returns
    /// <paramref name="lost"/> and changes nothing.
    /// </summary>
    private Task<T> FencedAsync<T>(JobLease lease, Func<DbConnection, DbTransaction, HeldRow, Task<T>> work, T lost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            HeldRow? row = await connection.QuerySingleOrDefaultAsync<HeldRow>(new CommandDefinition(
                $"SELECT state AS State, lease_token AS LeaseToken, attempts AS Attempts, max_attempts AS MaxAttempts FROM jobs WHERE id = @id{_database.Dialect.RowLockSuffix}",
                new { id = lease.JobId },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (row is null || row.State != JobStates.Running || row.LeaseToken != lease.Token)
            {
                return lost;
            }

            return await work(connection, transaction, row).ConfigureAwait(false);
        }, cancellationToken);
    }

    private static void ValidateEffect(string effect)
    {
        ArgumentException.ThrowIfNullOrEmpty(effect);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(effect.Length, MaxEffectLength, nameof(effect));
    }

    private sealed class HeldRow
    {
        public string State { get; set; } = "";

        public string? LeaseToken { get; set; }

        public int Attempts { get; set; }

        public int MaxAttempts { get; set; }
    }
}
