using System.Data.Common;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Faxgate.Storage.Backup;
using Faxgate.Storage.Schema;
using Faxgate.TestSupport;

namespace Faxgate.Storage.Tests.Backup;

/// <summary>Restores that must not happen: into a used database, or from a file that is damaged, foreign or too new.</summary>
public sealed class BackupDamageTests
{
    public static TheoryData<string, string> DamagedFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (string provider in TestDatabases.Providers)
        {
            foreach (string damage in (string[])["truncated", "truncated-at-line", "flipped-byte", "not-gzip", "foreign-json", "newer-schema", "newer-format", "wrong-count", "missing-table"])
            {
                data.Add(provider, damage);
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Restore_into_a_database_with_rows_is_refused_and_changes_nothing(string provider)
    {
        string scratch = Repository.NewScratchDirectory("backup-nonempty");
        StorageOptions sourceOptions = TestDatabases.Create(provider, Path.Combine(scratch, "a"));
        StorageOptions targetOptions = TestDatabases.Create(provider, Path.Combine(scratch, "b"));
        try
        {
            Database source = await Database.OpenAsync(sourceOptions, Path.Combine(scratch, "a"), TimeProvider.System, CancellationToken.None);
            await BackupTestData.FillAsync(source);
            string file = Path.Combine(scratch, "a.fgbackup");
            await BackupWriter.WriteAsync(source, file, CancellationToken.None);
            Database target = await Database.OpenAsync(targetOptions, Path.Combine(scratch, "b"), TimeProvider.System, CancellationToken.None);
            await using (DbConnection connection = await target.OpenConnectionAsync(CancellationToken.None))
            {
                await connection.ExecuteAsync("INSERT INTO nodes (name, host, pid, version, started_at, heartbeat_at) VALUES ('other', 'h', 1, 'v', 0, 0)");
            }

            Dictionary<string, List<string>> before = await BackupTestData.DumpAsync(target);

            var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => BackupRestorer.RestoreAsync(target, file, CancellationToken.None));

            Assert.Contains("is not empty (table nodes has rows)", refused.Message, StringComparison.Ordinal);
            Dictionary<string, List<string>> after = await BackupTestData.DumpAsync(target);
            foreach ((string table, List<string> rows) in before)
            {
                Assert.Equal(rows, after[table]);
            }
        }
        finally
        {
            TestDatabases.Drop(sourceOptions);
            TestDatabases.Drop(targetOptions);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(DamagedFiles))]
    public async Task A_damaged_foreign_or_too_new_file_restores_nothing_and_says_why(string provider, string damage)
    {
        string scratch = Repository.NewScratchDirectory("backup-damaged");
        StorageOptions sourceOptions = TestDatabases.Create("sqlite", Path.Combine(scratch, "a"));
        StorageOptions targetOptions = TestDatabases.Create(provider, Path.Combine(scratch, "b"));
        try
        {
            Database source = await Database.OpenAsync(sourceOptions, Path.Combine(scratch, "a"), TimeProvider.System, CancellationToken.None);
            await BackupTestData.FillAsync(source);
            string file = Path.Combine(scratch, "a.fgbackup");
            await BackupWriter.WriteAsync(source, file, CancellationToken.None);
            string expected = await DamageAsync(file, damage);
            Database target = BackupTestData.Attach(targetOptions, Path.Combine(scratch, "b"));

            var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => BackupRestorer.RestoreAsync(target, file, CancellationToken.None));

            Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
            Assert.StartsWith(file, refused.Message, StringComparison.Ordinal);
            await using DbConnection connection = await target.OpenConnectionAsync(CancellationToken.None);
            Assert.Empty(await target.Dialect.ListTablesAsync(connection, CancellationToken.None));
        }
        finally
        {
            TestDatabases.Drop(sourceOptions);
            TestDatabases.Drop(targetOptions);
        }
    }

    /// <summary>Damages a good backup file the way <paramref name="damage"/> says; returns what the refusal must say.</summary>
    private static async Task<string> DamageAsync(string file, string damage)
    {
        byte[] bytes = await File.ReadAllBytesAsync(file);
        switch (damage)
        {
            case "truncated":
                await File.WriteAllBytesAsync(file, bytes[..(bytes.Length / 2)]);
                return "is damaged";
            case "truncated-at-line":
                List<string> lines = ReadLines(bytes);
                await WriteLinesAsync(file, lines[..^3]);
                return "without its trailer (truncated?)";
            case "flipped-byte":
                bytes[bytes.Length / 3] ^= 0x20;
                await File.WriteAllBytesAsync(file, bytes);
                return "is damaged";
            case "not-gzip":
                await File.WriteAllTextAsync(file, "CREATE TABLE accounts (id INT);\n");
                return "is not a Faxgate backup file";
            case "foreign-json":
                await WriteLinesAsync(file, ["{\"format\":\"something-else\",\"formatVersion\":1}", "[1,2,3]"]);
                return "is not a Faxgate backup file";
            case "newer-schema":
                await RewriteAsync(file, ReadLines(bytes), header => header["schemaVersion"] = Migrations.Latest + 1, null);
                return $"holds schema version {Migrations.Latest + 1}, newer than this Faxgate knows ({Migrations.Latest})";
            case "newer-format":
                await RewriteAsync(file, ReadLines(bytes), header => header["formatVersion"] = BackupFormat.Version + 1, null);
                return $"is in backup format {BackupFormat.Version + 1}, written by a newer Faxgate";
            case "wrong-count":
                await RewriteAsync(file, ReadLines(bytes), null, trailer => trailer["rows"]!["accounts"] = 2);
                return "table accounts has 3 rows, not the number its trailer says";
            case "missing-table":
                List<string> all = ReadLines(bytes);
                int start = all.FindIndex(l => l.StartsWith("{\"table\":\"nodes\"", StringComparison.Ordinal));
                await RewriteAsync(file, [.. all[..start], all[^1]], null, null);
                return $"it holds {SchemaTables.For(Migrations.Latest).Count - 1} of the {SchemaTables.For(Migrations.Latest).Count} tables its header lists";
            default:
                throw new ArgumentOutOfRangeException(nameof(damage), damage, null);
        }
    }

    /// <summary>Edits the header or trailer and recomputes the checksum, as a well-formed file from elsewhere would be.</summary>
    private static async Task RewriteAsync(string file, List<string> lines, Action<JsonObject>? header, Action<JsonObject>? trailer)
    {
        if (header is not null)
        {
            JsonObject first = JsonNode.Parse(lines[0])!.AsObject();
            header(first);
            lines[0] = first.ToJsonString();
        }

        JsonObject last = JsonNode.Parse(lines[^1])!.AsObject();
        trailer?.Invoke(last);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string line in lines[..^1])
        {
            hash.AppendData(Encoding.UTF8.GetBytes(line + "\n"));
        }

        last["sha256"] = Convert.ToHexStringLower(hash.GetCurrentHash());
        lines[^1] = last.ToJsonString();
        await WriteLinesAsync(file, lines);
    }

    private static List<string> ReadLines(byte[] bytes)
    {
        using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var reader = new StreamReader(input, Encoding.UTF8);
        return [.. reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static Task WriteLinesAsync(string file, IEnumerable<string> lines) => File.WriteAllBytesAsync(file, Compress(lines));

    private static byte[] Compress(IEnumerable<string> lines)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            foreach (string line in lines)
            {
                gzip.Write(Encoding.UTF8.GetBytes(line + "\n"));
            }
        }

        return output.ToArray();
    }
}
