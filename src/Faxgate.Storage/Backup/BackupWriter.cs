using System.Data;
using System.Data.Common;
using System.IO.Compression;
using System.Text.Json;
using Faxgate.Storage.Schema;

namespace Faxgate.Storage.Backup;

/// <summary>
/// Writes a backup of every Faxgate table while the servers keep working: one snapshot transaction on one connection
/// (<see cref="Dialects.SqlDialect.BeginSnapshotAsync"/>: a deferred read transaction in WAL mode on SQLite, a REPEATABLE
/// READ snapshot on MariaDB) reads every table as of one moment, so a document is never in a backup without its fax.
/// Rows stream from the database to the file one at a time. The file holds what the database holds and nothing
/// else: documents are already encrypted there, and the server key-encryption key is never in the database.
/// </summary>
/// <remarks>
/// SQLite's online backup API (<c>SqliteConnection.BackupDatabase</c>) is not used: it copies pages into a second
/// database file that would still have to be read and converted into this portable format (twice the I/O and a second
/// copy of the data on disk), and a copy that another process writes to while it runs starts over. A read transaction
/// in WAL mode already sees one committed state of the whole file until it ends, without blocking writers.
/// </remarks>
public static class BackupWriter
{
    /// <summary>
    /// Writes a backup to <paramref name="path"/>: first to <c>PATH.tmp</c> (mode 0600), flushed to disk, then renamed
    /// into place, so a failed or interrupted backup never leaves a file that looks complete.
    /// </summary>
    public static async Task<BackupSummary> WriteAsync(Database database, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrEmpty(path);
        string target = Path.GetFullPath(path);
        string temporary = target + ".tmp";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            BackupSummary summary;
            await using (var file = new FileStream(temporary, options))
            {
                summary = await WriteAsync(database, file, null, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
            return summary with { Path = target };
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Writes a backup to <paramref name="destination"/> (left open).</summary>
    public static Task<BackupSummary> WriteAsync(Database database, Stream destination, CancellationToken cancellationToken) =>
        WriteAsync(database, destination, null, cancellationToken);

    /// <summary>As the public overload; <paramref name="afterTable"/> runs after each table is written (for tests).</summary>
    internal static async Task<BackupSummary> WriteAsync(
        Database database, Stream destination, Func<string, CancellationToken, Task>? afterTable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(destination);
        await using DbConnection connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string> existing = await database.Dialect.ListTablesAsync(connection, cancellationToken).ConfigureAwait(false);
        if (!existing.Contains("schema_migrations"))
        {
            throw new InvalidRequestException($"{database.Dialect.Describe()} has no Faxgate schema: nothing to back up");
        }

        await using DbTransaction snapshot = await database.Dialect.BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        int version = await Migrator.CurrentVersionAsync(connection, snapshot).ConfigureAwait(false);
        if (version > Migrations.Latest)
        {
            throw new InvalidRequestException(
                $"{database.Dialect.Describe()} has schema version {version}, newer than this Faxgate knows ({Migrations.Latest}): back it up with that version of Faxgate");
        }

        if (version == 0)
        {
            throw new InvalidRequestException($"{database.Dialect.Describe()} has no Faxgate schema: nothing to back up");
        }

        IReadOnlyList<SchemaTable> tables = SchemaTables.For(version);
        if (tables.FirstOrDefault(t => !existing.Contains(t.Name)) is { } missing)
        {
            throw new InvalidRequestException($"{database.Dialect.Describe()} lacks the table {missing.Name} of schema version {version}");
        }

        var counting = new CountingStream(destination);
        var counts = new List<(string Table, long Rows)>();
        await using (var gzip = new GZipStream(counting, CompressionLevel.Fastest, leaveOpen: true))
        {
            using var output = new BackupLineWriter(gzip);
            await output.WriteLineAsync(json => WriteHeader(json, database, version, tables), cancellationToken).ConfigureAwait(false);
            foreach (SchemaTable table in tables)
            {
                long rows = await WriteTableAsync(output, connection, snapshot, database.Dialect.Provider, table, cancellationToken).ConfigureAwait(false);
                counts.Add((table.Name, rows));
                if (afterTable is not null)
                {
                    await afterTable(table.Name, cancellationToken).ConfigureAwait(false);
                }
            }

            string hash = output.HashHex();
            await output.WriteLineAsync(json => WriteTrailer(json, counts, hash), cancellationToken, hashed: false).ConfigureAwait(false);
        }

        await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new BackupSummary(null, version, tables.Count, counts.Sum(c => c.Rows), counting.Count);
    }

    private static async Task<long> WriteTableAsync(
        BackupLineWriter output, DbConnection connection, DbTransaction snapshot, StorageProvider provider, SchemaTable table, CancellationToken cancellationToken)
    {
        long? nextId = table.IdColumn is null ? null : await IdCounters.ReadNextAsync(connection, snapshot, provider, table.Name).ConfigureAwait(false);
        await using DbCommand command = connection.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = table.IdColumn is null ? $"SELECT * FROM {table.Name}" : $"SELECT * FROM {table.Name} ORDER BY {table.IdColumn}";
        await using DbDataReader reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        string[] columns = [.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetName(i).ToLowerInvariant())];
        await output.WriteLineAsync(json => WriteSection(json, table.Name, columns, nextId), cancellationToken).ConfigureAwait(false);
        long rows = 0;
        object?[] values = new object?[columns.Length];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = reader.GetValue(i);
            }

            await output.WriteLineAsync(json => WriteRow(json, table.Name, columns, values), cancellationToken).ConfigureAwait(false);
            rows++;
        }

        return rows;
    }

