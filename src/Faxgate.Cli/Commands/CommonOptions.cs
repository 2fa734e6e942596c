using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Session;
using Faxgate.Fax.T38.Terminal;
using Faxgate.Fax.T38.Udptl;

namespace Faxgate.Cli.Commands;

/// <summary>The options `fax send` and `fax receive` share: where to talk T.38, who we are, and the T.38 knobs.</summary>
internal sealed class CommonOptions
{
    private readonly Option<bool> _t38 = new("--t38") { Description = "Use T.38 over UDPTL (required: the only transport so far)" };
    private readonly Option<string?> _remote;
    private readonly Option<int> _localPort = new("--local-port") { Description = "UDP port to listen on (0: any free port)" };
    private readonly Option<string> _localAddress = new("--local-address") { Description = "Address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
    private readonly Option<string> _ident = new("--ident") { Description = "Our identifier (TSI/CSI), at most 20 characters", DefaultValueFactory = _ => "" };
    private readonly Option<int> _maxRate = new("--max-rate") { Description = "Fastest signalling rate in bit/s: 2400, 4800, 7200, 9600, 12000 or 14400", DefaultValueFactory = _ => 14400 };
    private readonly Option<int> _redundancy = new("--redundancy") { Description = "UDPTL redundancy depth (0-15)", DefaultValueFactory = _ => 3 };
    private readonly Option<int> _version = new("--t38-version") { Description = "T.38 version (0-3)", DefaultValueFactory = _ => 0 };
    private readonly Option<string> _rateManagement = new("--rate-management") { Description = "transferred (transferredTCF, default) or local (localTCF)", DefaultValueFactory = _ => "transferred" };
    private readonly Option<int> _maxDatagram = new("--max-datagram") { Description = "The far end's T38FaxMaxDatagram in octets", DefaultValueFactory = _ => 400 };
    private readonly Option<int> _timeout = new("--timeout") { Description = "Give up after this many seconds (0: only the T.30 timers)", DefaultValueFactory = _ => 0 };
    private readonly Option<bool> _trace = new("--trace") { Description = "Print every T.30 frame to stderr" };
    private readonly Option<bool> _verbose = new("--verbose", "-v") { Description = "Report progress on stderr" };

    public CommonOptions(bool remoteRequired)
    {
        _remote = new Option<string?>("--remote")
        {
            Description = remoteRequired ? "The peer's T.38 address, HOST:PORT" : "The peer's T.38 address, HOST:PORT (default: whoever sends first)",
            Required = remoteRequired,
        };
        _rateManagement.AcceptOnlyFromAmong("transferred", "local");
    }

    public void AddTo(Command command)
    {
        foreach (Option option in (Option[])[_t38, _remote, _localPort, _localAddress, _ident, _maxRate, _redundancy, _version, _rateManagement, _maxDatagram, _timeout, _trace, _verbose])
        {
            command.Options.Add(option);
        }
    }

    /// <param name="result">The parsed command line.</param>
    /// <param name="overSip">True when the call goes over SIP (<c>--to</c>): T.38 comes with the call, no --t38 or --remote.</param>
    public Settings Read(ParseResult result, bool overSip = false)
    {
        var settings = new Settings
        {
            Ident = result.GetValue(_ident) ?? "",
            Redundancy = result.GetValue(_redundancy),
            Version = result.GetValue(_version),
            LocalTcf = result.GetValue(_rateManagement) == "local",
            MaxDatagram = result.GetValue(_maxDatagram),
            Timeout = TimeSpan.FromSeconds(Math.Max(0, result.GetValue(_timeout))),
            Trace = result.GetValue(_trace),
            Verbose = result.GetValue(_verbose),
        };

        if (!result.GetValue(_t38) && !overSip)
        {
            return settings with { Error = "--t38 is required: T.38 is the only transport so far" };
        }

        if (settings.Ident.Length > 20 || settings.Ident.Any(c => c is < ' ' or > '~'))
        {
            return settings with { Error = "--ident takes at most 20 printable ASCII characters" };
        }

        if (!IPAddress.TryParse(result.GetValue(_localAddress), out IPAddress? local))
        {
            return settings with { Error = "--local-address must be an IP address" };
        }

        int port = result.GetValue(_localPort);
        if (port is < 0 or > 65535)
        {
            return settings with { Error = "--local-port must be 0-65535" };
        }

        settings = settings with { Local = new IPEndPoint(local, port) };
        if (result.GetValue(_remote) is { } remote)
        {
            if (!TryParseEndpoint(remote, out IPEndPoint? endpoint))
            {
                return settings with { Error = $"--remote {remote}: expected HOST:PORT" };
            }

            settings = settings with { Remote = endpoint };
        }

        int bitsPerSecond = result.GetValue(_maxRate);
        SignallingRate[] matching = [.. Enum.GetValues<SignallingRate>().Where(r => r.BitsPerSecond() == bitsPerSecond && r.Modem() != ModemSet.V29)];
        if (matching.Length == 0)
        {
            return settings with { Error = "--max-rate must be one of 2400, 4800, 7200, 9600, 12000, 14400" };
        }

        SignallingRate? rate = matching[0];

        if (settings.Redundancy is < 0 or > UdptlSenderOptions.MaxRedundancyDepth)
        {
            return settings with { Error = $"--redundancy must be 0-{UdptlSenderOptions.MaxRedundancyDepth}" };
        }

        if (settings.Version is < 0 or > 3)
        {
            return settings with { Error = "--t38-version must be 0-3" };
        }

        if (settings.MaxDatagram is < 100 or > 65535)
        {
            return settings with { Error = "--max-datagram must be 100-65535" };
        }

        return settings with { MaxRate = rate.Value };
    }

    private static bool TryParseEndpoint(string text, out IPEndPoint? endpoint)
    {
        endpoint = null;
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), out int port) || port is < 1 or > 65535)
        {
            return false;
        }

        string host = text[..colon].Trim('[', ']');
        if (!IPAddress.TryParse(host, out IPAddress? address))
        {
            try
            {
                address = Dns.GetHostAddresses(host).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                    ?? Dns.GetHostAddresses(host).FirstOrDefault();
            }
            catch (SocketException)
            {
                return false;
            }
        }

        if (address is null)
        {
            return false;
        }

        endpoint = new IPEndPoint(address, port);
        return true;
    }
}

