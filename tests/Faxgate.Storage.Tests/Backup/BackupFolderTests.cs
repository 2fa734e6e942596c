using Faxgate.Storage.Backup;
using Faxgate.TestSupport;

namespace Faxgate.Storage.Tests.Backup;

public sealed class BackupFolderTests
{
    [Fact]
    public void Generations_are_named_after_their_time_listed_newest_first_and_pruned_to_the_newest()
    {
        var folder = new BackupFolder(Repository.NewScratchDirectory("backup-folder"));
        var start = new DateTimeOffset(2026, 11, 20, 2, 30, 0, TimeSpan.Zero);
        foreach (int day in (int[])[3, 0, 5, 1, 4, 2, 6])
        {
            File.WriteAllText(folder.PathFor(start.AddDays(day)), "x");
        }

        File.WriteAllText(Path.Combine(folder.Path, "faxgate-20261101T023000Z.fgbackup.tmp"), "unfinished");
        File.WriteAllText(Path.Combine(folder.Path, "notes.txt"), "operator's");
        File.WriteAllText(Path.Combine(folder.Path, "faxgate-yesterday.fgbackup"), "not ours");

        Assert.Equal(Path.Combine(folder.Path, "faxgate-20261129T023000Z.fgbackup"), folder.PathFor(new DateTimeOffset(2026, 11, 29, 4, 30, 0, TimeSpan.FromHours(2))));
        Assert.Equal([.. Enumerable.Range(0, 7).Reverse().Select(d => start.AddDays(d))], folder.List().Select(g => g.TakenAt));

        IReadOnlyList<string> deleted = folder.Prune(3);

        Assert.Equal(4, deleted.Count);
        Assert.Equal([start.AddDays(6), start.AddDays(5), start.AddDays(4)], folder.List().Select(g => g.TakenAt));
        Assert.Equal(
            ["faxgate-20261101T023000Z.fgbackup.tmp", "faxgate-20261124T023000Z.fgbackup", "faxgate-20261125T023000Z.fgbackup", "faxgate-20261126T023000Z.fgbackup", "faxgate-yesterday.fgbackup", "notes.txt"],
            Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(folder.Prune(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => folder.Prune(0));
    }

    [Fact]
    public void A_folder_that_does_not_exist_lists_nothing()
    {
        var folder = new BackupFolder(Path.Combine(Repository.NewScratchDirectory("backup-folder"), "absent"));
        Assert.Empty(folder.List());
        Assert.Empty(folder.Prune(1));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_scheduled_backup_writes_a_generation_and_keeps_the_configured_number(string provider)
    {
        string data = Repository.NewScratchDirectory("backup-scheduled");
        StorageOptions options = TestDatabases.Create(provider, data);
        try
        {
            var clock = new FixedTime(new DateTimeOffset(2026, 11, 29, 2, 30, 0, TimeSpan.Zero));
            Database database = await Database.OpenAsync(options, data, clock, CancellationToken.None);
            var settings = new BackupOptions { Generations = 2 };
            var results = new List<ScheduledBackupResult>();
            for (int day = 0; day < 3; day++)
            {
                results.Add(await ScheduledBackup.RunScheduledBackupAsync(database, settings, data, CancellationToken.None));
                clock.Now = clock.Now.AddDays(1);
            }

            var folder = new BackupFolder(Path.Combine(data, "backups"));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder.Path));
            Assert.Equal([Path.Combine(folder.Path, "faxgate-20261201T023000Z.fgbackup"), Path.Combine(folder.Path, "faxgate-20261130T023000Z.fgbackup")], folder.List().Select(g => g.Path));
            Assert.Equal([Path.Combine(folder.Path, "faxgate-20261129T023000Z.fgbackup")], results[2].Pruned);
            Assert.Equal(folder.List()[0].Path, results[2].Backup.Path);
        }
        finally
        {
            TestDatabases.Drop(options);
        }
    }

    [Fact]
    public void Options_default_to_a_daily_backup_at_0230_UTC_into_DATA_backups_keeping_seven()
    {
        var options = new BackupOptions();
        Assert.True(options.Enabled);
        Assert.Equal(7, options.CheckedGenerations());
        Assert.Equal(new TimeOnly(2, 30), options.ParseTimeOfDay());
        Assert.Equal(Path.Combine(Path.GetFullPath("/srv/fax/data"), "backups"), options.ResolveFolder("/srv/fax/data"));
        Assert.Equal("/srv/fax/data/elsewhere", new BackupOptions { Folder = "elsewhere" }.ResolveFolder("/srv/fax/data"));
        Assert.Equal("/mnt/backups", new BackupOptions { Folder = "/mnt/backups" }.ResolveFolder("/srv/fax/data"));
        Assert.Throws<StorageConfigurationException>(() => new BackupOptions { Generations = 0 }.CheckedGenerations());
        foreach (string bad in (string[])["", "25:00", "2.30", "noon", "02:60"])
        {
            var refused = Assert.Throws<StorageConfigurationException>(() => new BackupOptions { TimeOfDay = bad }.ParseTimeOfDay());
            Assert.Contains("Backup:TimeOfDay", refused.Message, StringComparison.Ordinal);
        }
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
