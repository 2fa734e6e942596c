using Dapper;
using Faxgate.Storage.Addressing;
using Faxgate.Storage.Audit;
using Faxgate.Storage.Numbers;
using Faxgate.TestSupport;

namespace Faxgate.Storage.Tests.Numbers;

public sealed class NumberStoreTests
{
    private const string Actor = "test:admin";
    private static readonly E164Number Acme = E164Number.Parse("+27115551234");
    private static readonly EmailAddress Fax = EmailAddress.Parse("fax@acme.example");
    private static readonly EmailAddress Other = EmailAddress.Parse("other@acme.example");
    private static readonly CancellationToken None = CancellationToken.None;

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task An_added_number_routes_to_its_account_and_addresses(string provider)
    {
        (Database database, StorageOptions options) = await TestAccounts.OpenAsync(provider, "acme", "globex");
        try
        {
            var store = new NumberStore(database);
            await store.AddAsync(Acme, "acme", [Other, Fax], AttachmentFormat.Both, Actor, None);

            NumberRoute? route = await store.FindRouteAsync(E164Number.Parse("+27 11 555 1234"), None);
            Assert.NotNull(route);
            Assert.Equal(Acme, route.Number);
            Assert.Equal("acme", route.AccountHandle);
            Assert.True(route.Active);
            Assert.Equal(AttachmentFormat.Both, route.Format);
            Assert.Equal([Fax, Other], route.Emails);
            long accountId = await database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT id FROM accounts WHERE handle = 'acme'"), None);
            Assert.Equal(accountId, route.AccountId);
            Assert.True(route.NumberId > 0);

            Assert.Null(await store.FindRouteAsync(E164Number.Parse("+27115559999"), None));

            AuditEntry audit = (await AuditLog.ListAsync(database, 10, None))[0];
            Assert.Equal(("number.add", "+27115551234", Actor), (audit.Action, audit.Subject, audit.Actor));
            Assert.Contains("account=acme", audit.Detail, StringComparison.Ordinal);
        }
        finally
        {
            TestDatabases.Drop(options);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Unknown_accounts_and_duplicate_numbers_are_refused_without_a_trace(string provider)
    {
        (Database database, StorageOptions options) = await TestAccounts.OpenAsync(provider, "acme", "globex");
        try
        {
            var store = new NumberStore(database);
            var unknown = await Assert.ThrowsAsync<InvalidRequestException>(() => store.AddAsync(Acme, "nobody", [Fax], AttachmentFormat.Pdf, Actor, None));
            Assert.Equal("no account 'nobody'", unknown.Message);

            await store.AddAsync(Acme, "acme", [Fax], AttachmentFormat.Pdf, Actor, None);
            var duplicate = await Assert.ThrowsAsync<InvalidRequestException>(() => store.AddAsync(Acme, "globex", [Other], AttachmentFormat.Tiff, Actor, None));
            Assert.Equal("number +27115551234 already exists", duplicate.Message);

            NumberRoute? route = await store.FindRouteAsync(Acme, None);
            Assert.Equal(("acme", AttachmentFormat.Pdf), (route!.AccountHandle, route.Format));
            Assert.Equal([Fax], route.Emails);
            Assert.Single(await AuditLog.ListAsync(database, 10, None));
        }
        finally
        {
            TestDatabases.Drop(options);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_number_needs_one_to_ten_distinct_addresses(string provider)
    {
        (Database database, StorageOptions options) = await TestAccounts.OpenAsync(provider, "acme");
        try
        {
            var store = new NumberStore(database);
            await Assert.ThrowsAsync<InvalidRequestException>(() => store.AddAsync(Acme, "acme", [], AttachmentFormat.Pdf, Actor, None));
            EmailAddress[] eleven = [.. Enumerable.Range(1, 11).Select(i => EmailAddress.Parse($"fax{i}@acme.example"))];
            var tooMany = await Assert.ThrowsAsync<InvalidRequestException>(() => store.AddAsync(Acme, "acme", eleven, AttachmentFormat.Pdf, Actor, None));
            Assert.Contains("1 to 10", tooMany.Message, StringComparison.Ordinal);
            Assert.Null(await store.FindRouteAsync(Acme, None));

            // The same address twice (in any case) is kept once, on both engines.
            await store.AddAsync(Acme, "acme", [.. eleven[..10], EmailAddress.Parse("FAX1@acme.example")], AttachmentFormat.Pdf, Actor, None);
            Assert.Equal(10, (await store.FindRouteAsync(Acme, None))!.Emails.Count);
        }
        finally
        {
            TestDatabases.Drop(options);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_route_is_active_only_while_the_number_and_its_account_are(string provider)
    {
        (Database database, StorageOptions options) = await TestAccounts.OpenAsync(provider, "acme");
        try
        {
            var store = new NumberStore(database);
            await store.AddAsync(Acme, "acme", [Fax], AttachmentFormat.Pdf, Actor, None);

            await store.DisableAsync(Acme, Actor, None);
            Assert.False((await store.FindRouteAsync(Acme, None))!.Active);
            Assert.False((await store.ListAsync(null, None))[0].Active);

            await store.EnableAsync(Acme, Actor, None);
            await store.EnableAsync(Acme, Actor, None);
            Assert.True((await store.FindRouteAsync(Acme, None))!.Active);

            await TestAccounts.SetActiveAsync(database, "acme", false);
            Assert.False((await store.FindRouteAsync(Acme, None))!.Active);
            Assert.True((await store.ListAsync(null, None))[0].Active);

            string[] actions = [.. (await AuditLog.ListAsync(database, 10, None)).Select(e => e.Action)];
            Assert.Equal(["number.enable", "number.enable", "number.disable", "number.add"], actions);
        }
        finally
        {
            TestDatabases.Drop(options);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Addresses_are_replaced_and_format_changed(string provider)
    {
        (Database database, StorageOptions options) = await TestAccounts.OpenAsync(provider, "acme");
        try
        {
            var store = new NumberStore(database);
            await store.AddAsync(Acme, "acme", [Fax], AttachmentFormat.Pdf, Actor, None);
            EmailAddress third = EmailAddress.Parse("third@acme.example");
            await store.SetEmailAsync(Acme, [third, Other], Actor, None);
            await store.SetFormatAsync(Acme, AttachmentFormat.Tiff, Actor, None);

            NumberRoute route = (await store.FindRouteAsync(Acme, None))!;
            Assert.Equal([Other, third], route.Emails);
            Assert.Equal(AttachmentFormat.Tiff, route.Format);
            await Assert.ThrowsAsync<InvalidRequestException>(() => store.SetEmailAsync(Acme, [], Actor, None));
            Assert.Equal(2, (await store.FindRouteAsync(Acme, None))!.Emails.Count);
        }
        finally
        {
            TestDatabases.Drop(options);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Changing_an_unknown_number_says_so(string provider)
    {
        (Database database, StorageOptions options) = await TestAccounts.OpenAsync(provider, "acme");
        try
        {
            var store = new NumberStore(database);
            foreach (Func<Task> change in (Func<Task>[])[
                () => store.EnableAsync(Acme, Actor, None),
                () => store.DisableAsync(Acme, Actor, None),
                () => store.SetEmailAsync(Acme, [Fax], Actor, None),
                () => store.SetFormatAsync(Acme, AttachmentFormat.Both, Actor, None),
                () => store.RemoveAsync(Acme, Actor, None)])
            {
                var error = await Assert.ThrowsAsync<InvalidRequestException>(change);
                Assert.Equal("no number +27115551234", error.Message);
            }

            Assert.Empty(await AuditLog.ListAsync(database, 10, None));
        }
        finally
        {
            TestDatabases.Drop(options);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Lists_show_every_number_or_one_accounts_in_order(string provider)
    {
        (Database database, StorageOptions options) = await TestAccounts.OpenAsync(provider, "acme", "globex");
        try
        {
            var store = new NumberStore(database);
            E164Number second = E164Number.Parse("+27115550000");
            E164Number globex = E164Number.Parse("+14155550100");
            await store.AddAsync(Acme, "acme", [Fax, Other], AttachmentFormat.Pdf, Actor, None);
            await store.AddAsync(second, "acme", [Fax], AttachmentFormat.Tiff, Actor, None);
            await store.AddAsync(globex, "globex", [EmailAddress.Parse("fax@globex.example")], AttachmentFormat.Both, Actor, None);
            await store.DisableAsync(second, Actor, None);

            IReadOnlyList<NumberEntry> all = await store.ListAsync(null, None);
            Assert.Equal([globex, second, Acme], all.Select(e => e.Number));
            Assert.Equal(["globex", "acme", "acme"], all.Select(e => e.Account));
            Assert.Equal([true, false, true], all.Select(e => e.Active));
            Assert.Equal([AttachmentFormat.Both, AttachmentFormat.Tiff, AttachmentFormat.Pdf], all.Select(e => e.Format));
            Assert.Equal([Fax, Other], all[2].Emails);

            IReadOnlyList<NumberEntry> acme = await store.ListAsync("acme", None);
            Assert.Equal([second, Acme], acme.Select(e => e.Number));
            Assert.Equal([Fax], acme[0].Emails);

            await TestAccounts.AddAsync(database, "empty");
            Assert.Empty(await store.ListAsync("empty", None));
            await Assert.ThrowsAsync<InvalidRequestException>(() => store.ListAsync("nobody", None));
        }
        finally
        {
            TestDatabases.Drop(options);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_removed_number_no_longer_routes_and_can_be_added_again(string provider)
    {
        (Database database, StorageOptions options) = await TestAccounts.OpenAsync(provider, "acme", "globex");
        try
        {
            var store = new NumberStore(database);
            await store.AddAsync(Acme, "acme", [Fax], AttachmentFormat.Pdf, Actor, None);
            await store.RemoveAsync(Acme, Actor, None);
            Assert.Null(await store.FindRouteAsync(Acme, None));
            Assert.Equal(0, await database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM number_emails"), None));

            await store.AddAsync(Acme, "globex", [Other], AttachmentFormat.Pdf, Actor, None);
            Assert.Equal("globex", (await store.FindRouteAsync(Acme, None))!.AccountHandle);
        }
        finally
        {
            TestDatabases.Drop(options);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Adding_the_same_number_at_once_from_many_places_keeps_one(string provider)
    {
        (Database database, StorageOptions options) = await TestAccounts.OpenAsync(provider, "acme");
        try
        {
            var store = new NumberStore(database);
            Task[] adds = [.. Enumerable.Range(0, 8).Select(_ => Task.Run(() => store.AddAsync(Acme, "acme", [Fax], AttachmentFormat.Pdf, Actor, None)))];
            int failed = 0;
            foreach (Task add in adds)
            {
                try
                {
                    await add;
                }
                catch (InvalidRequestException exception)
                {
                    Assert.Equal("number +27115551234 already exists", exception.Message);
                    failed++;
                }
            }

            Assert.Equal(7, failed);
            Assert.Single(await store.ListAsync(null, None));
        }
        finally
        {
            TestDatabases.Drop(options);
        }
    }
}
