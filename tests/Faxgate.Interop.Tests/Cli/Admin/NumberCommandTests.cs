using Dapper;
using Faxgate.Storage.Addressing;
using Faxgate.Storage.Numbers;
using Faxgate.TestSupport;

namespace Faxgate.Interop.Tests.Cli.Admin;

public sealed class NumberCommandTests
{
    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task The_issue_example_adds_a_number_that_routes_lists_and_switches_off(string provider)
    {
        await using AdminCli cli = await AdminCli.StartAsync(provider, "acme", "globex");

        ExternalTool.Result added = cli.Run("number", "add", "+27115551234", "--account", "acme", "--email", "fax@acme.example", "--format", "pdf");
        Assert.True(added.ExitCode == 0, added.Describe("number add"));
        Assert.Equal("number +27115551234 added to account acme, mailed as pdf to fax@acme.example\n", added.StandardOutput);
        Assert.Empty(added.StandardError);

        Assert.Equal(0, cli.Run("number", "add", "+1 (415) 555-0100", "--account", "globex", "--email", "fax@globex.example", "--email", "Desk@GLOBEX.example", "--format", "both").ExitCode);
        Assert.Equal(0, cli.Run("number", "add", "0027 11 555 0000", "--account", "acme", "--email", "fax@acme.example").ExitCode);
        Assert.Equal(0, cli.Run("number", "disable", "+27115550000").ExitCode);

        ExternalTool.Result list = cli.Run("number", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Equal(
            """
            NUMBER        ACCOUNT  ACTIVE  FORMAT  EMAIL
            +14155550100  globex   yes     both    Desk@globex.example,fax@globex.example
            +27115550000  acme     no      pdf     fax@acme.example
            +27115551234  acme     yes     pdf     fax@acme.example

            """, list.StandardOutput);

        ExternalTool.Result acme = cli.Run("number", "list", "--account", "acme");
        Assert.Equal(["NUMBER", "+27115550000", "+27115551234"], acme.StandardOutput.TrimEnd().Split('\n').Select(line => line.Split(' ')[0]));

        // What the command wrote is what the Fax2Email flow will find.
        var store = new NumberStore(cli.Database);
        NumberRoute? route = await store.FindRouteAsync(E164Number.Parse("+27115551234"), CancellationToken.None);
        Assert.NotNull(route);
        Assert.Equal(("acme", true, AttachmentFormat.Pdf), (route.AccountHandle, route.Active, route.Format));
        Assert.False((await store.FindRouteAsync(E164Number.Parse("+27115550000"), CancellationToken.None))!.Active);

        ExternalTool.Result setEmail = cli.Run("number", "set-email", "+27 11 555 1234", "--email", "a@acme.example", "--email", "b@acme.example");
        Assert.Equal("number +27115551234 now mailed to a@acme.example, b@acme.example\n", setEmail.StandardOutput);
        Assert.Equal("number +27115550000 enabled\n", cli.Run("number", "enable", "+27115550000").StandardOutput);
        route = await store.FindRouteAsync(E164Number.Parse("+27115551234"), CancellationToken.None);
        Assert.Equal(["a@acme.example", "b@acme.example"], route!.Emails.Select(e => e.Value));
        Assert.True((await store.FindRouteAsync(E164Number.Parse("+27115550000"), CancellationToken.None))!.Active);

        string[] actors = [.. await cli.Database.ReadAsync(c => c.QueryAsync<string>("SELECT DISTINCT actor FROM audit_log"), CancellationToken.None)];
        Assert.Equal([$"cli:{Environment.UserName}"], actors);
    }

    [SkippableTheory]
    [InlineData("number add +27115551234 --account nobody --email fax@acme.example", "faxgate: no account 'nobody'")]
    [InlineData("number add 27115551234 --account acme --email fax@acme.example", "faxgate: malformed E.164 number '27115551234': it has no country code")]
    [InlineData("number add +2711555 --account acme --email fax@acme.example", "faxgate: malformed E.164 number '+2711555': it has 7 digits")]
    [InlineData("number add 011-555-1234 --account acme --email fax@acme.example", "faxgate: malformed E.164 number '011-555-1234': it is a national number (leading 0) and no default country code is configured")]
    [InlineData("number add +27115551234 --account acme --email fax@acme", "faxgate: malformed email address 'fax@acme': the domain 'acme' needs at least one dot")]
    [InlineData("number add +27115551234 --account acme --email fax.acme.example", "faxgate: malformed email address 'fax.acme.example': it has no '@'")]
    [InlineData("number enable +27115559999", "faxgate: no number +27115559999")]
    [InlineData("number disable +27115559999", "faxgate: no number +27115559999")]
    [InlineData("number set-email +27115559999 --email fax@acme.example", "faxgate: no number +27115559999")]
    [InlineData("number enable +27abc", "faxgate: malformed E.164 number '+27abc': unexpected character 'a' at position 4")]
    [InlineData("number list --account nobody", "faxgate: no account 'nobody'")]
    public async Task Operator_mistakes_fail_with_one_line_and_status_1(string command, string message)
    {
        await using AdminCli cli = await AdminCli.StartAsync("sqlite", "acme");
        ExternalTool.Result result = cli.Run(command.Split(' '));
        Assert.True(result.ExitCode == 1, result.Describe(command));
        Assert.Empty(result.StandardOutput);
        Assert.StartsWith(message, result.StandardError, StringComparison.Ordinal);
        Assert.Single(result.StandardError.TrimEnd('\n').Split('\n'));
    }

    [SkippableFact]
    public async Task A_duplicate_number_fails_and_leaves_the_first_as_it_was()
    {
        await using AdminCli cli = await AdminCli.StartAsync("sqlite", "acme", "globex");
        Assert.Equal(0, cli.Run("number", "add", "+27115551234", "--account", "acme", "--email", "fax@acme.example").ExitCode);
        ExternalTool.Result duplicate = cli.Run("number", "add", "+27 (0)11 555 1234", "--account", "globex", "--email", "fax@globex.example");
        Assert.Equal(1, duplicate.ExitCode);
        Assert.Equal("faxgate: number +27115551234 already exists\n", duplicate.StandardError);
        Assert.Contains("+27115551234  acme", cli.Run("number", "list").StandardOutput, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task National_numbers_take_the_configured_country_code()
    {
        await using AdminCli cli = await AdminCli.StartAsync("sqlite", "acme");
        cli.Set("FAXGATE__Sip__DefaultCountryCode", "27");
        ExternalTool.Result added = cli.Run("number", "add", "(011) 555-1234", "--account", "acme", "--email", "fax@acme.example", "--format", "tiff");
        Assert.Equal("number +27115551234 added to account acme, mailed as tiff to fax@acme.example\n", added.StandardOutput);
        Assert.Equal("number +27115551234 disabled\n", cli.Run("number", "disable", "011 555 1234").StandardOutput);

        cli.Set("FAXGATE__Sip__DefaultCountryCode", "twenty-seven");
        ExternalTool.Result misconfigured = cli.Run("number", "enable", "011 555 1234");
        Assert.Equal(1, misconfigured.ExitCode);
        Assert.Contains("Sip:DefaultCountryCode", misconfigured.StandardError, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("number add +27115551234 --email fax@acme.example")]
    [InlineData("number add +27115551234 --account acme")]
    [InlineData("number add +27115551234 --account acme --email fax@acme.example --format docx")]
    [InlineData("number add --account acme --email fax@acme.example")]
    [InlineData("number set-email +27115551234")]
    [InlineData("number frobnicate")]
    [InlineData("number")]
    public async Task A_wrong_command_line_is_a_usage_error(string command)
    {
        await using AdminCli cli = await AdminCli.StartAsync("sqlite", "acme");
        ExternalTool.Result result = cli.Run(command.Split(' '));
        Assert.True(result.ExitCode == 2, result.Describe(command));
        Assert.StartsWith("faxgate: ", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(result.StandardOutput);
    }
}
