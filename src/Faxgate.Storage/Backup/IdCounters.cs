using System.Data.Common;
using Dapper;

namespace Faxgate.Storage.Backup;

/// <summary>
/// The auto-increment counters of id columns, so that a restored database goes on numbering where the backed-up one
/// stood (ids of deleted rows are not handed out again) and never below the restored ids.
/// SQLite keeps them in <c>sqlite_sequence</c> (a table, so they are read in the snapshot and written in the restore's
/// transaction); MariaDB in the table definition (<c>AUTO_INCREMENT</c>, set after the restore's commit because
/// <c>ALTER TABLE</c> commits on its own there; InnoDB never sets it below the highest id + 1).
/// </summary>
internal static class IdCounters
{
    /// <summary>The id the database would give next in <paramref name="table"/>.</summary>
    public static async Task<long> ReadNextAsync(DbConnection connection, DbTransaction transaction, StorageProvider provider, string table)
    {
        if (provider == StorageProvider.Sqlite)
        {
            long? used = await connection.ExecuteScalarAsync<long?>("SELECT seq FROM sqlite_sequence WHERE name = @table", new { table }, transaction).ConfigureAwait(false);
            return (used ?? 0) + 1;
        }

        long? next = await connection.ExecuteScalarAsync<long?>(
            "SELECT AUTO_INCREMENT FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = @table",
            new { table },
            transaction).ConfigureAwait(false);
        return next ?? 1;
    }

    /// <summary>SQLite: raises the counter inside the restore's transaction.</summary>
    public static async Task RaiseSqliteAsync(DbConnection connection, DbTransaction transaction, string table, long nextId)
    {
        long used = nextId - 1;
        if (used < 1)
        {
            return;
        }

        int updated = await connection.ExecuteAsync(
            "UPDATE sqlite_sequence SET seq = @used WHERE name = @table AND seq < @used", new { table, used }, transaction).ConfigureAwait(false);
        if (updated == 0)
        {
            await connection.ExecuteAsync(
                "INSERT INTO sqlite_sequence (name, seq) SELECT @table, @used WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = @table)",
                new { table, used },
                transaction).ConfigureAwait(false);
        }
    }

    /// <summary>MariaDB: raises the counter after the restore committed.</summary>
    public static async Task RaiseMariaDbAsync(DbConnection connection, string table, long nextId)
    {
        if (nextId > 1)
        {
            await connection.ExecuteAsync($"ALTER TABLE {table} AUTO_INCREMENT = {nextId}").ConfigureAwait(false);
        }
    }
}
