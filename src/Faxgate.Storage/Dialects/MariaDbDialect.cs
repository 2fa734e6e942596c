using System.Data;
using System.Data.Common;
using MySqlConnector;

namespace Faxgate.Storage.Dialects;

/// <summary>
/// MariaDB (10.6 and later) or MySQL (8.0 and later), for several servers sharing one database. Write transactions
/// run at READ COMMITTED with row locks; job claims use <c>FOR UPDATE SKIP LOCKED</c>; migrations are serialised with
/// a named lock (<c>GET_LOCK</c>) because DDL commits on its own here.
/// </summary>
public sealed class MariaDbDialect : SqlDialect
{
    private const string MigrationLockName = "faxgate.schema-migrations";
    private readonly string _connectionString;
    private readonly int _timeoutSeconds;

    public MariaDbDialect(string connectionString, int timeoutSeconds)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString)
        {
            DefaultCommandTimeout = (uint)timeoutSeconds,
            AllowUserVariables = false,
            UseAffectedRows = true,
        };
        if (string.IsNullOrEmpty(builder.Server) || string.IsNullOrEmpty(builder.Database))
        {
            throw new StorageConfigurationException("Storage:ConnectionString for mariadb needs a Server and a Database");
        }

        _connectionString = builder.ConnectionString;
        _timeoutSeconds = timeoutSeconds;
        Server = builder.Server;
        Port = builder.Port;
        DatabaseName = builder.Database;
    }

    public string Server { get; }

    public uint Port { get; }

    public string DatabaseName { get; }

    public override StorageProvider Provider => StorageProvider.MariaDb;

    public override string SkipLockedSuffix => " FOR UPDATE SKIP LOCKED";

    public override string RowLockSuffix => " FOR UPDATE";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, $"SET SESSION time_zone = '+00:00', SESSION innodb_lock_wait_timeout = {_timeoutSeconds}", cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);

    public override async Task<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // REPEATABLE READ with the snapshot taken at once: every table is read as of this moment, without locking.
        DbTransaction transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, "SELECT 1 FROM DUAL", cancellationToken, transaction).ConfigureAwait(false);
        return transaction;
    }

    public override string ColumnType(string portableType) => portableType switch
    {
        "id" => "BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY",
        "bigint" => "BIGINT",
        "int" => "INT",
        "bool" => "TINYINT(1)",
        "blob" => "LONGBLOB",
        "text" => "MEDIUMTEXT",
        _ when portableType.StartsWith("varchar", StringComparison.Ordinal) => portableType.ToUpperInvariant(),
        _ => throw new ArgumentOutOfRangeException(nameof(portableType), portableType, "unknown portable column type"),
    };

    public override bool IsTransient(DbException exception) =>
        exception is MySqlException { ErrorCode: MySqlErrorCode.LockDeadlock or MySqlErrorCode.LockWaitTimeout };

    public override bool IsUniqueViolation(DbException exception) =>
        exception is MySqlException { ErrorCode: MySqlErrorCode.DuplicateKeyEntry };

    public override async Task<MigrationLock> AcquireMigrationLockAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using (DbCommand command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT GET_LOCK('{MigrationLockName}', {_timeoutSeconds * 4})";
            command.CommandTimeout = (_timeoutSeconds * 4) + 5;
            object? got = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (got is null or DBNull || Convert.ToInt64(got, System.Globalization.CultureInfo.InvariantCulture) != 1)
            {
                throw new TimeoutException($"another server held the schema migration lock for more than {_timeoutSeconds * 4} s");
            }
        }

        return new MigrationLock(null, () => ExecuteAsync(connection, $"DO RELEASE_LOCK('{MigrationLockName}')", CancellationToken.None));
    }

    public override Task<IReadOnlyList<string>> ListTablesAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ReadStringsAsync(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()", cancellationToken);

    public override async Task<long?> ServerClockAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = "SELECT CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED)";
        object? value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public override string Describe() => $"mariadb {Server}:{Port}/{DatabaseName}";
}
