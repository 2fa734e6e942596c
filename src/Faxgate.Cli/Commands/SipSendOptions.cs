using System.CommandLine;
using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Faxgate.Server.Calls;
using Faxgate.Server.Options;
using Faxgate.Sip.Messages;
using Faxgate.Sip.Transport;
using Faxgate.Sip.UserAgent;
using Faxgate.Storage;

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
    private readonly Option<string?> _trunk = new("--trunk") { Description = "Call through this trunk of the server's configuration (its host, transport, credentials, caller ID and T.38 settings); --to is then the number" };
    private readonly Option<string> _data = new("--data") { Description = "With --trunk: the data folder whose configuration names the trunk", DefaultValueFactory = _ => "data" };
    private readonly Option<string?> _config = new("--config") { Description = "With --trunk: configuration file (JSON), in addition to DATA/faxgate.json" };
    private readonly Option<string?> _tlsTrust = new("--tls-trust") { Description = "For transport=tls: also trust this server certificate (PEM or DER file), e.g. a trunk's self-signed one" };

    public void AddTo(Command command)
    {
        foreach (Option option in (Option[])[_to, _trunk, _data, _config, _callerId, _ringTimeout, _username, _passwordStdin, _t38First, _tlsTrust])
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The --to value, when given.</summary>
    public string? Target(ParseResult result) => result.GetValue(_to);

    public SipSendSettings Read(ParseResult result, string target)
    {
        if (result.GetValue(_trunk) is { } trunkName)
        {
            return ReadTrunk(result, trunkName, target);
        }

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

        SipTransportOptions tls = new();
        if (result.GetValue(_tlsTrust) is { } trustFile)
        {
            X509Certificate2 trusted;
            try
            {
                trusted = X509CertificateLoader.LoadCertificateFromFile(trustFile);
            }
            catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
            {
                return new SipSendSettings(null) { Error = $"--tls-trust {trustFile}: {e.Message}" };
            }

            // The system's trust store as usual, and this one certificate besides (pinned by its SHA-256 hash).
            byte[] pinned = trusted.GetCertHash(HashAlgorithmName.SHA256);
            tls = tls with
            {
                TlsValidation = (_, certificate, _, errors) => errors == SslPolicyErrors.None
                    || (certificate is not null && CryptographicOperations.FixedTimeEquals(certificate.GetCertHash(HashAlgorithmName.SHA256), pinned)),
            };
        }

        var request = new SipDialRequest(uri)
        {
            Transport = tls,
            CallerId = result.GetValue(_callerId) ?? "faxgate",
            RingTimeout = TimeSpan.FromSeconds(ring),
            Credentials = credentials,
            OfferT38First = result.GetValue(_t38First),
        };
        return new SipSendSettings(request);
    }
    /// <summary>
    /// A call through a configured trunk: the number goes to the trunk's host and port over its transport, From is the
    /// trunk's caller ID (or its user name), challenges are answered with its credentials, and the server's ring
    /// timeout, T.38 delay and watchdog apply.
    /// </summary>
    private SipSendSettings ReadTrunk(ParseResult result, string trunkName, string number)
    {
        SipSettings settings;
        try
        {
            settings = SipSettings.Read(ServerConfiguration.Build(Path.GetFullPath(result.GetValue(_data)!), result.GetValue(_config)));
        }
        catch (StorageConfigurationException e)
        {
            return new SipSendSettings(null) { Error = e.Message };
        }

        if (settings.Trunks.FirstOrDefault(t => string.Equals(t.Name, trunkName, StringComparison.OrdinalIgnoreCase)) is not { } trunk)
        {
            return new SipSendSettings(null) { Error = $"--trunk {trunkName}: no such trunk in the configuration (Sip:Trunks)" };
        }

        string digits = number.Trim();
        if (digits.Length is 0 or > 32 || !(digits.TrimStart('+').All(char.IsAsciiDigit) && digits.LastIndexOf('+') <= 0))
        {
            return new SipSendSettings(null) { Error = $"--to {number}: with --trunk, --to is the number to dial (+27115551234 or digits)" };
        }

        string transport = trunk.Transport switch
        {
            SipTransportKind.Tcp => ";transport=tcp",
            SipTransportKind.Tls => ";transport=tls",
            _ => "",
        };
        string host = trunk.Host.Contains(':', StringComparison.Ordinal) ? $"[{trunk.Host}]" : trunk.Host;
        var request = new SipDialRequest(SipUri.Parse(string.Create(CultureInfo.InvariantCulture, $"sip:{digits}@{host}:{trunk.Port}{transport}")))
        {
            CallerId = trunk.CallerId ?? trunk.Username ?? "faxgate",
            Credentials = trunk.Username is { } user && trunk.Password is { } password ? new DigestCredentialsSource(user, password) : null,
            RingTimeout = settings.RingTimeout,
            T38ReinviteDelay = settings.T38ReinviteDelay,
            MaxCallDuration = settings.MaxCallDuration,
            T38 = trunk.T38,
            OfferT38First = result.GetValue(_t38First),
        };
        return new SipSendSettings(request) { FromTrunk = true };
    }
}

/// <summary>The checked SIP options; <see cref="Error"/> set when they do not make sense.</summary>
internal sealed record SipSendSettings(SipDialRequest? Request)
{
    public string? Error { get; init; }

    /// <summary>The call goes through a configured trunk: its T.38 settings stand, not the command line's.</summary>
    public bool FromTrunk { get; init; }
}
