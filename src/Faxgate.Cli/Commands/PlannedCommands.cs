using System.CommandLine;

namespace Faxgate.Cli.Commands;

/// <summary>Verbs of the faxgate command that later work fills in; each says so and exits with <see cref="ExitCodes.NotAvailable"/>.</summary>
internal static class PlannedCommands
{
    private static readonly (string Name, string Description)[] Verbs =
    [
        ("account", "Manage customer accounts"),
        ("number", "Manage fax numbers (DIDs)"),
        ("sender", "Manage addresses allowed to send faxes by email"),
        ("backup", "Back up the database"),
        ("restore", "Restore the database from a backup"),
    ];

    public static IEnumerable<Command> Create()
    {
        foreach ((string name, string description) in Verbs)
        {
            var rest = new Argument<string[]>("arguments") { Arity = ArgumentArity.ZeroOrMore };
            var command = new Command(name, $"{description} (not available yet)") { rest };
            command.TreatUnmatchedTokensAsErrors = false;
            command.SetAction(_ =>
            {
                Console.Error.WriteLine($"faxgate: '{name}' is not available yet in this version of Faxgate");
                return ExitCodes.NotAvailable;
            });
            yield return command;
        }
    }
}
