using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using Faxgate.Storage.Audit;
using Faxgate.Storage.Crypto;
using Faxgate.Storage.Dialects;

namespace Faxgate.Storage.Accounts;

/// <summary>
/// Customer accounts and their portal logins. Each account has an ECDH P-256 key pair: the public key
/// (accounts.public_key) wraps the data keys of the account's documents; the private key is stored once per login,
/// sealed under a key derived with Argon2id from that login's password (<see cref="PrivateKeyWrap"/>), so only the
/// account's own users can open its archive. Every change is written to the audit log in the same transaction.
/// </summary>
public sealed class AccountStore
{
    private readonly Database _database;
    private readonly Argon2Parameters _cost;
    private readonly Lazy<string> _unknownLoginHash;

    private readonly ServerKey? _serverKey;

    /// <param name="cost">Argon2id cost for new password hashes and key wraps (default <see cref="Argon2Parameters.Default"/>).</param>
    /// <param name="serverKey">The server key, needed to create accounts: it seals each new account's public key.</param>
    public AccountStore(Database database, Argon2Parameters? cost = null, ServerKey? serverKey = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _serverKey = serverKey;
        _cost = cost ?? Argon2Parameters.Default;
        _unknownLoginHash = new Lazy<string>(() => PasswordHasher.Hash(Guid.NewGuid().ToString(), _cost));
    }

