using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using Faxgate.Storage.Dialects;

namespace Faxgate.Storage.Schema;

/// <summary>
/// Brings the schema up to a version at start-up. Servers that start together take the dialect's migration lock in
/// turn; the first applies what is missing, the others find nothing left to do. A database written by a newer
/// Faxgate is refused rather than guessed at.
/// </summary>
public static partial class Migrator
{
    private const string VersionTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
          version {int} NOT NULL PRIMARY KEY,
          name {varchar(255)} NOT NULL,
          applied_at {bigint} NOT NULL)
        """;

    /// <summary>Applies every migration up to <paramref name="targetVersion"/> (default: the latest); returns how many ran.</summary>
    public static async Task<int> MigrateAsync(
        SqlDialect dialect, DbConnection connection, TimeProvider time, CancellationToken cancellationToken, int? targetVersion = null)
    {
        int target = targetVersion ?? Migrations.Latest;
        await using MigrationLock migrationLock = await dialect.AcquireMigrationLockAsync(connection, cancellationToken).ConfigureAwait(false);
        DbTransaction? transaction = migrationLock.Transaction;
        await connection.ExecuteAsync(Spell(dialect, VersionTable), transaction: transaction).ConfigureAwait(false);
        int current = await CurrentVersionAsync(connection, transaction).ConfigureAwait(false);
        if (current > Migrations.Latest)
        {
            throw new StorageConfigurationException(
                $"the database has schema version {current}, newer than this Faxgate knows ({Migrations.Latest}): upgrade Faxgate");
        }

        int applied = 0;
        foreach (Migration migration in Migrations.All)
        {
            if (migration.Version <= current || migration.Version > target)
            {
                continue;
            }

            foreach (string statement in migration.Statements)
            {
                await connection.ExecuteAsync(Spell(dialect, statement), transaction: transaction).ConfigureAwait(false);
            }

            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @At)",
                new { migration.Version, migration.Name, At = time.GetUtcNow().ToUnixTimeMilliseconds() },
                transaction).ConfigureAwait(false);
            applied++;
        }

        await migrationLock.CommitAsync(cancellationToken).ConfigureAwait(false);
        return applied;
    }

    /// <summary>The schema version of the database (0 when it has none yet).</summary>
    public static async Task<int> CurrentVersionAsync(DbConnection connection, DbTransaction? transaction = null)
    {
        int? version = await connection.ExecuteScalarAsync<int?>("SELECT MAX(version) FROM schema_migrations", transaction: transaction).ConfigureAwait(false);
        return version ?? 0;
    }

    /// <summary>Replaces the portable type tokens of a statement with the dialect's column types.</summary>
    internal static string Spell(SqlDialect dialect, string statement) =>
        TypeToken().Replace(statement, match => dialect.ColumnType(match.Groups[1].Value.ToLower(CultureInfo.InvariantCulture)));

    [GeneratedRegex(@"\{([a-z]+(?:\(\d+\))?)\}")]
    private static partial Regex TypeToken();
}
