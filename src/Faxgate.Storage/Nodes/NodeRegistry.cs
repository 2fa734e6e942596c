using Dapper;

namespace Faxgate.Storage.Nodes;

/// <summary>
/// The servers sharing the database (table <c>nodes</c>): each registers at start under its node name and beats its
/// heart while it runs, so operators (and later the servers themselves) can tell which are alive.
/// </summary>
public sealed class NodeRegistry(Database database)
{
    private readonly Database _database = database ?? throw new ArgumentNullException(nameof(database));

    /// <summary>Registers a server starting now; a name seen before (the same server restarted) is taken over.</summary>
    public Task RegisterAsync(string name, string host, int pid, string version, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(name.Length, 128, nameof(name));
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(version);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            long now = _database.Now;
            var node = new { name, host = Cut(host, 255), pid, version = Cut(version, 32), now };
            int known = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM nodes WHERE name = @name", node, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            string sql = known > 0
                ? "UPDATE nodes SET host = @host, pid = @pid, version = @version, started_at = @now, heartbeat_at = @now WHERE name = @name"
                : "INSERT INTO nodes (name, host, pid, version, started_at, heartbeat_at) VALUES (@name, @host, @pid, @version, @now, @now)";
            return await connection.ExecuteAsync(new CommandDefinition(sql, node, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Records that the server is alive now. False when no server of that name is registered.</summary>
    public Task<bool> HeartbeatAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            int known = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                $"SELECT COUNT(*) FROM nodes WHERE name = @name{_database.Dialect.RowLockSuffix}", new { name }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (known == 0)
            {
                return false;
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE nodes SET heartbeat_at = @now WHERE name = @name", new { name, now = _database.Now }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>Every registered server, by name.</summary>
    public async Task<IReadOnlyList<NodeInfo>> ListAsync(CancellationToken cancellationToken) =>
        await _database.ReadAsync(async connection => (await connection.QueryAsync<NodeInfo>(new CommandDefinition(
            """
            SELECT name AS Name, host AS Host, pid AS Pid, version AS Version, started_at AS StartedAt, heartbeat_at AS HeartbeatAt
            FROM nodes ORDER BY name
            """,
            cancellationToken: cancellationToken)).ConfigureAwait(false)).AsList(), cancellationToken).ConfigureAwait(false);

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];
}
