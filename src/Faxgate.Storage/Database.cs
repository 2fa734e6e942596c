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
    private Database(SqlDialect dialect, TimeProvider time)
    {
        Dialect = dialect;
        Time = time;
    }

    public SqlDialect Dialect { get; }

    public TimeProvider Time { get; }

    /// <summary>Now, as stored in the database: milliseconds since 1970-01-01 UTC.</summary>
    public long Now => Time.GetUtcNow().ToUnixTimeMilliseconds();

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
    public static async Task<Database> OpenAsync(StorageOptions options, string dataDirectory, TimeProvider time, CancellationToken cancellationToken)
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

        var database = new Database(dialect, time);
        await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        return database;
    }

    /// <summary>Opens the database without migrating it (for restore, which needs an empty one).</summary>
    public static Database Attach(SqlDialect dialect, TimeProvider time) => new(dialect, time);

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
