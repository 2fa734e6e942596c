using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Faxgate.Cli.Documents;
using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Session;
using Faxgate.Fax.T38.Terminal;
using Faxgate.Fax.Transport;
using Faxgate.Imaging;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Pdf;
using Faxgate.Imaging.Tiff;

namespace Faxgate.Cli.Commands;

/// <summary>
/// `faxgate fax send|receive --t38`: the virtual fax machine. It speaks T.30 over T.38/UDPTL on a UDP port, prints one
/// RESULT line when the call is over, and exits 0 only when the fax went through.
/// </summary>
internal static class FaxCommand
{
    public static Command Create()
    {
        var fax = new Command("fax", "Send or receive a fax over T.38 (the virtual fax machine)");
        fax.Subcommands.Add(CreateSend());
        fax.Subcommands.Add(CreateReceive());
        fax.Subcommands.Add(Admin.FaxListCommand.Create());
        return fax;
    }

    private static Command CreateSend()
    {
        var common = new CommonOptions(remoteRequired: false);
        var ecm = new Option<string>("--ecm") { Description = "Error correction mode: on (default) or off", DefaultValueFactory = _ => "on" };
        ecm.AcceptOnlyFromAmong("on", "off");
        var file = new Argument<string>("FILE") { Description = "The document to send: a TIFF or a PDF" };
        var sip = new SipSendOptions();
        var command = new Command("send", "Call a T.38 peer (--t38 --remote) or a SIP number (--to) and send FILE") { file, ecm };
        common.AddTo(command);
        sip.AddTo(command);
        command.SetAction((result, token) =>
        {
            if (sip.Target(result) is { } target)
            {
                return SipSend.RunAsync(result.GetValue(file)!, result.GetValue(ecm) == "on", common.Read(result, overSip: true), sip.Read(result, target), token);
            }

            Settings settings = common.Read(result);
            return SendAsync(result.GetValue(file)!, result.GetValue(ecm) == "on", settings.Remote is null && settings.Error is null ? settings with { Error = "--remote (with --t38) or --to sip:NUMBER@HOST is required" } : settings, token);
        });
        return command;
    }

    private static Command CreateReceive()
    {
        var common = new CommonOptions(remoteRequired: false);
        var ecm = new Option<string>("--ecm") { Description = "Offer error correction mode: on (default) or off", DefaultValueFactory = _ => "on" };
        ecm.AcceptOnlyFromAmong("on", "off");
        var output = new Option<string>("--out") { Description = "Where the received fax goes: FILE.tif or FILE.pdf", Required = true };
        var command = new Command("receive", "Answer a T.38 call and receive a fax") { output, ecm };
        common.AddTo(command);
        command.SetAction((result, token) => ReceiveAsync(result.GetValue(output)!, result.GetValue(ecm) == "on", common.Read(result), token));
        return command;
    }

