using System.Data.Common;
using Dapper;

namespace Faxgate.Storage.Audit;

/// <summary>
/// The audit log: every administrative change and every access to customer content is recorded in the same
/// transaction as the change itself, so the log never misses a committed change nor shows one that rolled back.
/// </summary>
public static class AuditLog
{
    /// <summary>Longest detail kept; longer text is cut.</summary>
    public const int MaxDetailLength = 1024;

    public static Task RecordAsync(
        DbConnection connection, DbTransaction transaction, long at, string actor, string action, string subject, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        ArgumentException.ThrowIfNullOrEmpty(action);
        ArgumentNullException.ThrowIfNull(subject);
        return connection.ExecuteAsync(
            "INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (@at, @actor, @action, @subject, @detail)",
            new
            {
                at,
                actor = Cut(actor, 128),
                action = Cut(action, 64),
                subject = Cut(subject, 255),
                detail = detail is null ? null : Cut(detail, MaxDetailLength),
            },
            transaction);
    }

    /// <summary>The newest entries first.</summary>
    public static async Task<IReadOnlyList<AuditEntry>> ListAsync(Database database, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        return await database.ReadAsync(async connection => (await connection.QueryAsync<AuditEntry>(
            "SELECT id AS Id, at AS At, actor AS Actor, action AS Action, subject AS Subject, detail AS Detail FROM audit_log ORDER BY id DESC LIMIT @limit",
            new { limit })).AsList(), cancellationToken).ConfigureAwait(false);
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];
}
