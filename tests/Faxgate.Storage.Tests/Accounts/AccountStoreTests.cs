using Dapper;
using Faxgate.Storage.Accounts;
using Faxgate.Storage.Audit;
using Faxgate.Storage.Documents;
using Faxgate.TestSupport;

namespace Faxgate.Storage.Tests.Accounts;

public sealed class AccountStoreTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_new_account_unlocks_with_its_owners_password_only(string provider)
    {
        using StorageUnderTest storage = await StorageUnderTest.CreateAsync(provider, "accounts-unlock");
        long id = await storage.Accounts.CreateAsync("acme", "ACME Ltd", "Owner@ACME.example", "owner-password", "cli:root", CancellationToken.None);

        using (AccountKey? key = await storage.Accounts.UnlockAsync("owner@acme.example", "owner-password", CancellationToken.None))
        {
            Assert.NotNull(key);
            Assert.Equal(id, key.AccountId);
            Assert.Equal("acme", key.Handle);
            Assert.Equal("owner@acme.example", key.Login);
        }

        Assert.NotNull(await storage.Accounts.UnlockAsync(" OWNER@acme.example ", "owner-password", CancellationToken.None));
        Assert.Null(await storage.Accounts.UnlockAsync("owner@acme.example", "owner-passwore", CancellationToken.None));
        Assert.Null(await storage.Accounts.UnlockAsync("nobody@acme.example", "owner-password", CancellationToken.None));
        Assert.Null(await storage.Accounts.UnlockAsync("owner@acme.example", "", CancellationToken.None));

        AccountSummary summary = Assert.Single(await storage.Accounts.ListAsync(CancellationToken.None));
        // Creation time is not compared: one reading of the clock for both sides, so a millisecond tick between them cannot fail it.
        long now = storage.Database.Now;
        Assert.Equal(new AccountSummary(id, "acme", "ACME Ltd", true, 1, 0, now), summary with { CreatedAt = now });
        AuditEntry created = Assert.Single(await AuditLog.ListAsync(storage.Database, 10, CancellationToken.None));
        Assert.Equal(("cli:root", "account.create", "account:acme"), (created.Actor, created.Action, created.Subject));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_disabled_account_does_not_unlock_until_enabled(string provider)
    {
        using StorageUnderTest storage = await StorageUnderTest.CreateAsync(provider, "accounts-disable");
        await storage.CreateAccountAsync();
        await storage.Accounts.DisableAsync("acme", "cli:root", CancellationToken.None);
        Assert.False(Assert.Single(await storage.Accounts.ListAsync(CancellationToken.None)).Active);
        Assert.Null(await storage.Accounts.UnlockAsync("owner@acme.example", "owner-password", CancellationToken.None));

        await storage.Accounts.EnableAsync("acme", "cli:root", CancellationToken.None);
        Assert.True(Assert.Single(await storage.Accounts.ListAsync(CancellationToken.None)).Active);
        Assert.NotNull(await storage.Accounts.UnlockAsync("owner@acme.example", "owner-password", CancellationToken.None));
        var missing = await Assert.ThrowsAsync<InvalidRequestException>(() => storage.Accounts.DisableAsync("nope", "cli:root", CancellationToken.None));
        Assert.Contains("no account 'nope'", missing.Message, StringComparison.Ordinal);
        Assert.Equal(["account.enable", "account.disable", "account.create"],
            (await AuditLog.ListAsync(storage.Database, 10, CancellationToken.None)).Select(entry => entry.Action));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Duplicate_handles_and_logins_are_refused(string provider)
    {
        using StorageUnderTest storage = await StorageUnderTest.CreateAsync(provider, "accounts-duplicate");
        await storage.CreateAccountAsync("acme");
        var handle = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            storage.Accounts.CreateAsync("acme", "Another", "someone@else.example", "password-1", "test", CancellationToken.None));
        Assert.Contains("already an account 'acme'", handle.Message, StringComparison.Ordinal);
        var login = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            storage.Accounts.CreateAsync("beta", "Beta", "OWNER@acme.example", "password-1", "test", CancellationToken.None));
        Assert.Contains("already taken", login.Message, StringComparison.Ordinal);
        Assert.Single(await storage.Accounts.ListAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("Acme", "Acme Ltd", "a@b.example", "password-1", "not an account handle")]
    [InlineData("acme_1", "Acme Ltd", "a@b.example", "password-1", "not an account handle")]
    [InlineData("", "Acme Ltd", "a@b.example", "password-1", "not an account handle")]
    [InlineData("acme", "", "a@b.example", "password-1", "account name")]
    [InlineData("acme", "Acme Ltd", "not-an-address", "password-1", "not an email address")]
    [InlineData("acme", "Acme Ltd", "a@localhost", "password-1", "not an email address")]
    [InlineData("acme", "Acme Ltd", "a b@c.example", "password-1", "not an email address")]
    [InlineData("acme", "Acme Ltd", "a@b.example", "short", "at least 8 characters")]
    public async Task Malformed_input_is_refused_with_the_reason(string handle, string name, string login, string password, string reason)
    {
        using StorageUnderTest storage = await StorageUnderTest.CreateAsync("sqlite", "accounts-malformed");
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            storage.Accounts.CreateAsync(handle, name, login, password, "test", CancellationToken.None));
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_64_character_handle_is_accepted_and_65_is_not()
    {
        Assert.Equal(new string('a', 64), AccountNames.Handle(new string('a', 64)));
        Assert.Throws<InvalidRequestException>(() => AccountNames.Handle(new string('a', 65)));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_changed_password_opens_the_same_archive_and_the_old_one_no_longer_does(string provider)
    {
        using StorageUnderTest storage = await StorageUnderTest.CreateAsync(provider, "accounts-password");
        long acme = await storage.CreateAccountAsync();
        byte[] content = "archived fax"u8.ToArray();
        long document = await storage.Documents.PutAsync(content, new DocumentMetadata(DocumentKinds.Pdf, "application/pdf", acme), DocumentHolders.Account, CancellationToken.None);

        Assert.False(await storage.Accounts.ChangePasswordAsync("owner@acme.example", "wrong-password", "new-password", CancellationToken.None));
        Assert.True(await storage.Accounts.ChangePasswordAsync("owner@acme.example", "owner-password", "new-password", CancellationToken.None));

        Assert.Null(await storage.Accounts.UnlockAsync("owner@acme.example", "owner-password", CancellationToken.None));
        using AccountKey key = await storage.UnlockAsync(password: "new-password");
        Assert.Equal(content, await storage.Documents.ReadForAccountAsync(document, key, CancellationToken.None));
        Assert.Contains(await AuditLog.ListAsync(storage.Database, 10, CancellationToken.None),
            entry => entry.Action == "user.change-password" && entry.Actor == "user:owner@acme.example");
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_second_login_added_by_an_account_user_opens_the_same_archive(string provider)
    {
        using StorageUnderTest storage = await StorageUnderTest.CreateAsync(provider, "accounts-add-user");
        long acme = await storage.CreateAccountAsync();
        byte[] content = "shared fax"u8.ToArray();
        long document = await storage.Documents.PutAsync(content, new DocumentMetadata(DocumentKinds.Pdf, "application/pdf", acme), DocumentHolders.Account, CancellationToken.None);
        using (AccountKey owner = await storage.UnlockAsync())
        {
            await storage.Accounts.AddUserAsync(owner, "clerk@acme.example", "clerk-password", "user:owner@acme.example", CancellationToken.None);
            await Assert.ThrowsAsync<InvalidRequestException>(() =>
                storage.Accounts.AddUserAsync(owner, "clerk@acme.example", "other-password", "user:owner@acme.example", CancellationToken.None));
        }

        using AccountKey? clerk = await storage.Accounts.UnlockAsync("clerk@acme.example", "clerk-password", CancellationToken.None);
        Assert.NotNull(clerk);
        Assert.Equal(content, await storage.Documents.ReadForAccountAsync(document, clerk, CancellationToken.None));
        Assert.Equal(2, Assert.Single(await storage.Accounts.ListAsync(CancellationToken.None)).Users);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_key_wrap_records_its_argon2_parameters_and_a_salt_of_its_own(string provider)
    {
        using StorageUnderTest storage = await StorageUnderTest.CreateAsync(provider, "accounts-parameters");
        await storage.CreateAccountAsync();
        (string parameters, byte[] salt, string hash) = await storage.Database.ReadAsync(connection =>
            connection.QuerySingleAsync<(string, byte[], string)>("SELECT key_params, key_salt, password_hash FROM users"), CancellationToken.None);
        Assert.Equal("m=64,t=1,p=1", parameters);
        Assert.Equal(16, salt.Length);
        Assert.DoesNotContain(Convert.ToBase64String(salt).TrimEnd('='), hash, StringComparison.Ordinal);

        // A wrap whose stored parameters were raised beyond the limits is refused rather than computed.
        await storage.Database.WriteAsync((connection, transaction) => connection.ExecuteAsync("UPDATE users SET key_params = 'm=99999999,t=1,p=1'", transaction: transaction), CancellationToken.None);
        Assert.Null(await storage.Accounts.UnlockAsync("owner@acme.example", "owner-password", CancellationToken.None));
    }
}
