using System.Data.Common;
using Dapper;
using Faxgate.Storage;
using Faxgate.Storage.Backup;
using Faxgate.Storage.Schema;
using Faxgate.TestSupport;

namespace Faxgate.Interop.Tests.Cli;

/// <summary>`faxgate backup` and `faxgate restore` through the built command, on SQLite data folders.</summary>
public sealed class BackupCommandTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Backup_then_restore_into_a_new_data_folder_brings_back_the_rows_and_a_second_restore_is_refused()
    {
        string scratch = Repository.NewScratchDirectory("cli-backup");
        string source = Path.Combine(scratch, "a");
        string target = Path.Combine(scratch, "b");
        string file = Path.Combine(scratch, "nightly.fgbackup");
        byte[] chunk = [.. Enumerable.Range(0, 256).Select(i => (byte)i)];
        Database database = await Database.OpenAsync(new StorageOptions(), source, TimeProvider.System, CancellationToken.None);
        await using (DbConnection connection = await database.OpenConnectionAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("INSERT INTO accounts (handle, name, active, created_at, updated_at) VALUES ('acme', 'Acme Fax ☎', 1, 0, 0)");
            await connection.ExecuteAsync("INSERT INTO faxes (account_id, direction, status, local_number, remote_number, remote_ident, pages, started_at, node) VALUES (1, 'in', 'received', '+27115551234', '+1', '', 1, 0, 'n')");
            await connection.ExecuteAsync("INSERT INTO documents (account_id, fax_id, kind, media_type, length, chunk_count, created_at) VALUES (1, 1, 'received', 'image/tiff', 256, 1, 0)");
            await connection.ExecuteAsync("INSERT INTO document_chunks (document_id, seq, ciphertext) VALUES (1, 0, @chunk)", new { chunk });
            await connection.ExecuteAsync("INSERT INTO jobs (kind, payload, idempotency_key, state, run_at, attempts, max_attempts, created_at, updated_at) VALUES ('deliver', '{}', 'deliver:1', 'pending', 0, 0, 8, 0, 0)");
        }

        int tables = SchemaTables.For(Migrations.Latest).Count;
        ExternalTool.Result backup = ExternalTool.Faxgate("backup", "--data", source, "--out", file);
        Assert.True(backup.ExitCode == 0, backup.Describe("faxgate backup"));
        Assert.Equal($"{file}: {tables} tables, 5 rows, {new FileInfo(file).Length} bytes\n", backup.StandardOutput);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));

        ExternalTool.Result restore = ExternalTool.Faxgate("restore", file, "--data", target);
        Assert.True(restore.ExitCode == 0, restore.Describe("faxgate restore"));
        Assert.Equal($"restored 5 rows in {tables} tables from {file} into sqlite {Path.Combine(target, "faxgate.db")}\n", restore.StandardOutput);
        Database restored = await Database.OpenAsync(new StorageOptions(), target, TimeProvider.System, CancellationToken.None);
        await using (DbConnection connection = await restored.OpenConnectionAsync(CancellationToken.None))
        {
            Assert.Equal("Acme Fax ☎", await connection.ExecuteScalarAsync<string>("SELECT name FROM accounts WHERE handle = 'acme'"));
            Assert.Equal(chunk, await connection.ExecuteScalarAsync<byte[]>("SELECT ciphertext FROM document_chunks WHERE document_id = 1"));
            Assert.Equal("pending", await connection.ExecuteScalarAsync<string>("SELECT state FROM jobs WHERE idempotency_key = 'deliver:1'"));
        }

        ExternalTool.Result again = ExternalTool.Faxgate("restore", file, "--data", target);
        Assert.Equal(1, again.ExitCode);
        Assert.Empty(again.StandardOutput);
        Assert.Matches(@"^faxgate: sqlite .*faxgate\.db is not empty \(table accounts has rows\): restore only into an empty database; nothing was restored\n$", again.StandardError);
    }

    [Fact]
    public void Backup_of_a_data_folder_without_a_database_fails_with_one_line()
    {
        string empty = Repository.NewScratchDirectory("cli-backup-none");
        ExternalTool.Result result = ExternalTool.Faxgate("backup", "--data", empty, "--out", Path.Combine(empty, "x.fgbackup"));
        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"^faxgate: there is no database at .*faxgate\.db: nothing to back up \(is --data right\?\)\n$", result.StandardError);
        Assert.False(File.Exists(Path.Combine(empty, "faxgate.db")));
        Assert.False(File.Exists(Path.Combine(empty, "x.fgbackup")));
    }

    [Fact]
    public async Task Restore_of_a_file_that_is_not_a_backup_fails_and_creates_no_tables()
    {
        string scratch = Repository.NewScratchDirectory("cli-restore-bad");
        string file = Path.Combine(scratch, "notes.txt");
        await File.WriteAllTextAsync(file, "not a backup\n");
        ExternalTool.Result result = ExternalTool.Faxgate("restore", file, "--data", Path.Combine(scratch, "data"));
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"faxgate: {file} is not a Faxgate backup file (it is not gzip-compressed)\n", result.StandardError);
        Assert.False(File.Exists(Path.Combine(scratch, "data", "faxgate.db")));

        ExternalTool.Result missing = ExternalTool.Faxgate("restore", Path.Combine(scratch, "absent.fgbackup"), "--data", Path.Combine(scratch, "data"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no such backup file", missing.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Backup_without_out_is_a_usage_error()
    {
        ExternalTool.Result result = ExternalTool.Faxgate("backup", "--data", Repository.NewScratchDirectory("cli-backup-usage"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--out", result.StandardError, StringComparison.Ordinal);
    }
}
