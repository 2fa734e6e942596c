using Dapper;
using Faxgate.Storage.Addressing;
using Faxgate.Storage.Audit;
using Faxgate.Storage.Crypto;
using Faxgate.Storage.Senders;
using Faxgate.TestSupport;

namespace Faxgate.Storage.Tests.Senders;

public sealed class SenderStoreTests
{
    private const string Actor = "test:admin";
    private const string Password = "correct horse";
    private static readonly EmailAddress Alice = EmailAddress.Parse("alice@acme.example");
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Cheap hashing: these tests are about the store, not the cost of Argon2.</summary>
    private static readonly SenderPasswordPolicy Cheap = new() { Hashing = new Argon2Parameters(MemoryKiB: 64, Iterations: 1, Parallelism: 1) };

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_sender_verifies_with_its_password_only(string provider)
    {
        (Database database, StorageOptions options) = await TestAccounts.OpenAsync(provider, "acme");
        try
        {
            var store = new SenderStore(database, Cheap);
            await store.AddAsync(Alice, "acme", Password, Actor, None);

            SenderIdentity? identity = await store.VerifyAsync(EmailAddress.Parse("Alice@ACME.example"), Password, None);
            Assert.NotNull(identity);
            Assert.Equal(("acme", Alice), (identity.AccountHandle, identity.Email));
            Assert.Equal(await database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT id FROM accounts WHERE handle = 'acme'"), None), identity.AccountId);

            Assert.Null(await store.VerifyAsync(Alice, "wrong password", None));
            Assert.Null(await store.VerifyAsync(Alice, "", None));
            Assert.Null(await store.VerifyAsync(EmailAddress.Parse("bob@acme.example"), Password, None));

            string hash = await database.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT password_hash FROM senders"), None) ?? "";
            Assert.StartsWith("$argon2id$v=19$m=64,t=1,p=1$", hash, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, hash, StringComparison.Ordinal);

            AuditEntry audit = (await AuditLog.ListAsync(database, 10, None))[0];
            Assert.Equal(("sender.add", "alice@acme.example", "account=acme"), (audit.Action, audit.Subject, audit.Detail));
        }
        finally
        {
            TestDatabases.Drop(options);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_disabled_account_sends_nothing(string provider)
    {
        (Database database, StorageOptions options) = await TestAccounts.OpenAsync(provider, "acme");
        try
        {
            var store = new SenderStore(database, Cheap);
            await store.AddAsync(Alice, "acme", Password, Actor, None);
            await TestAccounts.SetActiveAsync(database, "acme", false);
            Assert.Null(await store.VerifyAsync(Alice, Password, None));
            await TestAccounts.SetActiveAsync(database, "acme", true);
            Assert.NotNull(await store.VerifyAsync(Alice, Password, None));
        }
        finally
        {
            TestDatabases.Drop(options);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Bad_passwords_unknown_accounts_and_duplicates_are_refused(string provider)
    {
        (Database database, StorageOptions options) = await TestAccounts.OpenAsync(provider, "acme", "globex");
        try
        {
            var store = new SenderStore(database, Cheap);
            Assert.Equal("the password is empty", (await Assert.ThrowsAsync<InvalidRequestException>(() => store.AddAsync(Alice, "acme", "", Actor, None))).Message);
            Assert.Equal("the password is too short: at least 8 characters",
                (await Assert.ThrowsAsync<InvalidRequestException>(() => store.AddAsync(Alice, "acme", "1234567", Actor, None))).Message);
            await Assert.ThrowsAsync<InvalidRequestException>(() => store.AddAsync(Alice, "acme", new string('x', 1025), Actor, None));
            await Assert.ThrowsAsync<InvalidRequestException>(() => store.AddAsync(Alice, "acme", "pass\tword1", Actor, None));
            Assert.Equal("no account 'nobody'", (await Assert.ThrowsAsync<InvalidRequestException>(() => store.AddAsync(Alice, "nobody", Password, Actor, None))).Message);
            Assert.Empty(await store.ListAsync(null, None));

            var strict = new SenderStore(database, Cheap with { MinimumLength = 12 });
            await Assert.ThrowsAsync<InvalidRequestException>(() => strict.AddAsync(Alice, "acme", "elevenchars", Actor, None));

            await store.AddAsync(Alice, "acme", "12345678", Actor, None);
            var duplicate = await Assert.ThrowsAsync<InvalidRequestException>(() => store.AddAsync(EmailAddress.Parse("ALICE@acme.example"), "globex", Password, Actor, None));
            Assert.Equal("sender alice@acme.example already exists", duplicate.Message);
            Assert.Single(await AuditLog.ListAsync(database, 10, None));
        }
        finally
        {
            TestDatabases.Drop(options);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Passwords_change_and_senders_go(string provider)
    {
        (Database database, StorageOptions options) = await TestAccounts.OpenAsync(provider, "acme");
        try
        {
            var store = new SenderStore(database, Cheap);
            await store.AddAsync(Alice, "acme", Password, Actor, None);
            await store.SetPasswordAsync(Alice, "another password", Actor, None);
            Assert.Null(await store.VerifyAsync(Alice, Password, None));
            Assert.NotNull(await store.VerifyAsync(Alice, "another password", None));
            await Assert.ThrowsAsync<InvalidRequestException>(() => store.SetPasswordAsync(Alice, "short", Actor, None));

            await store.RemoveAsync(Alice, Actor, None);
            Assert.Null(await store.VerifyAsync(Alice, "another password", None));
            Assert.Equal("no sender alice@acme.example", (await Assert.ThrowsAsync<InvalidRequestException>(() => store.RemoveAsync(Alice, Actor, None))).Message);
            await Assert.ThrowsAsync<InvalidRequestException>(() => store.SetPasswordAsync(Alice, Password, Actor, None));

            IReadOnlyList<AuditEntry> audit = await AuditLog.ListAsync(database, 10, None);
            Assert.Equal(["sender.remove", "sender.set-password", "sender.add"], audit.Select(e => e.Action));
            Assert.All(audit, e => Assert.DoesNotContain("password", e.Detail ?? "", StringComparison.Ordinal));
        }
        finally
        {
            TestDatabases.Drop(options);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Lists_show_address_account_and_time_in_order(string provider)
    {
        (Database database, StorageOptions options) = await TestAccounts.OpenAsync(provider, "acme", "globex");
        try
        {
            var store = new SenderStore(database, Cheap);
            EmailAddress bob = EmailAddress.Parse("bob@globex.example");
            long before = database.Now;
            await store.AddAsync(bob, "globex", Password, Actor, None);
            await store.AddAsync(Alice, "acme", Password, Actor, None);

            IReadOnlyList<SenderEntry> all = await store.ListAsync(null, None);
            Assert.Equal([Alice, bob], all.Select(s => s.Email));
            Assert.Equal(["acme", "globex"], all.Select(s => s.Account));
            Assert.All(all, s => Assert.InRange(s.CreatedAt, before, database.Now));
            Assert.Equal([bob], (await store.ListAsync("globex", None)).Select(s => s.Email));
            await Assert.ThrowsAsync<InvalidRequestException>(() => store.ListAsync("nobody", None));
        }
        finally
        {
            TestDatabases.Drop(options);
        }
    }

    [Fact]
    public async Task Unknown_senders_cost_the_same_Argon2_work_as_known_ones()
    {
        // Costly enough that an Argon2 run dominates the database lookup; compared as medians of several tries.
        (Database database, StorageOptions options) = await TestAccounts.OpenAsync("sqlite", "acme");
        var store = new SenderStore(database, new SenderPasswordPolicy { Hashing = new Argon2Parameters(MemoryKiB: 8192, Iterations: 2, Parallelism: 1) });
        await store.AddAsync(Alice, "acme", Password, Actor, None);
        EmailAddress unknown = EmailAddress.Parse("nobody@acme.example");
        await store.VerifyAsync(unknown, Password, None);

        double known = await MedianAsync(() => store.VerifyAsync(Alice, "wrong password", None));
        double absent = await MedianAsync(() => store.VerifyAsync(unknown, "wrong password", None));
        Assert.InRange(absent / known, 0.25, 4.0);
        TestDatabases.Drop(options);
    }

    private static async Task<double> MedianAsync(Func<Task<SenderIdentity?>> verify)
    {
        var times = new List<double>();
        for (int i = 0; i < 7; i++)
        {
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            Assert.Null(await verify());
            times.Add(System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
