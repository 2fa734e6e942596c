using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Dapper;
using Faxgate.Storage.Accounts;
using Faxgate.Storage.Addressing;
using Faxgate.Storage.Audit;
using Faxgate.Storage.Crypto;

namespace Faxgate.Storage.Senders;

/// <summary>
/// Addresses allowed to send faxes by email (Email2Fax), each belonging to one account and holding a fax password
/// stored only as an Argon2id hash. Addresses are matched without regard to case (stored in lower case), the same on
/// both engines. Every change is written to the audit log in the same transaction; passwords and hashes never are.
/// </summary>
public sealed class SenderStore
{
    private readonly Database _database;
    private readonly SenderPasswordPolicy _policy;
    private readonly Lazy<string> _dummyHash;

    public SenderStore(Database database, SenderPasswordPolicy? policy = null)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _policy = policy ?? SenderPasswordPolicy.Default;

        // An unknown sender is checked against this hash, so a wrong address costs as much time as a wrong password.
        _dummyHash = new Lazy<string>(() => PasswordHasher.Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)), _policy.Hashing));
    }

    public Task AddAsync(EmailAddress email, string accountHandle, string password, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        string hash = HashChecked(password);
        string key = Key(email);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            AccountReference account = await AccountReference.FindAsync(connection, transaction, accountHandle).ConfigureAwait(false);
            if (await FindIdAsync(connection, transaction, key).ConfigureAwait(false) is not null)
            {
                throw Duplicate(key);
            }

            long now = _database.Now;
            try
            {
                await connection.ExecuteAsync(
                    "INSERT INTO senders (account_id, email, password_hash, created_at, updated_at) VALUES (@account, @key, @hash, @now, @now)",
                    new { account = account.Id, key, hash, now }, transaction).ConfigureAwait(false);
            }
            catch (DbException exception) when (_database.Dialect.IsUniqueViolation(exception))
            {
                throw Duplicate(key);
            }

            await AuditLog.RecordAsync(connection, transaction, now, actor, "sender.add", key, $"account={account.Handle}").ConfigureAwait(false);
            return 0;
        }, cancellationToken);
    }

    /// <summary>Every sender, or one account's (an unknown account is an error), ordered by address.</summary>
    public Task<IReadOnlyList<SenderEntry>> ListAsync(string? accountHandle, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<SenderEntry>>(async connection =>
        {
            long? accountId = accountHandle is null ? null : (await AccountReference.FindAsync(connection, null, accountHandle).ConfigureAwait(false)).Id;
            string filter = accountId is null ? "" : " WHERE s.account_id = @accountId";
            IEnumerable<ListRow> rows = await connection.QueryAsync<ListRow>(
                $"SELECT s.email AS Email, a.handle AS Handle, s.created_at AS CreatedAt FROM senders s JOIN accounts a ON a.id = s.account_id{filter}",
                new { accountId }).ConfigureAwait(false);
            return [.. rows.Select(r => new SenderEntry(EmailAddress.Parse(r.Email), r.Handle, r.CreatedAt)).OrderBy(s => s.Email.Value, StringComparer.Ordinal)];
        }, cancellationToken);

    public Task RemoveAsync(EmailAddress email, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        string key = Key(email);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            long id = await RequireIdAsync(connection, transaction, key).ConfigureAwait(false);
            await connection.ExecuteAsync("DELETE FROM senders WHERE id = @id", new { id }, transaction).ConfigureAwait(false);
            await AuditLog.RecordAsync(connection, transaction, _database.Now, actor, "sender.remove", key).ConfigureAwait(false);
            return id;
        }, cancellationToken);
    }

    public Task SetPasswordAsync(EmailAddress email, string password, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        string key = Key(email);
        string hash = HashChecked(password);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            long id = await RequireIdAsync(connection, transaction, key).ConfigureAwait(false);
            long now = _database.Now;
            await connection.ExecuteAsync("UPDATE senders SET password_hash = @hash, updated_at = @now WHERE id = @id", new { id, hash, now }, transaction).ConfigureAwait(false);
            await AuditLog.RecordAsync(connection, transaction, now, actor, "sender.set-password", key).ConfigureAwait(false);
            return id;
        }, cancellationToken);
    }

    /// <summary>
    /// The sender and account a fax password opens, or null when the address is unknown, the password wrong or the
    /// account disabled. The Argon2 work is done in every case, so the time taken does not tell which addresses exist.
    /// </summary>
    public async Task<SenderIdentity?> VerifyAsync(EmailAddress email, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(password);
        string key = Key(email);
        VerifyRow? row = await _database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<VerifyRow>(
            "SELECT s.id AS Id, s.password_hash AS PasswordHash, s.account_id AS AccountId, a.handle AS Handle, a.active AS Active " +
            "FROM senders s JOIN accounts a ON a.id = s.account_id WHERE s.email = @key",
            new { key }), cancellationToken).ConfigureAwait(false);
        bool matches = password.Length <= SenderPasswordPolicy.MaximumLength
            && PasswordHasher.Verify(row?.PasswordHash ?? _dummyHash.Value, password);
        return row is not null && matches && Convert.ToBoolean(row.Active, CultureInfo.InvariantCulture)
            ? new SenderIdentity(row.Id, EmailAddress.Parse(key), row.AccountId, row.Handle)
            : null;
    }

    /// <summary>The address as stored and looked up: lower case.</summary>
    private static string Key(EmailAddress email) => email.Value.ToLowerInvariant();

    private string HashChecked(string password)
    {
        _policy.Check(password);
        return PasswordHasher.Hash(password, _policy.Hashing);
    }

    private static Task<long?> FindIdAsync(DbConnection connection, DbTransaction transaction, string key) =>
        connection.QuerySingleOrDefaultAsync<long?>("SELECT id FROM senders WHERE email = @key", new { key }, transaction);

    private static async Task<long> RequireIdAsync(DbConnection connection, DbTransaction transaction, string key) =>
        await FindIdAsync(connection, transaction, key).ConfigureAwait(false)
            ?? throw new InvalidRequestException($"no sender {key}");

    private static InvalidRequestException Duplicate(string key) => new($"sender {key} already exists");

    private sealed class ListRow
    {
        public string Email { get; set; } = "";

        public string Handle { get; set; } = "";

        public long CreatedAt { get; set; }
    }

    private sealed class VerifyRow
    {
        public long Id { get; set; }

        public string PasswordHash { get; set; } = "";

        public long AccountId { get; set; }

        public string Handle { get; set; } = "";

        public object Active { get; set; } = false;
    }
}
