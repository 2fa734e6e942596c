using System.Data.Common;
using Dapper;
using Faxgate.Storage.Backup;
using Faxgate.Storage.Schema;
using Faxgate.TestSupport;

namespace Faxgate.Storage.Tests.Backup;

public sealed class BackupRoundTripTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Restore_brings_back_every_row_of_every_table_and_new_ids_follow_the_restored_ones(string provider)
    {
        string scratch = Repository.NewScratchDirectory("backup-roundtrip");
        StorageOptions sourceOptions = TestDatabases.Create(provider, Path.Combine(scratch, "a"));
        StorageOptions targetOptions = TestDatabases.Create(provider, Path.Combine(scratch, "b"));
        try
        {
            Database source = await Database.OpenAsync(sourceOptions, Path.Combine(scratch, "a"), TimeProvider.System, CancellationToken.None);
            await BackupTestData.FillAsync(source);
            string file = Path.Combine(scratch, "a.fgbackup");

            BackupSummary backup = await BackupWriter.WriteAsync(source, file, CancellationToken.None);
            Database target = BackupTestData.Attach(targetOptions, Path.Combine(scratch, "b"));
            RestoreSummary restore = await BackupRestorer.RestoreAsync(target, file, CancellationToken.None);

            Assert.Equal(file, backup.Path);
            Assert.Equal(new FileInfo(file).Length, backup.Bytes);
            Assert.Equal(SchemaTables.For(Migrations.Latest).Count, backup.Tables);
            Assert.Equal(backup.Rows, restore.Rows);
            Assert.Equal(backup.Tables, restore.Tables);
            Dictionary<string, List<string>> expected = await BackupTestData.DumpAsync(source);
            Dictionary<string, List<string>> actual = await BackupTestData.DumpAsync(target);
            Assert.Equal(expected.Values.Sum(rows => rows.Count), restore.Rows);
            foreach ((string table, List<string> rows) in expected)
            {
                Assert.Equal(rows, actual[table]);
            }

            await using DbConnection connection = await target.OpenConnectionAsync(CancellationToken.None);
            Assert.Equal(Migrations.Latest, await Migrator.CurrentVersionAsync(connection));
            await AssertNewIdsFollowAsync(source, target);
        }
        finally
        {
            TestDatabases.Drop(sourceOptions);
            TestDatabases.Drop(targetOptions);
        }
    }

    [SkippableFact]
    public async Task A_SQLite_backup_restores_into_MariaDB_and_back()
    {
        TestDatabases.RequireMariaDb();
        string scratch = Repository.NewScratchDirectory("backup-cross");
        StorageOptions sqlite = TestDatabases.Create("sqlite", Path.Combine(scratch, "a"));
        StorageOptions mariadb = TestDatabases.Create("mariadb", Path.Combine(scratch, "b"));
        StorageOptions sqliteAgain = TestDatabases.Create("sqlite", Path.Combine(scratch, "c"));
        try
        {
            Database first = await Database.OpenAsync(sqlite, Path.Combine(scratch, "a"), TimeProvider.System, CancellationToken.None);
            await BackupTestData.FillAsync(first);
            Database second = BackupTestData.Attach(mariadb, Path.Combine(scratch, "b"));
            Database third = BackupTestData.Attach(sqliteAgain, Path.Combine(scratch, "c"));

            await BackupWriter.WriteAsync(first, Path.Combine(scratch, "1.fgbackup"), CancellationToken.None);
            await BackupRestorer.RestoreAsync(second, Path.Combine(scratch, "1.fgbackup"), CancellationToken.None);
            await BackupWriter.WriteAsync(second, Path.Combine(scratch, "2.fgbackup"), CancellationToken.None);
            await BackupRestorer.RestoreAsync(third, Path.Combine(scratch, "2.fgbackup"), CancellationToken.None);

            Dictionary<string, List<string>> expected = await BackupTestData.DumpAsync(first);
            Dictionary<string, List<string>> onMariaDb = await BackupTestData.DumpAsync(second);
            Dictionary<string, List<string>> backOnSqlite = await BackupTestData.DumpAsync(third);
            foreach ((string table, List<string> rows) in expected)
            {
                Assert.Equal(rows, onMariaDb[table]);
                Assert.Equal(rows, backOnSqlite[table]);
            }

            await AssertNewIdsFollowAsync(first, second);
            await AssertNewIdsFollowAsync(first, third);
        }
        finally
        {
            TestDatabases.Drop(mariadb);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_backup_file_is_readable_by_its_owner_only_and_no_temporary_file_stays(string provider)
    {
        string scratch = Repository.NewScratchDirectory("backup-mode");
        StorageOptions options = TestDatabases.Create(provider, scratch);
        try
        {
            Database database = await Database.OpenAsync(options, scratch, TimeProvider.System, CancellationToken.None);
            string file = Path.Combine(scratch, "out", "x.fgbackup");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file + ".tmp", "left over from a crash");

            await BackupWriter.WriteAsync(database, file, CancellationToken.None);

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.Equal(["x.fgbackup"], Directory.GetFiles(Path.GetDirectoryName(file)!).Select(Path.GetFileName));
        }
        finally
        {
            TestDatabases.Drop(options);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_empty_database_backs_up_and_restores(string provider)
    {
        string scratch = Repository.NewScratchDirectory("backup-empty");
        StorageOptions sourceOptions = TestDatabases.Create(provider, Path.Combine(scratch, "a"));
        StorageOptions targetOptions = TestDatabases.Create(provider, Path.Combine(scratch, "b"));
        try
        {
            Database source = await Database.OpenAsync(sourceOptions, Path.Combine(scratch, "a"), TimeProvider.System, CancellationToken.None);
            using var memory = new MemoryStream();
            BackupSummary backup = await BackupWriter.WriteAsync(source, memory, CancellationToken.None);
            string file = Path.Combine(scratch, "empty.fgbackup");
            await File.WriteAllBytesAsync(file, memory.ToArray());

            Database target = BackupTestData.Attach(targetOptions, Path.Combine(scratch, "b"));
            RestoreSummary restore = await BackupRestorer.RestoreAsync(target, file, CancellationToken.None);

            Assert.Null(backup.Path);
            Assert.Equal(memory.Length, backup.Bytes);
            Assert.Equal(0, backup.Rows);
            Assert.Equal(0, restore.Rows);
            Assert.Equal(0, await BackupTestData.CountAsync(target, "accounts"));
        }
        finally
        {
            TestDatabases.Drop(sourceOptions);
            TestDatabases.Drop(targetOptions);
        }
    }

    /// <summary>
    /// A row inserted into the restored database gets the id the source would have given it: above every restored id,
    /// and above the ids of rows deleted before the backup (the last job was deleted in <see cref="BackupTestData.FillAsync"/>).
    /// </summary>
    private static async Task AssertNewIdsFollowAsync(Database source, Database target)
    {
        const string NewJob = "INSERT INTO jobs (kind, payload, idempotency_key, state, run_at, attempts, max_attempts, created_at, updated_at) VALUES ('x', '{}', @Key, 'pending', 0, 0, 1, 0, 0)";
        const string NewAccount = "INSERT INTO accounts (handle, name, active, created_at, updated_at) VALUES (@Handle, 'n', 1, 0, 0)";
        await using DbConnection from = await source.OpenConnectionAsync(CancellationToken.None);
        await using DbConnection to = await target.OpenConnectionAsync(CancellationToken.None);
        long maxJob = await to.ExecuteScalarAsync<long>("SELECT MAX(id) FROM jobs");
        long maxAccount = await to.ExecuteScalarAsync<long>("SELECT MAX(id) FROM accounts");
        string key = Guid.NewGuid().ToString("N");
        await to.ExecuteAsync(NewJob, new { Key = key });
        await to.ExecuteAsync(NewAccount, new { Handle = key });
        long job = await to.ExecuteScalarAsync<long>("SELECT id FROM jobs WHERE idempotency_key = @key", new { key });
        long account = await to.ExecuteScalarAsync<long>("SELECT id FROM accounts WHERE handle = @key", new { key });

        Assert.True(job > maxJob + 1, $"new job id {job} should skip the deleted job after {maxJob}");
        Assert.True(account > maxAccount, $"new account id {account} should follow {maxAccount}");
        string sourceKey = Guid.NewGuid().ToString("N");
        await using DbTransaction transaction = await from.BeginTransactionAsync();
        await from.ExecuteAsync(NewJob, new { Key = sourceKey }, transaction);
        Assert.Equal(await from.ExecuteScalarAsync<long>("SELECT id FROM jobs WHERE idempotency_key = @sourceKey", new { sourceKey }, transaction), job);
        await transaction.RollbackAsync();
    }
}
