using System.Data.Common;
using Dapper;
using Faxgate.Storage.Schema;

namespace Faxgate.Storage.Backup;

/// <summary>
/// Restores a backup file into an empty database of either engine. The whole file is read and checked first (format,
/// trailer, row counts, SHA-256), so a truncated or damaged file restores nothing; then the database is migrated to the
/// backup's schema version, every row goes in with its id in one transaction (the file is checked again on the way
/// and the transaction commits only if it still agrees), the id counters are set to go on after the restored ids, and
/// the schema is migrated to this build's version.
/// </summary>
public static class BackupRestorer
{
    public static async Task<RestoreSummary> RestoreAsync(Database target, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new InvalidRequestException($"{path}: no such backup file");
        }

        BackupContents contents = await BackupReader.ReadAsync(path, header => CheckHeader(path, header), null, cancellationToken).ConfigureAwait(false);
        int version = contents.Header.SchemaVersion;
        IReadOnlyList<SchemaTable> schema = SchemaTables.For(version);
        CheckTables(path, contents, schema);

        int targetVersion = await EnsureEmptyAsync(target, cancellationToken).ConfigureAwait(false);
        if (targetVersion > version)
        {
            throw new InvalidRequestException(
                $"{target.Dialect.Describe()} already has schema version {targetVersion}, newer than the backup's ({version}): restore into a database without Faxgate tables");
        }

        await target.MigrateAsync(cancellationToken, version).ConfigureAwait(false);
        RestoringSink sink;
        await using (DbConnection connection = await target.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            await using DbTransaction transaction = await target.Dialect.BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            if (await FirstTableWithRowsAsync(connection, transaction, schema.Select(t => t.Name)).ConfigureAwait(false) is { } used)
            {
                throw NotEmpty(target, used);
            }

            sink = new RestoringSink(connection, transaction, schema, path);
            await BackupReader.ReadAsync(path, header => CheckSame(path, contents.Header, header), sink, cancellationToken).ConfigureAwait(false);
            await sink.FinishAsync(cancellationToken).ConfigureAwait(false);
            if (target.Dialect.Provider == StorageProvider.Sqlite)
            {
                foreach ((string table, long next) in sink.NextIds)
                {
                    await IdCounters.RaiseSqliteAsync(connection, transaction, table, next).ConfigureAwait(false);
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (target.Dialect.Provider == StorageProvider.MariaDb)
            {
                foreach ((string table, long next) in sink.NextIds)
                {
                    await IdCounters.RaiseMariaDbAsync(connection, table, next).ConfigureAwait(false);
                }
            }
        }

        await target.MigrateAsync(cancellationToken).ConfigureAwait(false);
        return new RestoreSummary(version, contents.Tables.Count, contents.TotalRows);
    }

    private static void CheckHeader(string path, BackupHeader header)
    {
        if (header.SchemaVersion > Migrations.Latest)
        {
            throw new InvalidRequestException(
                $"{path} holds schema version {header.SchemaVersion}, newer than this Faxgate knows ({Migrations.Latest}): restore it with a Faxgate that knows that version");
        }

        if (header.SchemaVersion < 1)
        {
            throw new InvalidRequestException($"{path} has a damaged header (schema version {header.SchemaVersion}); nothing was restored");
        }
    }

    private static void CheckSame(string path, BackupHeader first, BackupHeader again)
    {
        if (again.SchemaVersion != first.SchemaVersion || again.CreatedAt != first.CreatedAt || !again.Tables.SequenceEqual(first.Tables))
        {
            throw new InvalidRequestException($"{path} changed while it was being restored; nothing was restored");
        }
    }

    private static void CheckTables(string path, BackupContents contents, IReadOnlyList<SchemaTable> schema)
    {
        var expected = schema.Select(t => t.Name).ToHashSet();
        var present = contents.Tables.Select(t => t.Name).ToHashSet();
        if (!expected.SetEquals(present) || present.Count != contents.Tables.Count)
        {
            throw new InvalidRequestException(
                $"{path}: its tables ({string.Join(", ", present)}) are not those of schema version {contents.Header.SchemaVersion} ({string.Join(", ", expected)}); nothing was restored");
        }

        var seen = new HashSet<string>();
        foreach (BackupTable table in contents.Tables)
        {
            if (schema.First(t => t.Name == table.Name).References.FirstOrDefault(r => !seen.Contains(r)) is { } later)
            {
                throw new InvalidRequestException($"{path}: table {table.Name} comes before {later}, which it refers to; nothing was restored");
            }

            seen.Add(table.Name);
        }
    }

    /// <summary>Refuses a database with rows in any Faxgate table; returns its schema version (0: none yet).</summary>
    private static async Task<int> EnsureEmptyAsync(Database target, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await target.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string> existing = await target.Dialect.ListTablesAsync(connection, cancellationToken).ConfigureAwait(false);
        IEnumerable<string> faxgate = Enumerable.Range(1, Migrations.Latest).SelectMany(v => SchemaTables.For(v)).Select(t => t.Name).Distinct().Where(existing.Contains);
        if (await FirstTableWithRowsAsync(connection, null, faxgate).ConfigureAwait(false) is { } used)
        {
            throw NotEmpty(target, used);
        }

        return existing.Contains("schema_migrations") ? await Migrator.CurrentVersionAsync(connection).ConfigureAwait(false) : 0;
    }

    private static async Task<string?> FirstTableWithRowsAsync(DbConnection connection, DbTransaction? transaction, IEnumerable<string> tables)
    {
        foreach (string table in tables)
        {
            if (await connection.ExecuteScalarAsync<long?>($"SELECT 1 FROM {table} LIMIT 1", transaction: transaction).ConfigureAwait(false) is not null)
            {
                return table;
            }
        }

        return null;
    }

    private static InvalidRequestException NotEmpty(Database target, string table) =>
        new($"{target.Dialect.Describe()} is not empty (table {table} has rows): restore only into an empty database; nothing was restored");
}