/// <summary>What the shared options say, checked; <see cref="Error"/> is set when they do not make sense.</summary>
internal sealed record Settings
{
    public string? Error { get; init; }

    public IPEndPoint Local { get; init; } = new(IPAddress.Loopback, 0);

    public IPEndPoint? Remote { get; init; }

    public string Ident { get; init; } = "";

    public SignallingRate MaxRate { get; init; } = SignallingRate.V17At14400;

    public int Redundancy { get; init; }

    public int Version { get; init; }

    public bool LocalTcf { get; init; }

    public int MaxDatagram { get; init; }

    public TimeSpan Timeout { get; init; }

    public bool Trace { get; init; }

    public bool Verbose { get; init; }

    public T30Options T30Options(bool ecm) => new()
    {
        Ident = Ident,
        Ecm = ecm,
        MaxRate = MaxRate,
        TcfCheck = LocalTcf ? TcfCheck.AssumeGood : TcfCheck.Measure,
        Trace = Trace,
    };

    public T38TerminalOptions TerminalOptions() => new()
    {
        Link = T38LinkOptions.Default with
        {
            Version = Version,
            MaxBitRate = MaxRate.BitsPerSecond(),
            RateManagement = LocalTcf ? T38RateManagement.LocalTcf : T38RateManagement.TransferredTcf,
        },
        Sender = new UdptlSenderOptions { RedundancyDepth = Redundancy, MaxDatagramSize = MaxDatagram },
    };
}
