using System.CommandLine;
using Faxgate.Storage;
using Faxgate.Storage.Addressing;
using Faxgate.Storage.Numbers;
using Microsoft.Extensions.Configuration;

namespace Faxgate.Cli.Commands.Admin;

/// <summary>
/// `faxgate number add|list|enable|disable|set-email|set-format|remove`: the fax numbers (DIDs) Faxgate answers, the
/// account each belongs to, and where its faxes are mailed. Numbers are E.164; national ones (leading 0) are accepted
/// when <c>Sip:DefaultCountryCode</c> is configured.
/// </summary>
internal static class NumberCommand
{
    public static Command Create()
    {
        var admin = new AdminContext();
        var command = new Command("number", "Manage fax numbers (DIDs)");
        admin.AddTo(command);
        command.Subcommands.Add(CreateAdd(admin));
        command.Subcommands.Add(CreateList(admin));
        command.Subcommands.Add(CreateChange(admin, "enable", "Let a number take calls again", "enabled", (store, number, token) => store.EnableAsync(number, AdminContext.Actor, token)));
        command.Subcommands.Add(CreateChange(admin, "disable", "Refuse calls to a number (it keeps its settings)", "disabled", (store, number, token) => store.DisableAsync(number, AdminContext.Actor, token)));
        command.Subcommands.Add(CreateSetEmail(admin));
        command.Subcommands.Add(CreateSetFormat(admin));
        command.Subcommands.Add(CreateChange(admin, "remove", "Delete a number and its settings", "removed", (store, number, token) => store.RemoveAsync(number, AdminContext.Actor, token)));
        return command;
    }

    private static Argument<string> NumberArgument() => new("NUMBER") { Description = "The number, E.164: +27115551234 (spaces, dashes, dots, parentheses allowed)" };

    private static Option<string[]> EmailOption() => new("--email")
    {
        Description = $"Where its faxes are mailed (repeat for more, at most {NumberStore.MaxEmails})",
        Required = true,
        Arity = ArgumentArity.OneOrMore,
    };

    private static Option<string> FormatOption(bool required)
    {
        var format = new Option<string>("--format") { Description = "Attachment: pdf, tiff or both", Required = required };
        if (!required)
        {
            format.DefaultValueFactory = _ => "pdf";
        }

        format.AcceptOnlyFromAmong([.. AttachmentFormats.Names]);
        return format;
    }

    private static Command CreateAdd(AdminContext admin)
    {
        Argument<string> number = NumberArgument();
        var account = new Option<string>("--account") { Description = "The account that owns the number", Required = true };
        Option<string[]> email = EmailOption();
        Option<string> format = FormatOption(required: false);
        var command = new Command("add", "Add a number to an account") { number, account, email, format };
        command.SetAction((result, token) => AdminContext.RunAsync(async () =>
        {
            (NumberStore store, E164Number parsed) = await OpenAsync(admin, result, number, token).ConfigureAwait(false);
            EmailAddress[] emails = AdminInput.Emails(result.GetValue(email)!);
            AttachmentFormat attachment = AttachmentFormats.Parse(result.GetValue(format)!);
            await store.AddAsync(parsed, result.GetValue(account)!, emails, attachment, AdminContext.Actor, token).ConfigureAwait(false);
            Console.WriteLine($"number {parsed} added to account {result.GetValue(account)}, mailed as {attachment.Name()} to {string.Join(", ", emails.DistinctBy(e => e.Value, StringComparer.OrdinalIgnoreCase))}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateList(AdminContext admin)
    {
        var account = new Option<string?>("--account") { Description = "Only this account's numbers" };
        var command = new Command("list", "List numbers, their account, state, format and addresses") { account };
        command.SetAction((result, token) => AdminContext.RunAsync(async () =>
        {
            Database database = await admin.OpenAsync(result, token).ConfigureAwait(false);
            IReadOnlyList<NumberEntry> numbers = await new NumberStore(database).ListAsync(result.GetValue(account), token).ConfigureAwait(false);
            var table = new TextTable("NUMBER", "ACCOUNT", "ACTIVE", "FORMAT", "EMAIL");
            foreach (NumberEntry entry in numbers)
            {
                table.Add(entry.Number.Value, entry.Account, entry.Active ? "yes" : "no", entry.Format.Name(), string.Join(",", entry.Emails));
            }

            table.WriteTo(Console.Out);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateChange(AdminContext admin, string name, string description, string done, Func<NumberStore, E164Number, CancellationToken, Task> change)
    {
        Argument<string> number = NumberArgument();
        var command = new Command(name, description) { number };
        command.SetAction((result, token) => AdminContext.RunAsync(async () =>
        {
            (NumberStore store, E164Number parsed) = await OpenAsync(admin, result, number, token).ConfigureAwait(false);
            await change(store, parsed, token).ConfigureAwait(false);
            Console.WriteLine($"number {parsed} {done}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateSetEmail(AdminContext admin)
    {
        Argument<string> number = NumberArgument();
        Option<string[]> email = EmailOption();
        var command = new Command("set-email", "Replace the addresses a number's faxes are mailed to") { number, email };
        command.SetAction((result, token) => AdminContext.RunAsync(async () =>
        {
            (NumberStore store, E164Number parsed) = await OpenAsync(admin, result, number, token).ConfigureAwait(false);
            EmailAddress[] emails = AdminInput.Emails(result.GetValue(email)!);
            await store.SetEmailAsync(parsed, emails, AdminContext.Actor, token).ConfigureAwait(false);
            Console.WriteLine($"number {parsed} now mailed to {string.Join(", ", emails.DistinctBy(e => e.Value, StringComparer.OrdinalIgnoreCase))}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateSetFormat(AdminContext admin)
    {
        Argument<string> number = NumberArgument();
        Option<string> format = FormatOption(required: true);
        var command = new Command("set-format", "Change the attachment format of a number's faxes") { number, format };
        command.SetAction((result, token) => AdminContext.RunAsync(async () =>
        {
            (NumberStore store, E164Number parsed) = await OpenAsync(admin, result, number, token).ConfigureAwait(false);
            AttachmentFormat attachment = AttachmentFormats.Parse(result.GetValue(format)!);
            await store.SetFormatAsync(parsed, attachment, AdminContext.Actor, token).ConfigureAwait(false);
            Console.WriteLine($"number {parsed} now mailed as {attachment.Name()}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Parses the number first (a malformed one fails before the database is touched), then opens the store.</summary>
    private static async Task<(NumberStore Store, E164Number Number)> OpenAsync(AdminContext admin, ParseResult result, Argument<string> number, CancellationToken token)
    {
        IConfiguration configuration = admin.Configuration(result);
        E164Number parsed = AdminInput.Number(result.GetValue(number)!, AdminInput.DefaultCountryCode(configuration));
        Database database = await admin.OpenAsync(result, token).ConfigureAwait(false);
        return (new NumberStore(database), parsed);
    }
}
