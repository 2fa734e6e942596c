using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using Faxgate.Storage.Backup;
using Faxgate.Storage.Schema;

namespace Faxgate.Storage.Tests.Backup;

/// <summary>
/// Rows for backup tests, inserted with plain SQL into every table: blobs with all 256 byte values, empty and large
/// blobs, NULLs, long and non-ASCII text, jobs; and a dump of every table that compares across engines.
/// </summary>
internal static class BackupTestData
{
    public const string Unicode = "Ünïcødé 传真 📠 ½";

    public static byte[] AllByteValues { get; } = [.. Enumerable.Range(0, 256).Select(i => (byte)i)];

    public static byte[] Random(int length, int seed)
    {
        byte[] bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Fills every Faxgate table; the last job is deleted again so that the jobs counter is ahead of the ids.</summary>
    public static async Task FillAsync(Database database)
    {
        await using DbConnection c = await database.OpenConnectionAsync(CancellationToken.None);
        string largeText = string.Concat(Enumerable.Repeat($"{{\"to\":\"+27115551234\",\"note\":\"{Unicode}\"}} ", 6000));
        await c.ExecuteAsync("INSERT INTO accounts (handle, name, active, public_key, created_at, updated_at) VALUES ('acme', @Name, 1, @Key, 1000, 1001)", new { Name = "Acme " + Unicode, Key = AllByteValues });
        await c.ExecuteAsync("INSERT INTO accounts (handle, name, active, public_key, created_at, updated_at) VALUES ('empty', '', 0, NULL, 2000, 2000)");
        await c.ExecuteAsync("INSERT INTO accounts (handle, name, active, public_key, created_at, updated_at) VALUES ('zero', 'Zero-length key', 1, @Key, 3000, 3000)", new { Key = Array.Empty<byte>() });
        long acme = await c.ExecuteScalarAsync<long>("SELECT id FROM accounts WHERE handle = 'acme'");
        await c.ExecuteAsync(
            "INSERT INTO users (account_id, login, password_hash, key_salt, key_params, wrapped_private_key, active, created_at, updated_at) VALUES (@acme, 'ops@acme.example', '$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA', @Salt, 'm=65536,t=3,p=1', @Wrapped, 1, 10, 11)",
            new { acme, Salt = AllByteValues[..16], Wrapped = Random(300_000, 1) });
        await c.ExecuteAsync("INSERT INTO numbers (e164, account_id, active, attachment_format, created_at, updated_at) VALUES ('+27115551234', @acme, 1, 'pdf', 20, 21)", new { acme });
        await c.ExecuteAsync("INSERT INTO numbers (e164, account_id, active, attachment_format, created_at, updated_at) VALUES ('+27115551235', @acme, 0, 'both', 22, 23)", new { acme });
        long number = await c.ExecuteScalarAsync<long>("SELECT id FROM numbers WHERE e164 = '+27115551234'");
        await c.ExecuteAsync("INSERT INTO number_emails (number_id, email) VALUES (@number, 'fax@acme.example'), (@number, 'archive@acme.example')", new { number });
        await c.ExecuteAsync("INSERT INTO senders (account_id, email, password_hash, created_at, updated_at) VALUES (@acme, 'boss@acme.example', 'hash', 30, 31)", new { acme });
        await c.ExecuteAsync(
            "INSERT INTO faxes (account_id, direction, status, local_number, remote_number, remote_ident, pages, started_at, ended_at, outcome_code, reason, node) VALUES (@acme, 'in', 'received', '+27115551234', '+27215550000', @Ident, 3, 40, 41, 0, NULL, 'node-a')",
            new { acme, Ident = Unicode });
        await c.ExecuteAsync(
            "INSERT INTO faxes (account_id, direction, status, local_number, remote_number, remote_ident, pages, started_at, ended_at, outcome_code, reason, node) VALUES (NULL, 'out', 'queued', '+27115551234', '+4930555', '', 0, 42, NULL, NULL, NULL, 'node-b')");
        long fax = await c.ExecuteScalarAsync<long>("SELECT MIN(id) FROM faxes");
        await c.ExecuteAsync(
            "INSERT INTO documents (account_id, fax_id, kind, media_type, length, chunk_count, created_at, retain_until, shredded_at) VALUES (@acme, @fax, 'received', 'image/tiff', 2097408, 3, 50, 9999999999999, NULL)",
            new { acme, fax });
        await c.ExecuteAsync(
            "INSERT INTO documents (account_id, fax_id, kind, media_type, length, chunk_count, created_at, retain_until, shredded_at) VALUES (NULL, NULL, 'outbound', 'application/pdf', 0, 0, 51, NULL, 52)");
        long document = await c.ExecuteScalarAsync<long>("SELECT MIN(id) FROM documents");
        await c.ExecuteAsync("INSERT INTO document_chunks (document_id, seq, ciphertext) VALUES (@document, 0, @Bytes)", new { document, Bytes = AllByteValues });
        await c.ExecuteAsync("INSERT INTO document_chunks (document_id, seq, ciphertext) VALUES (@document, 1, @Bytes)", new { document, Bytes = Random(2 * 1024 * 1024, 2) });
        await c.ExecuteAsync("INSERT INTO document_chunks (document_id, seq, ciphertext) VALUES (@document, 2, @Bytes)", new { document, Bytes = Array.Empty<byte>() });
        await c.ExecuteAsync("INSERT INTO document_keys (document_id, holder, key_ref, wrapped) VALUES (@document, 'account', 'acme:1', @Wrapped), (@document, 'server', 'kek:1', @Wrapped)", new { document, Wrapped = Random(60, 3) });
        for (int i = 0; i < 5; i++)
        {
            await c.ExecuteAsync(
                "INSERT INTO jobs (kind, payload, idempotency_key, state, run_at, attempts, max_attempts, lease_owner, lease_token, lease_expires_at, last_error, created_at, updated_at, finished_at) VALUES ('deliver', @Payload, @Key, @State, 60, @I, 8, @Owner, @Token, @Expires, @Error, 61, 62, NULL)",
                new
                {
                    Payload = i == 0 ? largeText : $"{{\"n\":{i}}}",
                    Key = $"deliver:{i}",
                    State = i == 1 ? "running" : "pending",
                    I = i,
                    Owner = i == 1 ? "node-a" : null,
                    Token = i == 1 ? "3f1c2d4e-0000-4000-8000-000000000001" : null,
                    Expires = i == 1 ? (long?)70 : null,
                    Error = i == 2 ? "smtp 451 " + Unicode : null,
                });
        }

        await c.ExecuteAsync("DELETE FROM jobs WHERE idempotency_key = 'deliver:4'");
        await c.ExecuteAsync("INSERT INTO job_effects (idempotency_key, effect, recorded_at) VALUES ('deliver:0', 'email-sent', 80)");
        await c.ExecuteAsync("INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (90, 'cli:root', 'account.add', 'acme', NULL), (91, 'cli:root', 'number.add', '+27115551234', @Detail)", new { Detail = Unicode });
        await c.ExecuteAsync("INSERT INTO nodes (name, host, pid, version, started_at, heartbeat_at) VALUES ('node-a', 'fax1.example', 4242, '0.1.0', 100, 101)");
    }

    /// <summary>Every row of every table, rendered the same way on both engines and sorted, table by table.</summary>
    public static async Task<Dictionary<string, List<string>>> DumpAsync(Database database)
    {
        var dump = new Dictionary<string, List<string>>();
        await using DbConnection connection = await database.OpenConnectionAsync(CancellationToken.None);
        foreach (SchemaTable table in SchemaTables.For(Migrations.Latest))
        {
            var rows = new List<string>();
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table.Name}";
            await using DbDataReader reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new StringBuilder();
                for (int i = 0; i < reader.FieldCount; i++)
                {
                    row.Append(reader.GetName(i).ToLowerInvariant()).Append('=').Append(Render(reader.GetValue(i))).Append('|');
                }

                rows.Add(row.ToString());
            }

            rows.Sort(StringComparer.Ordinal);
            dump[table.Name] = rows;
        }

        return dump;
    }

    public static async Task<long> CountAsync(Database database, string table)
    {
        await using DbConnection connection = await database.OpenConnectionAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    /// <summary>An unmigrated handle on a fresh database, as `faxgate restore` gets one.</summary>
    public static Database Attach(StorageOptions options, string dataDirectory) =>
        Database.Attach(Database.CreateDialect(options, dataDirectory), TimeProvider.System);

    private static string Render(object value) => value switch
    {
        DBNull => "null",
        byte[] bytes => "x" + Convert.ToHexString(bytes),
        bool flag => flag ? "1" : "0",
        string text => "'" + text + "'",
        IConvertible number => Convert.ToInt64(number, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"unexpected {value.GetType()}"),
    };
}
