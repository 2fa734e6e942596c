using Faxgate.Storage.Nodes;
using Faxgate.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace Faxgate.Storage.Tests.Nodes;

public sealed class NodeRegistryTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Servers_register_beat_their_heart_and_are_listed_with_the_last_beat(string provider)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        StorageOptions options = TestDatabases.Create(provider, Repository.NewScratchDirectory("nodes"));
        try
        {
            Database database = await Database.OpenAsync(options, Repository.NewScratchDirectory("data"), time, CancellationToken.None);
            var nodes = new NodeRegistry(database);
            long start = time.GetUtcNow().ToUnixTimeMilliseconds();
            await nodes.RegisterAsync("fax-b", "host-b", 200, "1.0.0", CancellationToken.None);
            await nodes.RegisterAsync("fax-a", "host-a", 100, "1.0.0", CancellationToken.None);
            time.Advance(TimeSpan.FromSeconds(15));
            Assert.True(await nodes.HeartbeatAsync("fax-a", CancellationToken.None));
            Assert.True(await nodes.HeartbeatAsync("fax-a", CancellationToken.None));
            Assert.False(await nodes.HeartbeatAsync("fax-z", CancellationToken.None));

            IReadOnlyList<NodeInfo> listed = await nodes.ListAsync(CancellationToken.None);
            Assert.Equal(["fax-a", "fax-b"], listed.Select(n => n.Name));
            Assert.Equal(("host-a", 100, "1.0.0", start, start + 15_000), (listed[0].Host, listed[0].Pid, listed[0].Version, listed[0].StartedAt, listed[0].HeartbeatAt));
            Assert.Equal(start, listed[1].HeartbeatAt);

            time.Advance(TimeSpan.FromSeconds(5));
            await nodes.RegisterAsync("fax-b", "host-b2", 300, "1.1.0", CancellationToken.None);
            NodeInfo restarted = (await nodes.ListAsync(CancellationToken.None))[1];
            Assert.Equal(("host-b2", 300, "1.1.0", start + 20_000, start + 20_000), (restarted.Host, restarted.Pid, restarted.Version, restarted.StartedAt, restarted.HeartbeatAt));
        }
        finally
        {
            TestDatabases.Drop(options);
        }
    }
}
