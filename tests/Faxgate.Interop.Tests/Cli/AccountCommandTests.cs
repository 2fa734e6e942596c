using System.Text;
using System.Text.Json;
using Dapper;
using Faxgate.Storage;
using Faxgate.Storage.Accounts;
using Faxgate.Storage.Crypto;
using Faxgate.TestSupport;

namespace Faxgate.Interop.Tests.Cli;

public sealed class AccountCommandTests
{
    private const string Password = "owner-password-1";

    [SkippableTheory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Accounts_are_added_listed_disabled_and_enabled_and_the_password_opens_the_key(string provider)
    {
        string data = Repository.NewScratchDirectory("cli-account");
        StorageOptions options = TestDatabases.Create(provider, data);
        try
        {
            string config = Path.Combine(data, "test.json");
            File.WriteAllText(config, JsonSerializer.Serialize(new
            {
                Storage = new { options.Provider, options.ConnectionString },
                Security = new { Argon2 = new { MemoryKiB = 64, Iterations = 1, Parallelism = 1 } },
            }));
            string[] where = ["--data", data, "--config", config];

            ExternalTool.Result added = ExternalTool.FaxgateWithInput(Password + "\n", ["account", "add", "acme", "--name", "ACME Ltd", "--login", "Owner@ACME.example", "--password-stdin", .. where]);
            Assert.True(added.ExitCode == 0, added.Describe("faxgate account add"));
            Assert.Contains("owner@acme.example", added.StandardOutput, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, added.StandardOutput + added.StandardError, StringComparison.Ordinal);

            ExternalTool.Result listed = ExternalTool.Faxgate(["account", "list", .. where]);
            Assert.Equal(0, listed.ExitCode);
            Assert.Matches(@"(?m)^acme +ACME Ltd +yes +1 +0 +\d{4}-\d\d-\d\d \d\d:\d\dZ$", listed.StandardOutput);

            Assert.Equal(0, ExternalTool.Faxgate(["account", "disable", "acme", .. where]).ExitCode);
            Assert.Matches(@"(?m)^acme +ACME Ltd +no ", ExternalTool.Faxgate(["account", "list", .. where]).StandardOutput);

            Database database = await Database.OpenAsync(options, data, TimeProvider.System, CancellationToken.None);
            var accounts = new AccountStore(database);
            Assert.Null(await accounts.UnlockAsync("owner@acme.example", Password, CancellationToken.None));

            Assert.Equal(0, ExternalTool.Faxgate(["account", "enable", "acme", .. where]).ExitCode);
            using (AccountKey? key = await accounts.UnlockAsync("owner@acme.example", Password, CancellationToken.None))
            {
                Assert.NotNull(key);
            }

            Assert.Equal("m=64,t=1,p=1", await database.ReadAsync(connection => connection.ExecuteScalarAsync<string>("SELECT key_params FROM users"), CancellationToken.None));
            Assert.Empty(await PlaintextScan.DatabaseAsync(database, Encoding.UTF8.GetBytes(Password)));
        }
        finally
        {
            TestDatabases.Drop(options);
        }
    }

    [Fact]
    public void Mistakes_fail_with_one_line_and_exit_1()
    {
        string data = Repository.NewScratchDirectory("cli-account-mistakes");
        string config = Path.Combine(data, "test.json");
        File.WriteAllText(config, """{ "Security": { "Argon2": { "MemoryKiB": 64, "Iterations": 1 } } }""");
        string[] where = ["--data", data, "--config", config];
        Assert.Equal(0, ExternalTool.FaxgateWithInput(Password + "\n", ["account", "add", "acme", "--name", "ACME", "--login", "a@acme.example", "--password-stdin", .. where]).ExitCode);

        AssertFails(ExternalTool.FaxgateWithInput(Password + "\n", ["account", "add", "acme", "--name", "ACME", "--login", "b@acme.example", "--password-stdin", .. where]), "already an account 'acme'");
        AssertFails(ExternalTool.FaxgateWithInput(Password + "\n", ["account", "add", "beta", "--name", "Beta", "--login", "A@acme.example", "--password-stdin", .. where]), "already taken");
        AssertFails(ExternalTool.FaxgateWithInput(Password + "\n", ["account", "add", "Bad_Handle", "--name", "Bad", "--login", "c@acme.example", "--password-stdin", .. where]), "not an account handle");
        AssertFails(ExternalTool.FaxgateWithInput(Password + "\n", ["account", "add", "gamma", "--name", "Gamma", "--login", "not-an-address", "--password-stdin", .. where]), "not an email address");
        AssertFails(ExternalTool.FaxgateWithInput("short\n", ["account", "add", "gamma", "--name", "Gamma", "--login", "g@gamma.example", "--password-stdin", .. where]), "at least 8 characters");
        AssertFails(ExternalTool.FaxgateWithInput(Password + "\n", ["account", "add", "gamma", "--name", "Gamma", "--login", "g@gamma.example", .. where]), "--password-stdin");
        AssertFails(ExternalTool.Faxgate(["account", "disable", "nope", .. where]), "no account 'nope'");
        Assert.Equal(2, ExternalTool.Faxgate(["account", "add", "acme", "--password", Password, .. where]).ExitCode);
    }

    private static void AssertFails(ExternalTool.Result result, string reason)
    {
        Assert.True(result.ExitCode == 1, result.Describe("faxgate account"));
        Assert.StartsWith("faxgate: ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains(reason, result.StandardError, StringComparison.Ordinal);
        Assert.Empty(result.StandardOutput);
    }
}
