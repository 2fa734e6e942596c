using System.Text.Json;

namespace Faxgate.Storage.Backup;

/// <summary>Receives a backup's tables and rows as they are read.</summary>
internal interface IBackupSink
{
    Task TableAsync(BackupTable table, CancellationToken cancellationToken);

    /// <summary>One row, values in the order of the table's columns (long, double, string, byte[] or DBNull).</summary>
    Task RowAsync(object[] values, CancellationToken cancellationToken);
}

/// <summary>What a whole backup file held, once read and checked.</summary>
internal sealed record BackupContents(BackupHeader Header, IReadOnlyList<BackupTable> Tables, IReadOnlyDictionary<string, long> Rows)
{
    public long TotalRows => Rows.Values.Sum();
}

/// <summary>
/// Reads a backup file from its header to its trailer and checks it on the way: the format, the order of the sections,
/// every row's shape, and at the end the row counts and the SHA-256 against the trailer. Returns only when all of it
/// agrees; a sink that writes rows commits only after that.
/// </summary>
internal static class BackupReader
{
    public static async Task<BackupContents> ReadAsync(string path, Action<BackupHeader>? checkHeader, IBackupSink? sink, CancellationToken cancellationToken)
    {
        await using BackupLineReader lines = await BackupLineReader.OpenAsync(path, cancellationToken).ConfigureAwait(false);
        ReadOnlyMemory<byte> first = await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidRequestException($"{path} is not a Faxgate backup file (it is empty)");
        BackupHeader header = ParseHeader(path, first);
        lines.Hash(first);
        checkHeader?.Invoke(header);

        var tables = new List<BackupTable>();
        var counts = new Dictionary<string, long>();
        BackupTable? current = null;
        while (await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            using JsonDocument document = Parse(lines, line);
            JsonElement root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                if (current is null)
                {
                    throw lines.Damaged($"line {lines.LineNumber} is a row before any table");
                }

                object[] values = ReadRow(lines, root, current);
                lines.Hash(line);
                counts[current.Name]++;
                if (sink is not null)
                {
                    await sink.RowAsync(values, cancellationToken).ConfigureAwait(false);
                }
            }
            else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(BackupFormat.Table, out _))
            {
                current = ReadSection(lines, root);
                if (tables.Count >= header.Tables.Count || header.Tables[tables.Count] != current.Name)
                {
                    throw lines.Damaged($"line {lines.LineNumber} starts table {current.Name}, which the header does not list at that place");
                }

                lines.Hash(line);
                tables.Add(current);
                counts[current.Name] = 0;
                if (sink is not null)
                {
                    await sink.TableAsync(current, cancellationToken).ConfigureAwait(false);
                }
            }
            else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(BackupFormat.End, out _))
            {
                CheckTrailer(lines, root, header, tables, counts);
                if (await lines.ReadLineAsync(cancellationToken).ConfigureAwait(false) is not null)
                {
                    throw lines.Damaged($"there is more after its trailer (line {lines.LineNumber})");
                }

                return new BackupContents(header, tables, counts);
            }
            else
            {
                throw lines.Damaged($"line {lines.LineNumber} is neither a table, a row nor the trailer");
            }
        }

        throw lines.Damaged($"it ends after line {lines.LineNumber} without its trailer (truncated?)");
    }

    private static BackupHeader ParseHeader(string path, ReadOnlyMemory<byte> line)
    {
        var notBackup = new InvalidRequestException($"{path} is not a Faxgate backup file (no {BackupFormat.Name} header)");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            throw notBackup;
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty(BackupFormat.Format, out JsonElement format)
                || format.ValueKind != JsonValueKind.String
                || format.GetString() != BackupFormat.Name)
            {
                throw notBackup;
            }

            try
            {
                int formatVersion = root.GetProperty(BackupFormat.FormatVersion).GetInt32();
                if (formatVersion > BackupFormat.Version)
                {
                    throw new InvalidRequestException(
                        $"{path} is in backup format {formatVersion}, written by a newer Faxgate; this Faxgate reads format {BackupFormat.Version}: restore it with a newer Faxgate");
                }

                return new BackupHeader(
                    formatVersion,
                    root.GetProperty(BackupFormat.SchemaVersion).GetInt32(),
                    root.GetProperty(BackupFormat.Provider).GetString() ?? "",
                    root.GetProperty(BackupFormat.CreatedAt).GetInt64(),
                    [.. root.GetProperty(BackupFormat.Tables).EnumerateArray().Select(t => t.GetString() ?? "")]);
            }
            catch (Exception exception) when (exception is KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new InvalidRequestException($"{path} has a damaged header ({exception.Message}); nothing was restored", exception);
            }
        }
    }

    private static JsonDocument Parse(BackupLineReader lines, ReadOnlyMemory<byte> line)
    {
        try
        {
            return JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            throw lines.Damaged($"line {lines.LineNumber} is not valid JSON");
        }
    }

    private static BackupTable ReadSection(BackupLineReader lines, JsonElement root)
    {
        try
        {
            string name = root.GetProperty(BackupFormat.Table).GetString() ?? "";
            string[] columns = [.. root.GetProperty(BackupFormat.Columns).EnumerateArray().Select(c => c.GetString() ?? "")];
            long? nextId = root.TryGetProperty(BackupFormat.NextId, out JsonElement next) ? next.GetInt64() : null;
            return new BackupTable(name, columns, nextId);
        }
        catch (Exception exception) when (exception is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw lines.Damaged($"line {lines.LineNumber} is a malformed table line");
        }
    }

    private static object[] ReadRow(BackupLineReader lines, JsonElement row, BackupTable table)
    {
        if (row.GetArrayLength() != table.Columns.Count)
        {
            throw lines.Damaged($"line {lines.LineNumber} has {row.GetArrayLength()} values for the {table.Columns.Count} columns of {table.Name}");
        }

        var values = new object[table.Columns.Count];
        int i = 0;
        foreach (JsonElement value in row.EnumerateArray())
        {
            values[i++] = value.ValueKind switch
            {
                JsonValueKind.Null => DBNull.Value,
                JsonValueKind.Number => value.TryGetInt64(out long number) ? number : value.GetDouble(),
                JsonValueKind.String => value.GetString()!,
                JsonValueKind.Object when value.TryGetProperty(BackupFormat.Blob, out JsonElement blob) && blob.TryGetBytesFromBase64(out byte[]? bytes) => bytes,
                _ => throw lines.Damaged($"line {lines.LineNumber} has a value that is neither a number, text, a blob nor null"),
            };
        }

        return values;
    }

    private static void CheckTrailer(BackupLineReader lines, JsonElement root, BackupHeader header, List<BackupTable> tables, Dictionary<string, long> counts)
    {
        string actual = lines.HashHex();
        string? expected = root.TryGetProperty(BackupFormat.Sha256, out JsonElement hash) && hash.ValueKind == JsonValueKind.String ? hash.GetString() : null;
        if (!string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
        {
            throw lines.Damaged("its SHA-256 does not match its trailer");
        }

        if (tables.Count != header.Tables.Count)
        {
            throw lines.Damaged($"it holds {tables.Count} of the {header.Tables.Count} tables its header lists");
        }

        if (!root.TryGetProperty(BackupFormat.Rows, out JsonElement rows) || rows.ValueKind != JsonValueKind.Object)
        {
            throw lines.Damaged("its trailer has no row counts");
        }

        foreach (BackupTable table in tables)
        {
            if (!rows.TryGetProperty(table.Name, out JsonElement count) || !count.TryGetInt64(out long expectedRows) || expectedRows != counts[table.Name])
            {
                throw lines.Damaged($"table {table.Name} has {counts[table.Name]} rows, not the number its trailer says");
            }
        }
    }
}
