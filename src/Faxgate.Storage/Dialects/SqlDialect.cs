using System.Data;
using System.Data.Common;

namespace Faxgate.Storage.Dialects;

/// <summary>
/// What differs between the database engines. Everything else (schema, queue, repositories) is shared and speaks the
/// common subset of SQL both engines understand, with <c>@name</c> parameters.
/// </summary>
public abstract class SqlDialect
{
    public abstract StorageProvider Provider { get; }

    /// <summary>Opens a connection with the session settings Faxgate relies on.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Begins a transaction that will write. On SQLite this takes the write lock at once (<c>BEGIN IMMEDIATE</c>), so two
    /// processes never both read and then both try to upgrade; on MariaDB it runs at READ COMMITTED with row locks.
    /// </summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Begins a read-only transaction that sees one consistent snapshot of every table (for backups).</summary>
    public abstract Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>The column type for a name, with the engine's spelling (see <see cref="Schema.ColumnTypes"/>).</summary>
    public abstract string ColumnType(string portableType);

    /// <summary>True when the engine gave up on the transaction for a reason worth retrying (deadlock, lock timeout, busy).</summary>
    public abstract bool IsTransient(DbException exception);

    /// <summary>True when the exception is a unique or primary key violation.</summary>
    public abstract bool IsUniqueViolation(DbException exception);

    /// <summary>
    /// Serialises schema migrations between servers that start at the same moment. Migrations run inside the returned
    /// lock (and in its transaction where the engine has transactional DDL); disposing it releases the lock.
    /// </summary>
    public abstract Task<MigrationLock> AcquireMigrationLockAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Lists the tables that exist (lower case), to tell an empty database from a used one.</summary>
    public abstract Task<IReadOnlyList<string>> ListTablesAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>The clause that ends a claim's row selection so that concurrent claimers pass over each other's rows.</summary>
    public abstract string SkipLockedSuffix { get; }

    /// <summary>
    /// The clause that ends a SELECT inside a write transaction so that the rows read stay locked until it ends
    /// (MariaDB <c>FOR UPDATE</c>; empty on SQLite, whose write transaction already excludes every other writer).
    /// </summary>
    public abstract string RowLockSuffix { get; }

    /// <summary>
    /// The database server's clock in milliseconds since 1970 UTC, or null where the database has no clock of its own
    /// (SQLite runs in this process, on this machine's clock).
    /// </summary>
    public virtual Task<long?> ServerClockAsync(DbConnection connection, CancellationToken cancellationToken) => Task.FromResult<long?>(null);

    /// <summary>
    /// After deletions that must not linger (crypto-shredding), pushes what the engine still keeps of the deleted rows
    /// out of its files where it can. SQLite: checkpoints and truncates the write-ahead log, whose old page images would
    /// otherwise hold the deleted key wraps until the next checkpoint. MariaDB: nothing (InnoDB purges on its own).
    /// </summary>
    public virtual Task ScrubAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Describes the database for logs and error messages without its password.</summary>
    public abstract string Describe();

    protected static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken, DbTransaction? transaction = null)
    {
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    protected static async Task<IReadOnlyList<string>> ReadStringsAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        var names = new List<string>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(CommandBehavior.Default, cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            names.Add(reader.GetString(0).ToLowerInvariant());
        }

        return names;
    }
}
