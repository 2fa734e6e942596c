using System.Security.Cryptography;
using Dapper;
using Faxgate.Storage.Documents;
using Faxgate.Storage.Faxes;
using Faxgate.TestSupport;

namespace Faxgate.Storage.Tests.Faxes;

public sealed class FaxStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_fax_is_recorded_when_it_starts_and_finished_when_it_ends(string provider)
    {
        var clock = new ManualClock(Start);
        using StorageUnderTest storage = await StorageUnderTest.CreateAsync(provider, "faxes-lifecycle", clock);
        long acme = await storage.CreateAccountAsync("acme");
        var store = new FaxStore(storage.Database);

        long id = await store.StartAsync(new FaxStart(FaxDirections.In, "+27115551234", "+12125550100", acme, "node-a"), None);
        FaxRecord active = await store.GetAsync(id, None);
        Assert.Equal(
            new FaxRecord(id, acme, "acme", "in", "active", "+27115551234", "+12125550100", "", 0, Start.ToUnixTimeMilliseconds(), null, null, null, "node-a"),
            active);

        clock.Now = Start.AddMinutes(2);
        await store.FinishAsync(id, new FaxFinish(FaxStatuses.Received, 3, "+1 212 555 0100", 0, "OK"), None);
        FaxRecord done = await store.GetAsync(id, None);
        Assert.Equal(
            active with { Status = "received", Pages = 3, RemoteIdent = "+1 212 555 0100", EndedAt = Start.AddMinutes(2).ToUnixTimeMilliseconds(), OutcomeCode = 0, Reason = "OK" },
            done);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.FinishAsync(id, new FaxFinish(FaxStatuses.Failed, 0, "", 1, "again"), None));
        Assert.Equal(done, await store.GetAsync(id, None));
        var unknown = await Assert.ThrowsAsync<InvalidRequestException>(() => store.GetAsync(id + 1000, None));
        Assert.Equal($"no fax {id + 1000}", unknown.Message);
        await Assert.ThrowsAsync<InvalidRequestException>(() => store.FinishAsync(id + 1000, new FaxFinish(FaxStatuses.Failed, 0, "", null, null), None));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Values_from_the_far_end_are_cut_to_their_columns_and_statuses_must_fit_the_direction(string provider)
    {
        using StorageUnderTest storage = await StorageUnderTest.CreateAsync(provider, "faxes-limits");
        var store = new FaxStore(storage.Database);
        long id = await store.StartAsync(new FaxStart(FaxDirections.Out, "+27115551234", new string('9', 100), null, "node-a"), None);

        await Assert.ThrowsAsync<ArgumentException>(() => store.FinishAsync(id, new FaxFinish(FaxStatuses.Received, 1, "", null, null), None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.FinishAsync(id, new FaxFinish(FaxStatuses.Active, 1, "", null, null), None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.StartAsync(new FaxStart("sideways", "+27115551234", "", null, "node-a"), None));
        Assert.Equal(FaxStatuses.Active, (await store.GetAsync(id, None)).Status);

        await store.FinishAsync(id, new FaxFinish(FaxStatuses.Failed, 0, new string('I', 40), 48, new string('r', 300)), None);
        FaxRecord fax = await store.GetAsync(id, None);
        Assert.Equal((new string('9', 64), new string('I', 32), new string('r', 255)), (fax.RemoteNumber, fax.RemoteIdent, fax.Reason));
        Assert.Equal(("failed", 48, (string?)null), (fax.Status, fax.OutcomeCode, fax.AccountHandle));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Faxes_are_listed_newest_first_by_direction_status_and_account(string provider)
    {
        var clock = new ManualClock(Start);
        using StorageUnderTest storage = await StorageUnderTest.CreateAsync(provider, "faxes-list", clock);
        long acme = await storage.CreateAccountAsync("acme");
        long globex = await storage.CreateAccountAsync("globex");
        var store = new FaxStore(storage.Database);
        async Task<long> AddAsync(string direction, long? account, string? status)
        {
            clock.Now = clock.Now.AddSeconds(1);
            long id = await store.StartAsync(new FaxStart(direction, "+27115551234", "+27215550000", account, "node-a"), None);
            if (status is not null)
            {
                await store.FinishAsync(id, new FaxFinish(status, 1, "", 0, null), None);
            }

            return id;
        }

        long inAcme = await AddAsync(FaxDirections.In, acme, FaxStatuses.Received);
        long outAcme = await AddAsync(FaxDirections.Out, acme, FaxStatuses.Sent);
        long inGlobex = await AddAsync(FaxDirections.In, globex, FaxStatuses.Failed);
        long inNobody = await AddAsync(FaxDirections.In, null, null);

        async Task<long[]> ListAsync(FaxFilter filter) => [.. (await store.ListAsync(filter, None)).Select(f => f.Id)];
        Assert.Equal([inNobody, inGlobex, outAcme, inAcme], await ListAsync(new FaxFilter()));
        Assert.Equal([inNobody, inGlobex, inAcme], await ListAsync(new FaxFilter { Direction = FaxDirections.In }));
        Assert.Equal([outAcme, inAcme], await ListAsync(new FaxFilter { AccountHandle = "acme" }));
        Assert.Equal([inAcme], await ListAsync(new FaxFilter { AccountHandle = "acme", Direction = "in", Status = "received" }));
        Assert.Equal([inNobody], await ListAsync(new FaxFilter { Status = FaxStatuses.Active }));
        Assert.Equal([inNobody, inGlobex], await ListAsync(new FaxFilter { Limit = 2 }));

        Assert.Equal("no account 'initech'", (await Assert.ThrowsAsync<InvalidRequestException>(() => ListAsync(new FaxFilter { AccountHandle = "initech" }))).Message);
        Assert.Equal(
            "unknown fax status 'lost': use active, received, sent, failed",
            (await Assert.ThrowsAsync<InvalidRequestException>(() => ListAsync(new FaxFilter { Status = "lost" }))).Message);
        await Assert.ThrowsAsync<InvalidRequestException>(() => ListAsync(new FaxFilter { Direction = "up" }));
        await Assert.ThrowsAsync<InvalidRequestException>(() => ListAsync(new FaxFilter { Limit = 0 }));
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task A_received_fax_and_its_document_are_stored_together_or_not_at_all(string provider)
    {
        using StorageUnderTest storage = await StorageUnderTest.CreateAsync(provider, "faxes-received");
        long acme = await storage.CreateAccountAsync("acme");
        var store = new FaxStore(storage.Database);
        byte[] tiff = RandomNumberGenerator.GetBytes(500);

        long failing = await store.StartAsync(new FaxStart(FaxDirections.In, "+27115551234", "", acme, "node-a"), None);
        await Assert.ThrowsAsync<ArgumentException>(() => store.FinishReceivedAsync(
            failing, new FaxFinish(FaxStatuses.Received, 2, "ident", 0, null), tiff, storage.Documents, new DocumentHolders(false, false), null, None));
        Assert.Equal(FaxStatuses.Active, (await store.GetAsync(failing, None)).Status);
        Assert.Equal(0, await storage.Database.ReadAsync(c => c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM documents"), None));

        long id = await store.StartAsync(new FaxStart(FaxDirections.In, "+27115551234", "+27215550000", acme, "node-a"), None);
        long document = await store.FinishReceivedAsync(
            id, new FaxFinish(FaxStatuses.Received, 2, "ident", 0, "OK"), tiff, storage.Documents, DocumentHolders.Both, 12345, None);

        Assert.Equal((FaxStatuses.Received, 2, "ident"), ((await store.GetAsync(id, None)).Status, (await store.GetAsync(id, None)).Pages, (await store.GetAsync(id, None)).RemoteIdent));
        DocumentInfo info = (await storage.Documents.GetAsync(document, None))!;
        Assert.Equal((acme, id, DocumentKinds.Tiff, "image/tiff", 12345L, DocumentHolders.Both), (info.AccountId, info.FaxId, info.Kind, info.MediaType, info.RetainUntil, info.Holders));
        Assert.Equal(tiff, await storage.Documents.ReadForServerAsync(document, None));
        using (var key = await storage.UnlockAsync("acme"))
        {
            Assert.Equal(tiff, await storage.Documents.ReadForAccountAsync(document, key, None));
        }

        long sent = await store.StartAsync(new FaxStart(FaxDirections.Out, "+27115551234", "", acme, "node-a"), None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.FinishReceivedAsync(
            sent, new FaxFinish(FaxStatuses.Failed, 0, "", 1, null), tiff, storage.Documents, DocumentHolders.Server, null, None));
        Assert.Equal(FaxStatuses.Active, (await store.GetAsync(sent, None)).Status);
    }
}
