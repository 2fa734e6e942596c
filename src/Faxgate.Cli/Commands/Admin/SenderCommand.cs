using System.CommandLine;
using System.Globalization;
using Faxgate.Storage;
using Faxgate.Storage.Addressing;
using Faxgate.Storage.Senders;
using Microsoft.Extensions.Configuration;

namespace Faxgate.Cli.Commands.Admin;

/// <summary>
/// `faxgate sender add|list|remove|set-password`: the addresses allowed to send faxes by email, each with a fax
/// password. Passwords are read from stdin (one line), never from the command line, and are stored only as Argon2id
/// hashes; no output shows a password or a hash.
/// </summary>
internal static class SenderCommand
{
    public static Command Create()
    {
        var admin = new AdminContext();
        var command = new Command("sender", "Manage addresses allowed to send faxes by email");
        admin.AddTo(command);
        command.Subcommands.Add(CreateAdd(admin));
        command.Subcommands.Add(CreateList(admin));
        command.Subcommands.Add(CreateRemove(admin));
        command.Subcommands.Add(CreateSetPassword(admin));
        return command;
    }

    private static Argument<string> EmailArgument() => new("EMAIL") { Description = "The sender's email address" };

    private static Option<bool> PasswordStdinOption() => new("--password-stdin")
    {
        Description = "Read the fax password from stdin (one line); required: passwords never go on the command line",
    };

    private static Command CreateAdd(AdminContext admin)
    {
        Argument<string> email = EmailArgument();
        var account = new Option<string>("--account") { Description = "The account the sender's faxes belong to", Required = true };
        Option<bool> passwordStdin = PasswordStdinOption();
        var command = new Command("add", "Allow an address to send faxes by email") { email, account, passwordStdin };
        command.SetAction((result, token) => AdminContext.RunAsync(async () =>
        {
            if (!result.GetValue(passwordStdin))
            {
                return PasswordStdinMissing(command.Name);
            }

            EmailAddress address = AdminInput.Email(result.GetValue(email)!);
            string password = await AdminInput.PasswordFromStdinAsync(token).ConfigureAwait(false);
            SenderStore store = await OpenAsync(admin, result, token).ConfigureAwait(false);
            await store.AddAsync(address, result.GetValue(account)!, password, AdminContext.Actor, token).ConfigureAwait(false);
            Console.WriteLine($"sender {address.Value.ToLowerInvariant()} added to account {result.GetValue(account)}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateList(AdminContext admin)
    {
        var account = new Option<string?>("--account") { Description = "Only this account's senders" };
        var command = new Command("list", "List senders, their account and when they were added") { account };
        command.SetAction((result, token) => AdminContext.RunAsync(async () =>
        {
            SenderStore store = await OpenAsync(admin, result, token).ConfigureAwait(false);
            IReadOnlyList<SenderEntry> senders = await store.ListAsync(result.GetValue(account), token).ConfigureAwait(false);
            var table = new TextTable("EMAIL", "ACCOUNT", "CREATED");
            foreach (SenderEntry sender in senders)
            {
                string created = DateTimeOffset.FromUnixTimeMilliseconds(sender.CreatedAt).ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                table.Add(sender.Email.Value, sender.Account, created);
            }

            table.WriteTo(Console.Out);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateRemove(AdminContext admin)
    {
        Argument<string> email = EmailArgument();
        var command = new Command("remove", "Withdraw an address's permission to send faxes by email") { email };
        command.SetAction((result, token) => AdminContext.RunAsync(async () =>
        {
            EmailAddress address = AdminInput.Email(result.GetValue(email)!);
            SenderStore store = await OpenAsync(admin, result, token).ConfigureAwait(false);
            await store.RemoveAsync(address, AdminContext.Actor, token).ConfigureAwait(false);
            Console.WriteLine($"sender {address.Value.ToLowerInvariant()} removed");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateSetPassword(AdminContext admin)
    {
        Argument<string> email = EmailArgument();
        Option<bool> passwordStdin = PasswordStdinOption();
        var command = new Command("set-password", "Give a sender a new fax password") { email, passwordStdin };
        command.SetAction((result, token) => AdminContext.RunAsync(async () =>
        {
            if (!result.GetValue(passwordStdin))
            {
                return PasswordStdinMissing(command.Name);
            }

            EmailAddress address = AdminInput.Email(result.GetValue(email)!);
            string password = await AdminInput.PasswordFromStdinAsync(token).ConfigureAwait(false);
            SenderStore store = await OpenAsync(admin, result, token).ConfigureAwait(false);
            await store.SetPasswordAsync(address, password, AdminContext.Actor, token).ConfigureAwait(false);
            Console.WriteLine($"sender {address.Value.ToLowerInvariant()} has a new password");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>A usage error: the password must come from stdin, so --password-stdin is not optional.</summary>
    private static int PasswordStdinMissing(string verb)
    {
        Console.Error.WriteLine($"faxgate: sender {verb} needs --password-stdin: the password is read from stdin, never from the command line");
        return ExitCodes.Usage;
    }

    private static async Task<SenderStore> OpenAsync(AdminContext admin, ParseResult result, CancellationToken token)
    {
        IConfiguration configuration = admin.Configuration(result);
        SenderPasswordPolicy policy = AdminInput.SenderPasswordPolicy(configuration);
        Database database = await admin.OpenAsync(result, token).ConfigureAwait(false);
        return new SenderStore(database, policy);
    }
}
