using System.CommandLine;
using Faxgate.Server.Calls;
using Faxgate.Sip.Messages;
using Faxgate.Sip.UserAgent;

namespace Faxgate.Cli.Commands;

/// <summary>The options of `faxgate fax send --to sip:NUMBER@HOST[:PORT][;transport=tcp|tls]`.</summary>
internal sealed class SipSendOptions
{
    private readonly Option<string?> _to = new("--to") { Description = "Call this SIP address and send over the T.38 the call negotiates: sip:NUMBER@HOST[:PORT][;transport=tcp|tls]" };
    private readonly Option<string> _callerId = new("--caller-id") { Description = "Our user in From (caller ID)", DefaultValueFactory = _ => "faxgate" };
    private readonly Option<int> _ringTimeout = new("--ring-timeout") { Description = "Seconds to let the far end ring before giving up", DefaultValueFactory = _ => 60 };
    private readonly Option<string?> _username = new("--username") { Description = "User name for digest authentication (401/407)" };
    private readonly Option<bool> _passwordStdin = new("--password-stdin") { Description = "Read the digest password from the first line of stdin" };
    private readonly Option<bool> _t38First = new("--t38-first") { Description = "Offer T.38 in the INVITE instead of audio first" };

    public void AddTo(Command command)
    {
        foreach (Option option in (Option[])[_to, _callerId, _ringTimeout, _username, _passwordStdin, _t38First])
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The --to value, when given.</summary>
    public string? Target(ParseResult result) => result.GetValue(_to);

    public SipSendSettings Read(ParseResult result, string target)
    {
        if (!SipUri.TryParse(target, out SipUri? uri) || !uri.IsSip || string.IsNullOrEmpty(uri.User))
        {
            return new SipSendSettings(null) { Error = $"--to {target}: expected sip:NUMBER@HOST[:PORT][;transport=tcp|tls]" };
        }

        if (uri.Transport is { } transport && transport.ToLowerInvariant() is not ("udp" or "tcp" or "tls"))
        {
            return new SipSendSettings(null) { Error = $"--to {target}: transport must be udp, tcp or tls" };
        }

        int ring = result.GetValue(_ringTimeout);
        if (ring is < 1 or > 600)
        {
            return new SipSendSettings(null) { Error = "--ring-timeout must be 1-600 seconds" };
        }

        DigestCredentialsSource? credentials = null;
        if (result.GetValue(_username) is { } username)
        {
            if (!result.GetValue(_passwordStdin))
            {
                return new SipSendSettings(null) { Error = "--username needs --password-stdin (passwords are never taken from the command line)" };
            }

            credentials = new DigestCredentialsSource(username, Console.In.ReadLine() ?? "");
        }

        var request = new SipDialRequest(uri)
        {
            CallerId = result.GetValue(_callerId) ?? "faxgate",
            RingTimeout = TimeSpan.FromSeconds(ring),
            Credentials = credentials,
            OfferT38First = result.GetValue(_t38First),
        };
        return new SipSendSettings(request);
    }
}

/// <summary>The checked SIP options; <see cref="Error"/> set when they do not make sense.</summary>
internal sealed record SipSendSettings(SipDialRequest? Request)
{
    public string? Error { get; init; }
}
