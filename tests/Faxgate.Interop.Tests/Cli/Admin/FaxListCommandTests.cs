using Faxgate.Storage;
using Faxgate.Storage.Faxes;
using Faxgate.TestSupport;

namespace Faxgate.Interop.Tests.Cli.Admin;

public sealed class FaxListCommandTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Fax_list_shows_the_recorded_calls_newest_first_and_filters_them(string provider)
    {
        await using AdminCli cli = await AdminCli.StartAsync(provider, "acme", "globex");
        var clock = new SetClock();
        Database database = await Database.OpenAsync(cli.Options, cli.DataDirectory, clock, CancellationToken.None);
        var store = new FaxStore(database);
        long acme = await AccountIdAsync(cli, "acme");
        long globex = await AccountIdAsync(cli, "globex");

        clock.Second = 0;
        long received = await store.StartAsync(new FaxStart(FaxDirections.In, "+27115551234", "+12125550100", acme, "node-a"), CancellationToken.None);
        clock.Second = 1;
        await store.FinishAsync(received, new FaxFinish(FaxStatuses.Received, 3, "+1 212 555 0100", 0, "OK"), CancellationToken.None);
        clock.Second = 2;
        long sent = await store.StartAsync(new FaxStart(FaxDirections.Out, "+27115551234", "+27215550000", acme, "node-b"), CancellationToken.None);
        clock.Second = 3;
        await store.FinishAsync(sent, new FaxFinish(FaxStatuses.Failed, 0, "", 48, "busy\r\n(486)"), CancellationToken.None);
        clock.Second = 4;
        long active = await store.StartAsync(new FaxStart(FaxDirections.In, "+14155550100", "", globex, "node-a"), CancellationToken.None);

        // A fresh database numbers the faxes 1, 2, 3, so the ID column is as wide as its header.
        ExternalTool.Result list = cli.Run("fax", "list");
        Assert.True(list.ExitCode == 0, list.Describe("faxgate fax list"));
        Assert.Empty(list.StandardError);
        Assert.Equal(
            $"""
            ID  DIRECTION  STATUS    NUMBER        REMOTE        IDENT            PAGES  STARTED (UTC)         ENDED (UTC)           REASON
            {active,-2}  in         active    +14155550100  -             -                0      2026-11-29T08:00:04Z  -                     -
            {sent,-2}  out        failed    +27115551234  +27215550000  -                0      2026-11-29T08:00:02Z  2026-11-29T08:00:03Z  busy  (486)
            {received,-2}  in         received  +27115551234  +12125550100  +1 212 555 0100  3      2026-11-29T08:00:00Z  2026-11-29T08:00:01Z  OK

            """,
            list.StandardOutput);

        Assert.Equal([active, received], Ids(cli.Run("fax", "list", "--direction", "in")));
        Assert.Equal([sent], Ids(cli.Run("fax", "list", "--status", "failed")));
        Assert.Equal([sent, received], Ids(cli.Run("fax", "list", "--account", "acme")));
        Assert.Equal([active], Ids(cli.Run("fax", "list", "--limit", "1")));
        Assert.Equal([received], Ids(cli.Run("fax", "list", "--account", "acme", "--direction", "in", "--status", "received")));
        Assert.Empty(Ids(cli.Run("fax", "list", "--status", "sent")));

        ExternalTool.Result unknown = cli.Run("fax", "list", "--account", "initech");
        Assert.Equal((1, "faxgate: no account 'initech'\n", ""), (unknown.ExitCode, unknown.StandardError, unknown.StandardOutput));
        ExternalTool.Result zero = cli.Run("fax", "list", "--limit", "0");
        Assert.Equal((1, "faxgate: the limit must be 1-100000, not 0\n"), (zero.ExitCode, zero.StandardError));
        Assert.Equal(2, cli.Run("fax", "list", "--direction", "sideways").ExitCode);
        Assert.Equal(2, cli.Run("fax", "list", "--status", "lost").ExitCode);
    }

    private static long[] Ids(ExternalTool.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Describe("faxgate fax list"));
        return [.. result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => long.Parse(line.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))];
    }

    private static async Task<long> AccountIdAsync(AdminCli cli, string handle) =>
        await cli.Database.ReadAsync(
            connection => Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT id FROM accounts WHERE handle = @handle", new { handle }),
            CancellationToken.None);

    /// <summary>A clock the test sets: 2026-11-29 08:00:SS UTC.</summary>
    private sealed class SetClock : TimeProvider
    {
        public int Second { get; set; }

        public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero).AddSeconds(Second);
    }
}
