using System.CommandLine;
using System.Runtime.InteropServices;
using Faxgate.Cli;
using Faxgate.Cli.Commands;
using Faxgate.Cli.Commands.Admin;

var root = new RootCommand("Faxgate: fax gateway between SIP/T.38 trunks and email.");
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(ConvertCommand.Create());
root.Subcommands.Add(FaxCommand.Create());
root.Subcommands.Add(NumberCommand.Create());
root.Subcommands.Add(SenderCommand.Create());
root.Subcommands.Add(BackupCommand.CreateBackup());
root.Subcommands.Add(BackupCommand.CreateRestore());
root.Subcommands.Add(AccountCommand.Create());
root.Subcommands.Add(JobsCommand.Create());

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

// Ctrl-C and SIGTERM cancel the verb's token and the verb decides how to end: a fax call hangs up (DCN at the
// line's pace) and still prints its result, the server stops its services. The exit status is the verb's. A second
// signal ends the process at once.
using var shutdown = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = !shutdown.IsCancellationRequested;
    shutdown.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
return await parsed.InvokeAsync(invocation, shutdown.Token).ConfigureAwait(false);
