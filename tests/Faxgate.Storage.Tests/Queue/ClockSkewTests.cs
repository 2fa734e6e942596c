using Faxgate.Storage.Queue;
using Faxgate.TestSupport;

namespace Faxgate.Storage.Tests.Queue;

/// <summary>
/// Nodes sharing a MariaDB server judge leases by the server's clock, so a node whose own clock runs hours ahead does
/// not take a job whose lease is still live.
/// </summary>
public sealed class ClockSkewTests
{
    [SkippableFact]
    public async Task A_node_with_a_clock_two_hours_ahead_does_not_take_a_live_lease_on_MariaDB()
    {
        await using QueueDatabase db = await QueueDatabase.OpenAsync("mariadb", TimeProvider.System);
        await db.Database.SyncClockAsync(CancellationToken.None);
        long id = await db.EnqueueAsync("skew-1");
        JobLease held = Assert.Single(await db.Queue.ClaimAsync("node-a", TimeSpan.FromSeconds(60), 1, null, CancellationToken.None));
        Assert.Equal(id, held.JobId);

        var ahead = new SkewedClock(TimeSpan.FromHours(2));
        Database skewed = await Database.OpenAsync(db.Options, Repository.NewScratchDirectory("data"), ahead, CancellationToken.None, useServerClock: true);
        Assert.InRange(skewed.Now - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), -5_000, 5_000);
        Assert.Empty(await new JobQueue(skewed).ClaimAsync("node-b", TimeSpan.FromSeconds(60), 1, null, CancellationToken.None));

        // Without the server's clock the same node would see the lease as long expired and take the job.
        Database unsynced = await Database.OpenAsync(db.Options, Repository.NewScratchDirectory("data"), ahead, CancellationToken.None, useServerClock: false);
        Assert.Single(await new JobQueue(unsynced).ClaimAsync("node-c", TimeSpan.FromSeconds(60), 1, null, CancellationToken.None));
    }

    private sealed class SkewedClock(TimeSpan skew) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + skew;
    }
}