    private static void WriteHeader(Utf8JsonWriter json, Database database, int version, IReadOnlyList<SchemaTable> tables)
    {
        DateTimeOffset now = database.Time.GetUtcNow();
        json.WriteStartObject();
        json.WriteString(BackupFormat.Format, BackupFormat.Name);
        json.WriteNumber(BackupFormat.FormatVersion, BackupFormat.Version);
        json.WriteNumber(BackupFormat.SchemaVersion, version);
        json.WriteString(BackupFormat.Provider, database.Dialect.Provider.ToString().ToLowerInvariant());
        json.WriteNumber(BackupFormat.CreatedAt, now.ToUnixTimeMilliseconds());
        json.WriteString(BackupFormat.CreatedAtUtc, now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteStartArray(BackupFormat.Tables);
        foreach (SchemaTable table in tables)
        {
            json.WriteStringValue(table.Name);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteSection(Utf8JsonWriter json, string table, string[] columns, long? nextId)
    {
        json.WriteStartObject();
        json.WriteString(BackupFormat.Table, table);
        json.WriteStartArray(BackupFormat.Columns);
        foreach (string column in columns)
        {
            json.WriteStringValue(column);
        }

        json.WriteEndArray();
        if (nextId is { } next)
        {
            json.WriteNumber(BackupFormat.NextId, next);
        }

        json.WriteEndObject();
    }

    private static void WriteRow(Utf8JsonWriter json, string table, string[] columns, object?[] values)
    {
        json.WriteStartArray();
        for (int i = 0; i < values.Length; i++)
        {
            BackupLineWriter.WriteValue(json, values[i], table, columns[i]);
        }

        json.WriteEndArray();
    }

    private static void WriteTrailer(Utf8JsonWriter json, List<(string Table, long Rows)> counts, string hash)
    {
        json.WriteStartObject();
        json.WriteString(BackupFormat.End, BackupFormat.Name);
        json.WriteStartObject(BackupFormat.Rows);
        foreach ((string table, long rows) in counts)
        {
            json.WriteNumber(table, rows);
        }

        json.WriteEndObject();
        json.WriteNumber(BackupFormat.TotalRows, counts.Sum(c => c.Rows));
        json.WriteString(BackupFormat.Sha256, hash);
        json.WriteEndObject();
    }
}
