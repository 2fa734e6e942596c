using System.Data.Common;
using Faxgate.Storage.Backup;
using Faxgate.Storage.Schema;
using Faxgate.TestSupport;

namespace Faxgate.Storage.Tests.Backup;

public sealed class SchemaTablesTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_tables_read_from_the_migrations_are_the_tables_the_database_has(string provider)
    {
        StorageOptions options = TestDatabases.Create(provider, Repository.NewScratchDirectory("schema-tables"));
        try
        {
            Database database = await Database.OpenAsync(options, Repository.NewScratchDirectory("data"), TimeProvider.System, CancellationToken.None);
            await using DbConnection connection = await database.OpenConnectionAsync(CancellationToken.None);
            IReadOnlyList<string> existing = await database.Dialect.ListTablesAsync(connection, CancellationToken.None);

            Assert.Equal(
                existing.Where(t => t != "schema_migrations").Order(StringComparer.Ordinal),
                SchemaTables.For(Migrations.Latest).Select(t => t.Name).Order(StringComparer.Ordinal));
        }
        finally
        {
            TestDatabases.Drop(options);
        }
    }

    [Fact]
    public void Every_table_comes_after_the_tables_it_refers_to()
    {
        IReadOnlyList<SchemaTable> tables = SchemaTables.For(Migrations.Latest);
        var seen = new HashSet<string>();
        foreach (SchemaTable table in tables)
        {
            Assert.All(table.References, r => Assert.Contains(r, seen));
            seen.Add(table.Name);
        }

        Assert.Equal(["accounts"], tables.Single(t => t.Name == "documents").References.Take(1));
        Assert.Contains("faxes", tables.Single(t => t.Name == "documents").References);
        Assert.Equal("id", tables.Single(t => t.Name == "jobs").IdColumn);
        Assert.Null(tables.Single(t => t.Name == "document_chunks").IdColumn);
        Assert.Null(tables.Single(t => t.Name == "nodes").IdColumn);
    }
}
