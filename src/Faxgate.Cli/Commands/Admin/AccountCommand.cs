using System.CommandLine;
using System.Globalization;
using System.Text;
using Faxgate.Storage;
using Faxgate.Storage.Accounts;
using Faxgate.Storage.Crypto;
using Microsoft.Extensions.Configuration;

namespace Faxgate.Cli.Commands.Admin;

/// <summary>
/// `faxgate account add|list|disable|enable`: customer accounts. Adding one creates its key pair and its owner's portal
/// login; the password is read from stdin (<c>--password-stdin</c>) or typed at a prompt, never taken from the command
/// line, and never shown. Listing shows metadata only.
/// </summary>
internal static class AccountCommand
{
    private static readonly string[] ListHeader = ["HANDLE", "NAME", "ACTIVE", "USERS", "NUMBERS", "CREATED"];

    public static Command Create()
    {
        var context = new AdminContext();
        var command = new Command("account", "Manage customer accounts");
        command.Subcommands.Add(Add(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(SetActive(context, "disable", "Disable an account: its users cannot log in and its archive stays closed", active: false));
        command.Subcommands.Add(SetActive(context, "enable", "Enable a disabled account again", active: true));
        context.AddTo(command);
        return command;
    }

    private static Command Add(AdminContext context)
    {
        var handle = new Argument<string>("HANDLE") { Description = "Short name of the account: lower-case letters, digits and '-'" };
        var name = new Option<string>("--name") { Description = "The customer's name", Required = true };
        var login = new Option<string>("--login") { Description = "The owner's portal login (an email address)", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the owner's password from the first line of stdin" };
        var command = new Command("add", "Create an account with its key pair and the owner's portal login") { handle, name, login, passwordStdin };
        command.SetAction((result, cancellationToken) => AdminContext.RunAsync(async () =>
        {
            string owner = AccountNames.Login(result.GetValue(login));
            string password = ReadPassword(result.GetValue(passwordStdin), owner);
            Database database = await context.OpenAsync(result, cancellationToken).ConfigureAwait(false);
            using ServerKey serverKey = ServerKey.Load(context.StorageOptions(result), context.DataDirectory(result));
            var accounts = new AccountStore(database, Argon2(context, result), serverKey);
            await accounts.CreateAsync(result.GetValue(handle)!, result.GetValue(name)!, owner, password, AdminContext.Actor, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"account {result.GetValue(handle)} created; owner login {owner}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command List(AdminContext context)
    {
        var command = new Command("list", "List accounts (metadata only)");
        command.SetAction((result, cancellationToken) => AdminContext.RunAsync(async () =>
        {
            Database database = await context.OpenAsync(result, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<AccountSummary> accounts = await new AccountStore(database).ListAsync(cancellationToken).ConfigureAwait(false);
            var table = new TextTable(ListHeader);
            foreach (AccountSummary account in accounts)
            {
                table.Add(
                    account.Handle,
                    account.Name,
                    account.Active ? "yes" : "no",
                    account.Users.ToString(CultureInfo.InvariantCulture),
                    account.Numbers.ToString(CultureInfo.InvariantCulture),
                    DateTimeOffset.FromUnixTimeMilliseconds(account.CreatedAt).ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture));
            }

            table.WriteTo(Console.Out);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command SetActive(AdminContext context, string verb, string description, bool active)
    {
        var handle = new Argument<string>("HANDLE") { Description = "The account's handle" };
        var command = new Command(verb, description) { handle };
        command.SetAction((result, cancellationToken) => AdminContext.RunAsync(async () =>
        {
            Database database = await context.OpenAsync(result, cancellationToken).ConfigureAwait(false);
            var accounts = new AccountStore(database);
            string target = result.GetValue(handle)!;
            if (active)
            {
                await accounts.EnableAsync(target, AdminContext.Actor, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await accounts.DisableAsync(target, AdminContext.Actor, cancellationToken).ConfigureAwait(false);
            }

            Console.WriteLine($"account {target} {verb}d");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Argon2Parameters Argon2(AdminContext context, ParseResult result)
    {
        var options = new Argon2Options();
        context.Configuration(result).GetSection(Argon2Options.Section).Bind(options);
        return options.ToParameters();
    }

    /// <summary>
    /// The password from stdin's first line, or typed twice at a prompt without echo when stdin is a terminal. Never
    /// from the command line, where other users could read it in the process list.
    /// </summary>
    private static string ReadPassword(bool fromStdin, string login)
    {
        if (fromStdin)
        {
            return Console.In.ReadLine() ?? throw new InvalidRequestException("--password-stdin: stdin was empty");
        }

        if (Console.IsInputRedirected)
        {
            throw new InvalidRequestException("stdin is not a terminal: pass the password on stdin with --password-stdin");
        }

        string password = Prompt($"Password for {login}: ");
        if (Prompt("Repeat the password: ") != password)
        {
            throw new InvalidRequestException("the two passwords differ");
        }

        return password;
    }

    private static string Prompt(string question)
    {
        Console.Error.Write(question);
        var typed = new StringBuilder();
        while (true)
        {
            ConsoleKeyInfo key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return typed.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (typed.Length > 0)
                {
                    typed.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
    }
}
