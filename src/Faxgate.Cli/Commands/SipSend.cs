using System.Globalization;
using Faxgate.Cli.Documents;
using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Session;
using Faxgate.Imaging;
using Faxgate.Imaging.Pages;
using Faxgate.Server.Calls;
using Faxgate.Sip.Sdp;
using Faxgate.Sip.UserAgent;

namespace Faxgate.Cli.Commands;

/// <summary>
/// `faxgate fax send --to sip:...`: places a SIP call, sends the document over the T.38 the call agrees, and prints the
/// same RESULT line as the virtual fax machine. When the call fails before any fax (busy, no answer, T.38 refused)
/// the RESULT line says so with a code from 60 up and the SIP status.
/// </summary>
internal static class SipSend
{
    public static async Task<int> RunAsync(string path, bool ecm, Settings settings, SipSendSettings sip, CancellationToken cancellationToken)
    {
        string? error = settings.Error ?? sip.Error;
        if (FaxCommand.PrepareSending(path, ecm, error, settings) is not { } session)
        {
            return error is null ? ExitCodes.Failed : ExitCodes.Usage;
        }

        SipDialRequest request = sip.FromTrunk ? sip.Request! : sip.Request! with
        {
            T38 = T38Preferences.Default with
            {
                Version = settings.Version,
                MaxBitRate = settings.MaxRate.BitsPerSecond(),
                RateManagement = settings.LocalTcf ? T38RateManagement.LocalTcf : T38RateManagement.TransferredTcf,
            },
        };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (settings.Timeout > TimeSpan.Zero)
        {
            limit.CancelAfter(settings.Timeout);
        }

        SipDialResult result = await SipFaxDialer.SendAsync(request, session, TimeProvider.System, null, faxEvent =>
        {
            if (faxEvent is FrameTraced traced)
            {
                Console.Error.WriteLine($"faxgate: {(traced.Sent ? "->" : "<-")} {traced.Description}");
            }
            else if (faxEvent is PageSent sent && settings.Verbose)
            {
                Console.Error.WriteLine($"faxgate: page {sent.Index + 1} confirmed");
            }
        }, limit.Token).ConfigureAwait(false);

        if (settings.Verbose)
        {
            Console.Error.WriteLine($"faxgate: call ended: {result.Call}");
        }

        Console.WriteLine(result.Fax is { } fax ? FaxCommand.ResultLine(fax) : CallResultLine(result.Call));
        return result.Succeeded ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>The RESULT line of a call that never reached the fax: codes 60-69 by the call's outcome.</summary>
    internal static string CallResultLine(CallOutcome outcome)
    {
        int code = outcome.Reason switch
        {
            CallEndReason.Busy => 60,
            CallEndReason.NoAnswer => 61,
            CallEndReason.Congestion => 62,
            CallEndReason.NotFound => 63,
            CallEndReason.Forbidden or CallEndReason.AuthenticationFailed => 64,
            CallEndReason.T38Refused => 65,
            CallEndReason.NoCommonMedia => 66,
            CallEndReason.Timeout or CallEndReason.TransportError => 68,
            _ => 67,
        };
        string status = outcome.StatusCode is { } s ? s.ToString(CultureInfo.InvariantCulture) : "0";
        return string.Create(CultureInfo.InvariantCulture,
            $"RESULT status=FAILED reason={FaxCommand.Quote(outcome.Description)} code={code} pages=0 remote_ident=\"\" call={outcome.Reason.ToString().ToLowerInvariant()} sip_status={status}");
    }
}
