using Dapper;
using Faxgate.Storage.Addressing;
using Faxgate.Storage.Senders;
using Faxgate.TestSupport;

namespace Faxgate.Interop.Tests.Cli.Admin;

public sealed class SenderCommandTests
{
    private const string Password = "Tr0ub4dor&3-horse";
    private const string NewPassword = "correct horse battery staple";

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Senders_are_added_listed_repassworded_and_removed_without_showing_a_secret(string provider)
    {
        await using AdminCli cli = await AdminCli.StartAsync(provider, "acme", "globex");
        var store = new SenderStore(cli.Database);
        EmailAddress alice = EmailAddress.Parse("alice@acme.example");

        ExternalTool.Result added = cli.RunWithInput(Password + "\n", "sender", "add", "Alice@ACME.example", "--account", "acme", "--password-stdin");
        Assert.True(added.ExitCode == 0, added.Describe("sender add"));
        Assert.Equal("sender alice@acme.example added to account acme\n", added.StandardOutput);
        Assert.Equal(0, cli.RunWithInput(Password + "\r\n", "sender", "add", "bob@globex.example", "--account", "globex", "--password-stdin").ExitCode);
        Assert.NotNull(await store.VerifyAsync(alice, Password, CancellationToken.None));
        Assert.NotNull(await store.VerifyAsync(EmailAddress.Parse("bob@globex.example"), Password, CancellationToken.None));

        ExternalTool.Result list = cli.Run("sender", "list");
        string[] lines = list.StandardOutput.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Matches("^EMAIL +ACCOUNT +CREATED$", lines[0]);
        Assert.Matches("^alice@acme\\.example +acme +20[0-9]{2}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}Z$", lines[1]);
        Assert.StartsWith("bob@globex.example  globex ", lines[2], StringComparison.Ordinal);
        Assert.Equal(lines[0].IndexOf("ACCOUNT", StringComparison.Ordinal), lines[1].IndexOf(" acme ", StringComparison.Ordinal) + 1);
        Assert.Equal(2, cli.Run("sender", "list", "--account", "globex").StandardOutput.TrimEnd('\n').Split('\n').Length);

        ExternalTool.Result changed = cli.RunWithInput(NewPassword + "\n", "sender", "set-password", "alice@acme.example", "--password-stdin");
        Assert.Equal("sender alice@acme.example has a new password\n", changed.StandardOutput);
        Assert.Null(await store.VerifyAsync(alice, Password, CancellationToken.None));
        Assert.NotNull(await store.VerifyAsync(alice, NewPassword, CancellationToken.None));

        Assert.Equal("sender alice@acme.example removed\n", cli.Run("sender", "remove", "alice@acme.example").StandardOutput);
        Assert.Null(await store.VerifyAsync(alice, NewPassword, CancellationToken.None));
        ExternalTool.Result again = cli.Run("sender", "remove", "alice@acme.example");
        Assert.Equal((1, "faxgate: no sender alice@acme.example\n"), (again.ExitCode, again.StandardError));

        // Argon2 ran at the configured (test) cost, and no output ever showed a password or a hash.
        string hash = await cli.Database.ReadAsync(c => c.ExecuteScalarAsync<string>("SELECT password_hash FROM senders"), CancellationToken.None) ?? "";
        Assert.StartsWith("$argon2id$v=19$m=64,t=1,p=1$", hash, StringComparison.Ordinal);
        string[] details = [.. await cli.Database.ReadAsync(c => c.QueryAsync<string>("SELECT COALESCE(detail, '') FROM audit_log"), CancellationToken.None)];
        foreach (string text in cli.Transcript.Concat(details))
        {
            Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
            Assert.DoesNotContain(NewPassword, text, StringComparison.Ordinal);
            Assert.DoesNotContain("argon2", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(hash.Split('$')[^1], text, StringComparison.Ordinal);
        }
    }

    [SkippableTheory]
    [InlineData("short77\n", "sender add carol@acme.example --account acme --password-stdin", "faxgate: the password is too short: at least 8 characters")]
    [InlineData("\n", "sender add carol@acme.example --account acme --password-stdin", "faxgate: the password is empty")]
    [InlineData("", "sender add carol@acme.example --account acme --password-stdin", "faxgate: no password on stdin")]
    [InlineData("long enough\n", "sender add carol@acme.example --account nobody --password-stdin", "faxgate: no account 'nobody'")]
    [InlineData("long enough\n", "sender add carol@acme --account acme --password-stdin", "faxgate: malformed email address 'carol@acme'")]
    [InlineData("long enough\n", "sender add alice@acme.example --account acme --password-stdin", "faxgate: sender alice@acme.example already exists")]
    [InlineData("long enough\n", "sender set-password nobody@acme.example --password-stdin", "faxgate: no sender nobody@acme.example")]
    [InlineData("", "sender remove caro\u001bl@acme.example", "faxgate: malformed email address 'caro\\u001bl@acme.example'")]
    [InlineData("", "sender list --account nobody", "faxgate: no account 'nobody'")]
    public async Task Operator_mistakes_fail_with_one_line_and_status_1(string input, string command, string message)
    {
        await using AdminCli cli = await AdminCli.StartAsync("sqlite", "acme");
        Assert.Equal(0, cli.RunWithInput(Password + "\n", "sender", "add", "alice@acme.example", "--account", "acme", "--password-stdin").ExitCode);
        ExternalTool.Result result = cli.RunWithInput(input, command.Split(' '));
        Assert.True(result.ExitCode == 1, result.Describe(command));
        Assert.Empty(result.StandardOutput);
        Assert.StartsWith(message, result.StandardError, StringComparison.Ordinal);
        Assert.Single(result.StandardError.TrimEnd('\n').Split('\n'));
    }

    [SkippableTheory]
    [InlineData("sender add carol@acme.example --account acme")]
    [InlineData("sender set-password alice@acme.example")]
    [InlineData("sender add carol@acme.example --password-stdin")]
    [InlineData("sender add --account acme --password-stdin")]
    public async Task A_wrong_command_line_is_a_usage_error_and_reads_no_password(string command)
    {
        await using AdminCli cli = await AdminCli.StartAsync("sqlite", "acme");
        ExternalTool.Result result = cli.RunWithInput(Password + "\n", command.Split(' '));
        Assert.True(result.ExitCode == 2, result.Describe(command));
        Assert.StartsWith("faxgate: ", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(await cli.Database.ReadAsync(c => c.QueryAsync<string>("SELECT email FROM senders"), CancellationToken.None));
    }

    [SkippableFact]
    public async Task The_minimum_password_length_is_a_setting()
    {
        await using AdminCli cli = await AdminCli.StartAsync("sqlite", "acme");
        cli.Set("FAXGATE__Security__SenderPassword__MinimumLength", "20");
        ExternalTool.Result result = cli.RunWithInput(Password + "\n", "sender", "add", "alice@acme.example", "--account", "acme", "--password-stdin");
        Assert.Equal((1, "faxgate: the password is too short: at least 20 characters\n"), (result.ExitCode, result.StandardError));
    }
}
