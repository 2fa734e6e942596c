using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Dapper;

namespace Faxgate.Storage.Queue;

/// <summary>
/// The durable job queue in the database, shared by every Faxgate server on it. Jobs are claimed with fenced leases
/// (owner, expiry, and a token new for every claim); a job whose worker died is claimed again once its lease expires,
/// and dead-lettered instead when it has used all its attempts. One logic for both engines: on MariaDB claimers skip
/// each other's locked rows (<c>FOR UPDATE SKIP LOCKED</c>), on SQLite the write transaction (<c>BEGIN IMMEDIATE</c>)
/// lets one claimer at a time in, across processes. Thread-safe.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a job queue, in the database, not a collection.")]
public sealed partial class JobQueue
{
    private const int MaxKindLength = 64;
    private const int MaxKeyLength = 191;
    private const int MaxOwnerLength = 128;
    private const int MaxErrorLength = 1024;

    private readonly Database _database;

    public JobQueue(Database database, QueueOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        Options = options ?? new QueueOptions();
        Options.Validate();
    }

    public QueueOptions Options { get; }

    /// <summary>The clock the queue's times come from (the database's).</summary>
    public TimeProvider Time => _database.Time;

    /// <summary>
    /// Adds a job and returns its id. When a job with the same idempotency key exists (in any state), nothing changes
    /// and its id is returned.
    /// </summary>
    public Task<long> EnqueueAsync(JobRequest request, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) => EnqueueAsync(connection, transaction, request, cancellationToken), cancellationToken);

    /// <summary>
    /// Adds a job inside the caller's write transaction, so that it exists exactly when the caller's own changes
    /// commit (a received fax and its delivery job). Same idempotency rule as <see cref="EnqueueAsync(JobRequest, CancellationToken)"/>.
    /// </summary>
    public async Task<long> EnqueueAsync(DbConnection connection, DbTransaction transaction, JobRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        Validate(request);
        if (await FindByKeyAsync(connection, transaction, request.IdempotencyKey, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        long now = _database.Now;
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO jobs (kind, payload, idempotency_key, state, run_at, attempts, max_attempts, created_at, updated_at)
                VALUES (@kind, @payload, @key, @state, @runAt, 0, @maxAttempts, @now, @now)
                """,
                new
                {
                    kind = request.Kind,
                    payload = request.Payload,
                    key = request.IdempotencyKey,
                    state = JobStates.Queued,
                    runAt = request.RunAt?.ToUnixTimeMilliseconds() ?? now,
                    maxAttempts = request.MaxAttempts ?? Options.DefaultMaxAttempts,
                    now,
                },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        catch (DbException exception) when (_database.Dialect.IsUniqueViolation(exception))
        {
            // Another transaction enqueued the same key and committed first: its job is the one.
        }

        return await FindByKeyAsync(connection, transaction, request.IdempotencyKey, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"the job with idempotency key {request.IdempotencyKey} vanished while it was enqueued");
    }

    /// <summary>
    /// Claims up to <paramref name="maxJobs"/> jobs that are due (queued with run_at reached, or running under a lease
    /// that expired), oldest first, optionally of the given kinds only. Each claim counts as an attempt. A job whose
    /// lease expired on its last attempt is dead-lettered instead of claimed.
    /// </summary>
    public async Task<IReadOnlyList<JobLease>> ClaimAsync(
        string owner, TimeSpan leaseDuration, int maxJobs, IReadOnlyCollection<string>? kinds, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(owner.Length, MaxOwnerLength, nameof(owner));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxJobs, 1);
        if (kinds is { Count: 0 })
        {
            return [];
        }

        return await _database.WriteAsync(async (connection, transaction) =>
        {
            long now = _database.Now;
            // Two index-ordered reads, so that LIMIT stops the scan early and a claimer locks only the rows it takes
            // (one query with OR would sort, and lock, every due row): expired leases first, then due queued jobs.
            List<ClaimRow> due = await SelectDueAsync(
                connection, transaction, "state = @state AND lease_expires_at <= @now", "lease_expires_at, id", JobStates.Running, now, kinds, maxJobs, cancellationToken).ConfigureAwait(false);
            if (due.Count < maxJobs)
            {
                due.AddRange(await SelectDueAsync(
                    connection, transaction, "state = @state AND run_at <= @now", "run_at, id", JobStates.Queued, now, kinds, maxJobs - due.Count, cancellationToken).ConfigureAwait(false));
            }

            if (due.Count == 0)
            {
                return (IReadOnlyList<JobLease>)[];
            }

            foreach (ClaimRow expired in due.Where(r => r.State == JobStates.Running && r.Attempts >= r.MaxAttempts))
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE jobs SET state = @dead, lease_token = NULL, lease_expires_at = NULL, last_error = @error,
                      finished_at = @now, updated_at = @now
                    WHERE id = @id
                    """,
                    new
                    {
                        dead = JobStates.Dead,
                        error = Cut($"lease of {expired.LeaseOwner} expired on attempt {expired.Attempts} of {expired.MaxAttempts} (the worker stopped or lost the database)"),
                        now,
                        id = expired.Id,
                    },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            List<ClaimRow> claimed = due.Where(r => r.State == JobStates.Queued || r.Attempts < r.MaxAttempts).ToList();
            if (claimed.Count == 0)
            {
                return (IReadOnlyList<JobLease>)[];
            }

            string token = Guid.NewGuid().ToString("D");
            long expiresAt = now + (long)leaseDuration.TotalMilliseconds;
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE jobs SET state = @running, attempts = attempts + 1, lease_owner = @owner, lease_token = @token,
                  lease_expires_at = @expiresAt, updated_at = @now
                WHERE id IN @ids
                """,
                new { running = JobStates.Running, owner, token, expiresAt, now, ids = claimed.Select(r => r.Id).ToList() },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            DateTimeOffset expiry = DateTimeOffset.FromUnixTimeMilliseconds(expiresAt);
            return claimed.Select(r => new JobLease
            {
                JobId = r.Id,
                Kind = r.Kind,
                Payload = r.Payload,
                IdempotencyKey = r.IdempotencyKey,
                Attempt = r.Attempts + 1,
                MaxAttempts = r.MaxAttempts,
                Owner = owner,
                Token = token,
                ExpiresAt = expiry,
            }).ToList();
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<ClaimRow>> SelectDueAsync(
        DbConnection connection, DbTransaction transaction, string condition, string order, string state, long now,
        IReadOnlyCollection<string>? kinds, int limit, CancellationToken cancellationToken)
    {
        string kindFilter = kinds is null ? "" : " AND kind IN @kinds";
        return (await connection.QueryAsync<ClaimRow>(new CommandDefinition(
            $"""
            SELECT id AS Id, kind AS Kind, payload AS Payload, idempotency_key AS IdempotencyKey, state AS State,
                   attempts AS Attempts, max_attempts AS MaxAttempts, lease_owner AS LeaseOwner
            FROM jobs
            WHERE {condition}{kindFilter}
            ORDER BY {order}
            LIMIT @limit{_database.Dialect.SkipLockedSuffix}
            """,
            new { state, now, kinds, limit },
            transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList();
    }

    private static void Validate(JobRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.Kind);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.Kind.Length, MaxKindLength, nameof(request));
        ArgumentNullException.ThrowIfNull(request.Payload);
        ArgumentException.ThrowIfNullOrEmpty(request.IdempotencyKey);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.IdempotencyKey.Length, MaxKeyLength, nameof(request));
        if (request.MaxAttempts is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.MaxAttempts, "a job needs at least one attempt");
        }
    }

    private static async Task<long?> FindByKeyAsync(DbConnection connection, DbTransaction transaction, string key, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            "SELECT id FROM jobs WHERE idempotency_key = @key", new { key }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);

    private static string Cut(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];

    private sealed class ClaimRow
    {
        public long Id { get; set; }

        public string Kind { get; set; } = "";

        public string Payload { get; set; } = "";

        public string IdempotencyKey { get; set; } = "";

        public string State { get; set; } = "";

        public int Attempts { get; set; }

        public int MaxAttempts { get; set; }

        public string? LeaseOwner { get; set; }
    }
}