    private static async Task<int> SendAsync(string path, bool ecm, Settings settings, CancellationToken cancellationToken)
    {
        if (PrepareSending(path, ecm, settings.Error, settings) is not { } session)
        {
            return settings.Error is null ? ExitCodes.Failed : ExitCodes.Usage;
        }

        return await RunAsync(session, settings, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The sending session for FILE, or null after one line on stderr: the command line was wrong (<paramref name="error"/>)
    /// or the document cannot be read.
    /// </summary>
    internal static T30Session? PrepareSending(string path, bool ecm, string? error, Settings settings)
    {
        if (error is not null)
        {
            Console.Error.WriteLine($"faxgate: {error}");
            return null;
        }

        try
        {
            FaxDocument document = DocumentLoader.Load(path);
            return T30Session.ForSending(new PageDocument(document.Pages), settings.T30Options(ecm));
        }
        catch (Exception e) when (e is ImageFormatException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"faxgate: {path}: {e.Message}");
            return null;
        }
    }

    private static async Task<int> ReceiveAsync(string output, bool ecm, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Error is { } error)
        {
            Console.Error.WriteLine($"faxgate: {error}");
            return ExitCodes.Usage;
        }

        if (!DocumentWriter.IsSupported(output))
        {
            Console.Error.WriteLine($"faxgate: {output}: the output must end in .pdf, .tif or .tiff");
            return ExitCodes.Usage;
        }

        T30Session session = T30Session.ForReceiving(settings.T30Options(ecm));
        return await RunAsync(session, settings, output, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> RunAsync(T30Session session, Settings settings, string? output, CancellationToken cancellationToken)
    {
        var pages = new List<BilevelPage>();
        var terminal = new T38Terminal(session, settings.TerminalOptions());
        FaxOutcome outcome;
        using (var socket = new Socket(settings.Local.AddressFamily, SocketType.Dgram, ProtocolType.Udp))
        {
            try
            {
                socket.Bind(settings.Local);
            }
            catch (SocketException e)
            {
                Console.Error.WriteLine($"faxgate: cannot listen on {settings.Local}: {e.Message}");
                return ExitCodes.Failed;
            }

            if (settings.Verbose)
            {
                Console.Error.WriteLine($"faxgate: T.38 on {socket.LocalEndPoint}{(settings.Remote is null ? ", waiting for the caller" : $" to {settings.Remote}")}");
            }

            var channel = new UdpT38Channel(terminal, socket, settings.Remote, TimeProvider.System, faxEvent =>
            {
                switch (faxEvent)
                {
                    case PageReceived received:
                        pages.Add(received.Page);
                        if (settings.Verbose)
                        {
                            Console.Error.WriteLine($"faxgate: page {received.Index + 1} received, {received.Page.Width}x{received.Page.Height}, {received.Quality.BadLines} bad lines");
                        }

                        break;
                    case PageSent sent when settings.Verbose:
                        Console.Error.WriteLine($"faxgate: page {sent.Index + 1} confirmed");
                        break;
                    case FrameTraced traced:
                        Console.Error.WriteLine($"faxgate: {(traced.Sent ? "->" : "<-")} {traced.Description}");
                        break;
                    default:
                        break;
                }

                return ValueTask.CompletedTask;
            });
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (settings.Timeout > TimeSpan.Zero)
            {
                limit.CancelAfter(settings.Timeout);
            }

            outcome = await channel.RunAsync(limit.Token).ConfigureAwait(false);
        }

        int status = outcome.Succeeded ? ExitCodes.Ok : ExitCodes.Failed;
        if (output is not null && pages.Count > 0)
        {
            // Pages that arrived are kept even when the call failed later: a partial fax is not thrown away.
            var info = new PdfDocumentInfo
            {
                Title = session.RemoteIdent.Length > 0 ? $"Fax from {session.RemoteIdent}" : "Fax",
                CreationDate = DateTime.UtcNow,
            };
            string? failure = DocumentWriter.Write(output, pages, info, outcome.Compression ?? CodingScheme.Mmr);
            if (failure is not null)
            {
                Console.Error.WriteLine($"faxgate: {output}: {failure}");
                status = ExitCodes.Failed;
            }
        }

        Console.WriteLine(ResultLine(outcome));
        return status;
    }

    /// <summary>
    /// The one line scripts read: <c>RESULT status=OK pages=N rate=BPS ecm=0|1 resolution=... remote_ident="..."</c>,
    /// then fields added since (compression), so a reader of the first fields keeps working.
    /// </summary>
    internal static string ResultLine(FaxOutcome outcome)
    {
        string ident = Quote(outcome.RemoteIdent);
        if (outcome.Succeeded)
        {
            string resolution = outcome.Resolution is { } r && FaxResolutions.TryFromPageResolution(r, out FaxResolution named)
                ? ResolutionName(named)
                : outcome.Resolution?.ToString() ?? "unknown";
            return string.Create(CultureInfo.InvariantCulture,
                $"RESULT status=OK pages={outcome.Pages} rate={outcome.Rate?.BitsPerSecond() ?? 0} ecm={(outcome.Ecm ? 1 : 0)} resolution={resolution} remote_ident={ident} compression={outcome.Compression?.ToString().ToUpperInvariant()}");
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"RESULT status=FAILED reason={Quote(outcome.Reason)} code={(int)outcome.Failure} pages={outcome.Pages} remote_ident={ident}");
    }

    /// <summary>standard, fine, superfine, ultrafine, or the inch resolution as WxH.</summary>
    internal static string ResolutionName(FaxResolution resolution) => resolution switch
    {
        FaxResolution.Standard => "standard",
        FaxResolution.Fine => "fine",
        FaxResolution.Superfine => "superfine",
        FaxResolution.UltraFine => "ultrafine",
        _ => resolution.ToPageResolution().ToString(),
    };

    internal static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
