using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Faxgate.Storage.Dialects;

/// <summary>
/// SQLite, the embedded default: one file in the data folder, shared safely by several processes on one machine.
/// The database runs in WAL mode (readers never block the writer), with synchronous=FULL so that a committed
/// transaction (a received page, a completed job) survives a power cut, and a busy timeout so that writers queue for
/// the write lock instead of failing. secure_delete overwrites deleted rows, so a shredded document's wrapped keys do
/// not linger in free pages.
/// </summary>
public sealed class SqliteDialect : SqlDialect
{
    private readonly string _connectionString;
    private readonly int _timeoutSeconds;

    public SqliteDialect(string connectionString, int timeoutSeconds)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = timeoutSeconds };
        if (string.IsNullOrEmpty(builder.DataSource))
        {
            throw new StorageConfigurationException("Storage:ConnectionString for sqlite needs a Data Source (the database file)");
        }

        _connectionString = builder.ToString();
        _timeoutSeconds = timeoutSeconds;
        DataSource = builder.DataSource;
    }

    /// <summary>The database file.</summary>
    public string DataSource { get; }

    public override StorageProvider Provider => StorageProvider.Sqlite;

    public override string SkipLockedSuffix => "";

    public override string RowLockSuffix => "";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(
                connection,
                $"PRAGMA busy_timeout = {_timeoutSeconds * 1000}; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;",
                cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // deferred: false is BEGIN IMMEDIATE: the write lock is taken now, waiting up to the busy timeout.
        return Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: false));
    }

    public override Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // A deferred transaction in WAL mode reads one snapshot from its first read to its end.
        return Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: true));
    }

    public override string ColumnType(string portableType) => portableType switch
    {
        "id" => "INTEGER PRIMARY KEY AUTOINCREMENT",
        "bigint" or "int" or "bool" => "INTEGER",
        "blob" => "BLOB",
        "text" => "TEXT",
        _ when portableType.StartsWith("varchar", StringComparison.Ordinal) => "TEXT",
        _ => throw new ArgumentOutOfRangeException(nameof(portableType), portableType, "unknown portable column type"),
    };

    public override bool IsTransient(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 };

    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };

    public override async Task<MigrationLock> AcquireMigrationLockAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        DbTransaction transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        return new MigrationLock(transaction, () => Task.CompletedTask);
    }

    public override Task<IReadOnlyList<string>> ListTablesAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ReadStringsAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", cancellationToken);

    public override Task ScrubAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken);

    public override string Describe() => $"sqlite {DataSource}";
}
