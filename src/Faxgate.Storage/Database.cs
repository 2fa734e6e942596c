using System.Data.Common;
using Faxgate.Storage.Dialects;
using Faxgate.Storage.Schema;

namespace Faxgate.Storage;

/// <summary>
/// Faxgate's database: the configured engine, migrated to this build's schema. Thread-safe; every operation opens a
/// pooled connection of its own, so one instance serves a whole server.
/// </summary>
public sealed class Database
{
    private readonly bool _useServerClock;

    private Database(SqlDialect dialect, TimeProvider time, bool? useServerClock)
    {
        Dialect = dialect;
        Time = time;
        _useServerClock = useServerClock ?? time == TimeProvider.System;
    }

    public SqlDialect Dialect { get; }

    public TimeProvider Time { get; }

    private long _clockOffset;

    /// <summary>
    /// Now, as stored in the database: milliseconds since 1970-01-01 UTC. On a shared database server this is the
    /// server's clock (this machine's clock corrected by the offset <see cref="SyncClockAsync"/> measured), so that
    /// every node judges leases and due times by one clock, whatever its own clock says.
    /// </summary>
    public long Now => Time.GetUtcNow().ToUnixTimeMilliseconds() + Volatile.Read(ref _clockOffset);

    /// <summary>How far the database server's clock is ahead of this machine's, in milliseconds (0 on SQLite).</summary>
    public long ClockOffset => Volatile.Read(ref _clockOffset);

    /// <summary>
    /// Measures the database server's clock against this machine's and corrects <see cref="Now"/> by the difference.
    /// Done at start and with every node heartbeat. By default only with the system clock: a test that drives time
    /// itself keeps its own clock.
    /// </summary>
    public async Task SyncClockAsync(CancellationToken cancellationToken)
    {
        if (!_useServerClock)
        {
            return;
        }

        await using DbConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        long before = Time.GetUtcNow().ToUnixTimeMilliseconds();
        long? server = await Dialect.ServerClockAsync(connection, cancellationToken).ConfigureAwait(false);
        long after = Time.GetUtcNow().ToUnixTimeMilliseconds();
        if (server is { } serverNow)
        {
            Volatile.Write(ref _clockOffset, serverNow - ((before + after) / 2));
        }
    }

    /// <summary>Chooses the engine the options name, without touching it yet.</summary>
    public static SqlDialect CreateDialect(StorageOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        string provider = (options.Provider ?? "sqlite").Trim().ToLowerInvariant();
        int timeout = options.CommandTimeoutSeconds > 0 ? options.CommandTimeoutSeconds : 30;
        switch (provider)
        {
            case "sqlite":
                string connection = string.IsNullOrWhiteSpace(options.ConnectionString)
                    ? $"Data Source={Path.Combine(Path.GetFullPath(dataDirectory), "faxgate.db")}"
                    : options.ConnectionString;
                return new SqliteDialect(connection, timeout);
            case "mariadb" or "mysql":
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    throw new StorageConfigurationException("Storage:Provider is mariadb but Storage:ConnectionString is not set");
                }

                return new MariaDbDialect(options.ConnectionString, timeout);
            default:
                throw new StorageConfigurationException($"Storage:Provider '{options.Provider}' is not known: use sqlite or mariadb");
        }
    }

    /// <summary>Opens the database the options name and migrates it to this build's schema.</summary>
    public static async Task<Database> OpenAsync(
        StorageOptions options, string dataDirectory, TimeProvider time, CancellationToken cancellationToken, bool? useServerClock = null)
    {
        SqlDialect dialect = CreateDialect(options, dataDirectory);
        if (dialect is SqliteDialect sqlite)
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(sqlite.DataSource));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }
        }

        var database = new Database(dialect, time, useServerClock);
        await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await database.SyncClockAsync(cancellationToken).ConfigureAwait(false);
        return database;
    }

    /// <summary>Opens the database without migrating it (for restore, which needs an empty one).</summary>
    public static Database Attach(SqlDialect dialect, TimeProvider time) => new(dialect, time, null);

    /// <summary>Brings the schema up to <paramref name="targetVersion"/> (default: the latest).</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken, int? targetVersion = null)
    {
        await using DbConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await Migrator.MigrateAsync(Dialect, connection, Time, cancellationToken, targetVersion).ConfigureAwait(false);
    }

    public Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) => Dialect.OpenAsync(cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction and commits it. A deadlock or lock wait timeout chosen by the
    /// engine rolls back and runs the work again (at most 5 times), so callers see either success or a real error.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        for (int attempt = 1; ; attempt++)
        {
            await using DbConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using DbTransaction transaction = await Dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            try
            {
                T result = await work(connection, transaction).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
            catch (DbException exception) when (attempt < 5 && Dialect.IsTransient(exception))
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromMilliseconds(10 * attempt * Random.Shared.Next(1, 5)), Time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> on a connection of its own, outside any explicit transaction.</summary>
    public async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using DbConnection connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await work(connection).ConfigureAwait(false);
    }
}
