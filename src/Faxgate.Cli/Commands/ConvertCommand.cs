using System.CommandLine;

namespace Faxgate.Cli.Commands;

/// <summary>`faxgate convert IN OUT`: converts fax documents between TIFF and PDF.</summary>
internal static class ConvertCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("IN") { Description = "Input TIFF" };
        var output = new Argument<string>("OUT") { Description = "Output file: .tif/.tiff (TIFF Class F) or .pdf" };
        var command = new Command("convert", "Convert a fax document between TIFF and PDF") { input, output };
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("faxgate: 'convert' is not available yet in this version of Faxgate");
            return ExitCodes.NotAvailable;
        });
        return command;
    }
}
