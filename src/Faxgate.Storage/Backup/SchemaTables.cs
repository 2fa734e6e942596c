using System.Text.RegularExpressions;
using Faxgate.Storage.Schema;

namespace Faxgate.Storage.Backup;

/// <summary>One table of Faxgate's schema as a backup sees it: its name, the tables it refers to, its id column.</summary>
public sealed record SchemaTable(string Name, IReadOnlyList<string> References, string? IdColumn);

/// <summary>
/// The tables of a schema version, read from the migrations themselves (not from a list kept by hand that could drift),
/// in foreign-key order: every table comes after the tables it refers to, so rows restored in this order never point
/// at rows that are not there yet. <c>schema_migrations</c> is not among them: a restore writes it by migrating.
/// </summary>
public static partial class SchemaTables
{
    /// <summary>The tables as of <paramref name="version"/>, in foreign-key order.</summary>
    public static IReadOnlyList<SchemaTable> For(int version)
    {
        if (version < 1 || version > Migrations.Latest)
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, $"schema versions run from 1 to {Migrations.Latest}");
        }

        var tables = new List<(string Name, List<string> References, string? IdColumn)>();
        foreach (Migration migration in Migrations.All.Where(m => m.Version <= version))
        {
            foreach (string statement in migration.Statements)
            {
                Apply(tables, statement);
            }
        }

        return Order(tables.Select(t => new SchemaTable(t.Name, t.References.Distinct().Where(r => r != t.Name).ToArray(), t.IdColumn)).ToList());
    }

    private static void Apply(List<(string Name, List<string> References, string? IdColumn)> tables, string statement)
    {
        if (CreateTable().Match(statement) is { Success: true } create)
        {
            string name = create.Groups[1].Value.ToLowerInvariant();
            Match id = IdColumn().Match(statement);
            tables.Add((name, References(statement), id.Success ? id.Groups[1].Value.ToLowerInvariant() : null));
        }
        else if (DropTable().Match(statement) is { Success: true } drop)
        {
            string name = drop.Groups[1].Value.ToLowerInvariant();
            tables.RemoveAll(t => t.Name == name);
        }
        else if (AlterTable().Match(statement) is { Success: true } alter)
        {
            if (statement.Contains("RENAME", StringComparison.OrdinalIgnoreCase))
            {
                throw new NotSupportedException($"SchemaTables does not follow renames yet: {statement}");
            }

            string name = alter.Groups[1].Value.ToLowerInvariant();
            tables.Single(t => t.Name == name).References.AddRange(References(statement));
        }
    }

    private static List<string> References(string statement) =>
        [.. ReferencesClause().Matches(statement).Select(m => m.Groups[1].Value.ToLowerInvariant())];

    private static List<SchemaTable> Order(List<SchemaTable> tables)
    {
        var ordered = new List<SchemaTable>(tables.Count);
        var placed = new HashSet<string>();
        while (ordered.Count < tables.Count)
        {
            SchemaTable? next = tables.FirstOrDefault(t => !placed.Contains(t.Name) && t.References.All(placed.Contains));
            if (next is null)
            {
                throw new InvalidOperationException("the schema's foreign keys form a cycle; a backup cannot order its tables");
            }

            ordered.Add(next);
            placed.Add(next.Name);
        }

        return ordered;
    }

    [GeneratedRegex(@"^\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex CreateTable();

    [GeneratedRegex(@"^\s*DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex DropTable();

    [GeneratedRegex(@"^\s*ALTER\s+TABLE\s+(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex AlterTable();

    [GeneratedRegex(@"REFERENCES\s+(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex ReferencesClause();

    [GeneratedRegex(@"(\w+)\s+\{id\}", RegexOptions.IgnoreCase)]
    private static partial Regex IdColumn();
}
