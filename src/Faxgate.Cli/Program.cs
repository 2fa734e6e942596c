using System.CommandLine;
using Faxgate.Cli;
using Faxgate.Cli.Commands;

var root = new RootCommand("Faxgate: fax gateway between SIP/T.38 trunks and email.");
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(ConvertCommand.Create());
root.Subcommands.Add(FaxCommand.Create());
foreach (Command planned in PlannedCommands.Create())
{
    root.Subcommands.Add(planned);
}

ParseResult parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (System.CommandLine.Parsing.ParseError error in parsed.Errors)
    {
        Console.Error.WriteLine($"faxgate: {error.Message}");
    }

    Console.Error.WriteLine("faxgate: see 'faxgate --help'");
    return ExitCodes.Usage;
}

// Ctrl-C and SIGTERM cancel the verb's token; a fax call then hangs up (DCN at the line's pace) and the server
// stops its services, which takes longer than the library's default grace of 2 s.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(15) };
return await parsed.InvokeAsync(invocation).ConfigureAwait(false);
