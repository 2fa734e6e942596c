using System.CommandLine;
using Faxgate.Cli.Commands.Admin;
using Faxgate.Server.Hosting;
using Microsoft.Extensions.Hosting;

namespace Faxgate.Cli.Commands;

/// <summary>`faxgate serve`: runs the server until Ctrl-C or SIGTERM.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data folder (database, keys, spool)", DefaultValueFactory = _ => "data" };
        var config = new Option<string?>("--config") { Description = "Configuration file (JSON), in addition to DATA/faxgate.json" };
        var command = new Command("serve", "Run the Faxgate server on this node") { data, config };
        command.SetAction(async (result, cancellationToken) =>
        {
            return await AdminContext.RunAsync(async () =>
            {
                using IHost host = await ServerHost.BuildAsync(result.GetValue(data)!, result.GetValue(config), cancellationToken).ConfigureAwait(false);
                await host.RunAsync(cancellationToken).ConfigureAwait(false);
                return ExitCodes.Ok;
            }).ConfigureAwait(false);
        });
        return command;
    }
}