    /// <summary>Creates an account with a new key pair and its first portal login; returns the account's id.</summary>
    public async Task<long> CreateAsync(string handle, string name, string ownerLogin, string password, string actor, CancellationToken cancellationToken)
    {
        string checkedHandle = AccountNames.Handle(handle);
        string checkedName = AccountNames.Name(name);
        string login = AccountNames.Login(ownerLogin);
        AccountNames.Password(password);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        ServerKey serverKey = _serverKey ?? throw new InvalidOperationException("creating an account needs the server key, which seals its public key");
        string passwordHash = PasswordHasher.Hash(password, _cost);
        using ECDiffieHellman keyPair = AccountKeyWrap.NewKeyPair();
        byte[] publicKey = keyPair.ExportSubjectPublicKeyInfo();
        return await WriteUniqueAsync(async (connection, transaction) =>
        {
            await RequireFreeAsync(connection, transaction, checkedHandle, login).ConfigureAwait(false);
            long now = _database.Now;
            await connection.ExecuteAsync(
                "INSERT INTO accounts (handle, name, active, public_key, created_at, updated_at) VALUES (@checkedHandle, @checkedName, @active, @publicKey, @now, @now)",
                new { checkedHandle, checkedName, active = true, publicKey, now }, transaction).ConfigureAwait(false);
            long accountId = await InsertedId.ReadAsync(_database.Dialect, connection, transaction).ConfigureAwait(false);
            await connection.ExecuteAsync(
                "UPDATE accounts SET public_key_seal = @seal WHERE id = @accountId",
                new { seal = AccountPublicKeySeal.Create(serverKey, accountId, publicKey), accountId }, transaction).ConfigureAwait(false);
            PrivateKeyWrap.Sealed wrap = PrivateKeyWrap.Wrap(keyPair, password, _cost, accountId);
            await InsertUserAsync(connection, transaction, accountId, login, passwordHash, wrap, now).ConfigureAwait(false);
            await AuditLog.RecordAsync(connection, transaction, now, actor, "account.create", $"account:{checkedHandle}", $"owner login {login}").ConfigureAwait(false);
            return accountId;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds another portal login to the account whose key <paramref name="unlocked"/> holds (only someone who can open
    /// the archive can give others access to it); returns the user's id.
    /// </summary>
    public async Task<long> AddUserAsync(AccountKey unlocked, string login, string password, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unlocked);
        string checkedLogin = AccountNames.Login(login);
        AccountNames.Password(password);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        string passwordHash = PasswordHasher.Hash(password, _cost);
        PrivateKeyWrap.Sealed wrap = PrivateKeyWrap.Wrap(unlocked.PrivateKey, password, _cost, unlocked.AccountId);
        return await WriteUniqueAsync(async (connection, transaction) =>
        {
            await RequireFreeAsync(connection, transaction, null, checkedLogin).ConfigureAwait(false);
            long now = _database.Now;
            long userId = await InsertUserAsync(connection, transaction, unlocked.AccountId, checkedLogin, passwordHash, wrap, now).ConfigureAwait(false);
            await AuditLog.RecordAsync(connection, transaction, now, actor, "user.add", $"account:{unlocked.Handle}", $"login {checkedLogin}").ConfigureAwait(false);
            return userId;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every account's metadata, by handle.</summary>
    public async Task<IReadOnlyList<AccountSummary>> ListAsync(CancellationToken cancellationToken)
    {
        IEnumerable<AccountRow> rows = await _database.ReadAsync(connection => connection.QueryAsync<AccountRow>(
            """
            SELECT a.id AS Id, a.handle AS Handle, a.name AS Name, CASE WHEN a.active = 1 THEN 1 ELSE 0 END AS Active,
              (SELECT COUNT(*) FROM users u WHERE u.account_id = a.id) AS Users,
              (SELECT COUNT(*) FROM numbers n WHERE n.account_id = a.id) AS Numbers,
              a.created_at AS CreatedAt
            FROM accounts a ORDER BY a.handle
            """), cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(row => new AccountSummary(row.Id, row.Handle, row.Name, row.Active != 0, (int)row.Users, (int)row.Numbers, row.CreatedAt))];
    }

    public Task DisableAsync(string handle, string actor, CancellationToken cancellationToken) => SetActiveAsync(handle, false, actor, cancellationToken);

    public Task EnableAsync(string handle, string actor, CancellationToken cancellationToken) => SetActiveAsync(handle, true, actor, cancellationToken);

    /// <summary>
    /// The account's private key, opened with a portal login's password; null for a wrong password, an unknown or
    /// disabled login, or a disabled account (the caller cannot tell which).
    /// </summary>
    public async Task<AccountKey?> UnlockAsync(string login, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(login);
        if (string.IsNullOrEmpty(password))
        {
            return null;
        }

        string normalised = login.Trim().ToLowerInvariant();
        UserRow? user = await _database.ReadAsync(connection => connection.QuerySingleOrDefaultAsync<UserRow>(
            """
            SELECT u.id AS Id, u.account_id AS AccountId, a.handle AS Handle, u.login AS Login, u.password_hash AS PasswordHash,
              u.key_salt AS KeySalt, u.key_params AS KeyParams, u.wrapped_private_key AS WrappedPrivateKey,
              CASE WHEN u.active = 1 AND a.active = 1 THEN 1 ELSE 0 END AS Active
            FROM users u JOIN accounts a ON a.id = u.account_id WHERE u.login = @normalised
            """, new { normalised }), cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            // As slow as a wrong password, so response times do not tell which logins exist.
            PasswordHasher.Verify(_unknownLoginHash.Value, password);
            return null;
        }

        if (user.Active == 0 || !PasswordHasher.Verify(user.PasswordHash, password))
        {
            return null;
        }

        ECDiffieHellman? privateKey = PrivateKeyWrap.TryUnwrap(password, user.KeySalt, user.KeyParams, user.WrappedPrivateKey, user.AccountId);
        return privateKey is null ? null : new AccountKey(user.AccountId, user.Handle, user.Login, privateKey);
    }

    /// <summary>
    /// Changes a login's password and re-seals the account's private key under it. False when the old password does not
    /// unlock the login (nothing changes then).
    /// </summary>
    public async Task<bool> ChangePasswordAsync(string login, string oldPassword, string newPassword, CancellationToken cancellationToken)
    {
        AccountNames.Password(newPassword);
        using AccountKey? unlocked = await UnlockAsync(login, oldPassword, cancellationToken).ConfigureAwait(false);
        if (unlocked is null)
        {
            return false;
        }

        string passwordHash = PasswordHasher.Hash(newPassword, _cost);
        PrivateKeyWrap.Sealed wrap = PrivateKeyWrap.Wrap(unlocked.PrivateKey, newPassword, _cost, unlocked.AccountId);
        return await _database.WriteAsync(async (connection, transaction) =>
        {
            long now = _database.Now;
            int changed = await connection.ExecuteAsync(
                "UPDATE users SET password_hash = @passwordHash, key_salt = @salt, key_params = @parameters, wrapped_private_key = @wrapped, updated_at = @now WHERE login = @login",
                new { passwordHash, salt = wrap.Salt, parameters = wrap.Parameters, wrapped = wrap.Wrapped, now, login = unlocked.Login }, transaction).ConfigureAwait(false);
            if (changed == 1)
            {
                await AuditLog.RecordAsync(connection, transaction, now, $"user:{unlocked.Login}", "user.change-password", $"account:{unlocked.Handle}", $"login {unlocked.Login}").ConfigureAwait(false);
            }

            return changed == 1;
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task SetActiveAsync(string handle, bool active, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        await _database.WriteAsync(async (connection, transaction) =>
        {
            // Found first, then changed by id: an unknown handle is told apart without relying on the engine's count
            // of changed rows (MariaDB counts a row set to the values it had as unchanged).
            AccountReference account = await AccountReference.FindAsync(connection, transaction, handle).ConfigureAwait(false);
            long now = _database.Now;
            await connection.ExecuteAsync(
                "UPDATE accounts SET active = @active, updated_at = @now WHERE id = @id", new { active, now, id = account.Id }, transaction).ConfigureAwait(false);
            await AuditLog.RecordAsync(connection, transaction, now, actor, active ? "account.enable" : "account.disable", $"account:{handle}").ConfigureAwait(false);
            return account.Id;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task RequireFreeAsync(DbConnection connection, DbTransaction transaction, string? handle, string login)
    {
        if (handle is not null
            && await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM accounts WHERE handle = @handle", new { handle }, transaction).ConfigureAwait(false) > 0)
        {
            throw new InvalidRequestException($"there is already an account '{handle}'");
        }

        if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users WHERE login = @login", new { login }, transaction).ConfigureAwait(false) > 0)
        {
            throw new InvalidRequestException($"the login {login} is already taken");
        }
    }

    private async Task<long> InsertUserAsync(
        DbConnection connection, DbTransaction transaction, long accountId, string login, string passwordHash, PrivateKeyWrap.Sealed wrap, long now)
    {
        await connection.ExecuteAsync(
            """
            INSERT INTO users (account_id, login, password_hash, key_salt, key_params, wrapped_private_key, active, created_at, updated_at)
            VALUES (@accountId, @login, @passwordHash, @salt, @parameters, @wrapped, @active, @now, @now)
            """,
            new { accountId, login, passwordHash, salt = wrap.Salt, parameters = wrap.Parameters, wrapped = wrap.Wrapped, active = true, now }, transaction).ConfigureAwait(false);
        return await InsertedId.ReadAsync(_database.Dialect, connection, transaction).ConfigureAwait(false);
    }

    /// <summary>A write in which a unique key violation (two operators racing for one handle or login) is the operator's error.</summary>
    private async Task<long> WriteUniqueAsync(Func<DbConnection, DbTransaction, Task<long>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await _database.WriteAsync(work, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException exception) when (_database.Dialect.IsUniqueViolation(exception))
        {
            throw new InvalidRequestException("that account handle or login is already taken", exception);
        }
    }

    private sealed class AccountRow
    {
        public long Id { get; set; }

        public string Handle { get; set; } = "";

        public string Name { get; set; } = "";

        public long Active { get; set; }

        public long Users { get; set; }

        public long Numbers { get; set; }

        public long CreatedAt { get; set; }
    }

    private sealed class UserRow
    {
        public long Id { get; set; }

        public long AccountId { get; set; }

        public string Handle { get; set; } = "";

        public string Login { get; set; } = "";

        public string PasswordHash { get; set; } = "";

        public byte[] KeySalt { get; set; } = [];

        public string KeyParams { get; set; } = "";

        public byte[] WrappedPrivateKey { get; set; } = [];

        public long Active { get; set; }
    }
}
