using System.Data.Common;
using Dapper;
using Faxgate.Storage;
using Faxgate.Storage.Schema;
using Faxgate.TestSupport;

namespace Faxgate.Storage.Tests.Schema;

public sealed class MigrationTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Opening_an_empty_database_creates_every_table_at_the_latest_version(string provider)
    {
        StorageOptions options = TestDatabases.Create(provider, Repository.NewScratchDirectory("migrate"));
        try
        {
            Database database = await Database.OpenAsync(options, Repository.NewScratchDirectory("data"), TimeProvider.System, CancellationToken.None);
            await using DbConnection connection = await database.OpenConnectionAsync(CancellationToken.None);
            IReadOnlyList<string> tables = await database.Dialect.ListTablesAsync(connection, CancellationToken.None);
            foreach (string table in (string[])["schema_migrations", "accounts", "users", "numbers", "number_emails", "senders", "faxes", "documents", "document_chunks", "document_keys", "jobs", "job_effects", "audit_log", "nodes"])
            {
                Assert.Contains(table, tables);
            }

            Assert.Equal(Migrations.Latest, await Migrator.CurrentVersionAsync(connection));
            Assert.Equal(0, await database.MigrateAsync(CancellationToken.None));
        }
        finally
        {
            TestDatabases.Drop(options);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Servers_starting_together_migrate_once(string provider)
    {
        StorageOptions options = TestDatabases.Create(provider, Repository.NewScratchDirectory("migrate-race"));
        try
        {
            string data = Repository.NewScratchDirectory("data");
            Database[] databases = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Database.OpenAsync(options, data, TimeProvider.System, CancellationToken.None))));
            await using DbConnection connection = await databases[0].OpenConnectionAsync(CancellationToken.None);
            Assert.Equal(Migrations.All.Count, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM schema_migrations"));
        }
        finally
        {
            TestDatabases.Drop(options);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_database_from_a_newer_Faxgate_is_refused(string provider)
    {
        StorageOptions options = TestDatabases.Create(provider, Repository.NewScratchDirectory("migrate-newer"));
        try
        {
            string data = Repository.NewScratchDirectory("data");
            Database database = await Database.OpenAsync(options, data, TimeProvider.System, CancellationToken.None);
            await using (DbConnection connection = await database.OpenConnectionAsync(CancellationToken.None))
            {
                await connection.ExecuteAsync("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@V, 'future', 0)", new { V = Migrations.Latest + 1 });
            }

            var refused = await Assert.ThrowsAsync<StorageConfigurationException>(() => Database.OpenAsync(options, data, TimeProvider.System, CancellationToken.None));
            Assert.Contains("newer than this Faxgate", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            TestDatabases.Drop(options);
        }
    }

    [Fact]
    public void Unknown_provider_and_missing_connection_string_are_configuration_errors()
    {
        Assert.Throws<StorageConfigurationException>(() => Database.CreateDialect(new StorageOptions { Provider = "oracle" }, "data"));
        Assert.Throws<StorageConfigurationException>(() => Database.CreateDialect(new StorageOptions { Provider = "mariadb" }, "data"));
    }
}
