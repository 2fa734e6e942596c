using System.Globalization;
using System.Net;
using Faxgate.Server.Options;
using Faxgate.Sip.Transport;
using Faxgate.Storage;
using Microsoft.Extensions.Configuration;

namespace Faxgate.Server.Calls;

/// <summary>
/// The SIP settings, checked: <see cref="Read"/> stops the start with one line naming the setting when a value is
/// wrong (e.g. <c>Sip:MediaPorts '70000-1': ports are 1-65535</c>), so nothing fails later inside a call.
/// </summary>
public sealed class SipSettings
{
    /// <summary>The listener when none is configured: UDP on loopback only.</summary>
    public const string DefaultListen = "udp:127.0.0.1:5060";

    /// <summary>The T38MaxBitRate values a trunk may offer (the V.27ter, V.29 and V.17 rates).</summary>
    public static readonly IReadOnlyList<int> T38BitRates = [2400, 4800, 7200, 9600, 12000, 14400];

    private SipSettings()
    {
    }

    /// <summary>The listeners, as the user agent takes them.</summary>
    public required IReadOnlyList<SipEndPoint> Listen { get; init; }

    public required PortRange MediaPorts { get; init; }

    /// <summary>1-3 digits, or null.</summary>
    public string? DefaultCountryCode { get; init; }

    /// <summary>Where media sockets bind and what SDP announces; null: the listener's address.</summary>
    public IPAddress? MediaAddress { get; init; }

    /// <summary>The trunks, ordered by name.</summary>
    public required IReadOnlyList<TrunkSettings> Trunks { get; init; }

    /// <summary>Which trunk a SIP source address belongs to (see <see cref="SourcePolicy"/>).</summary>
    public required SourcePolicy Sources { get; init; }

    public TimeSpan RingTimeout { get; init; }

    public TimeSpan T38ReinviteDelay { get; init; }

    public TimeSpan MaxCallDuration { get; init; }

    public int MaxConcurrentCalls { get; init; }

    /// <summary>How often trunks that do not register are pinged with OPTIONS; zero: never.</summary>
    public TimeSpan QualifyInterval { get; init; }

    public required string UserAgent { get; init; }

    /// <summary>The full path of the TLS certificate, or null (required when a listener uses tls).</summary>
    public string? TlsCertificate { get; init; }

    public string? TlsCertificatePassword { get; init; }

    /// <summary>Reads and checks the "Sip" section; relative paths are taken from Server:DataDirectory.</summary>
    public static SipSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new SipOptions();
        IConfigurationSection section = configuration.GetSection(SipOptions.Section);
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException exception)
        {
            // The binder reports a value of the wrong type (e.g. "Register": "maybe") this way.
            throw new StorageConfigurationException($"{SipOptions.Section}: {exception.Message}", exception);
        }

        string data = configuration[$"{ServerOptions.Section}:{nameof(ServerOptions.DataDirectory)}"] ?? ".";
        return Check(options, data);
    }

    /// <summary>Checks bound options; <paramref name="dataDirectory"/> anchors a relative certificate path.</summary>
    public static SipSettings Check(SipOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> listenTexts = options.Listen.Count == 0 ? [DefaultListen] : options.Listen;
        var listen = new List<SipEndPoint>(listenTexts.Count);
        for (int i = 0; i < listenTexts.Count; i++)
        {
            listen.Add(ListenAddress.TryParse(listenTexts[i], out SipEndPoint address, out string? error)
                ? address
                : throw Bad($"Listen:{i}", listenTexts[i], error));
        }

        if (listen.GroupBy(l => (l.Transport == SipTransportKind.Udp, l.Address)).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw Bad("Listen", twice.First().ToString(), "the same address and port is listed twice");
        }

        PortRange media = PortRange.TryParse(options.MediaPorts, out PortRange? range, out string? mediaError)
            ? range
            : throw Bad("MediaPorts", options.MediaPorts, mediaError);
        IPAddress? mediaAddress = null;
        if (!string.IsNullOrWhiteSpace(options.MediaAddress)
            && (!IPAddress.TryParse(options.MediaAddress.Trim(), out mediaAddress) || mediaAddress.Equals(IPAddress.Any) || mediaAddress.Equals(IPAddress.IPv6Any)))
        {
            throw Bad("MediaAddress", options.MediaAddress, "it is one IP address of this server (not 0.0.0.0 or ::)");
        }

        string? country = options.DefaultCountryCode?.Trim();
        if (country?.Length == 0)
        {
            country = null;
        }

        if (country is not null && !(country.Length is >= 1 and <= 3 && country.All(char.IsAsciiDigit) && country[0] != '0'))
        {
            throw Bad("DefaultCountryCode", country, "a country code is 1 to 3 digits, not starting with 0 (e.g. 27)");
        }

        TrunkSettings[] trunks = [.. options.Trunks.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => TrunkCheck.Check(t.Key, t.Value))];
        string userAgent = options.UserAgent?.Trim() ?? "";
        if (userAgent.Length is 0 or > 128 || userAgent.Any(c => c is < ' ' or > '~'))
        {
            throw Bad("UserAgent", options.UserAgent, "it is 1 to 128 printable ASCII characters");
        }

        string? certificate = string.IsNullOrWhiteSpace(options.TlsCertificate) ? null : Path.GetFullPath(options.TlsCertificate, Path.GetFullPath(dataDirectory));
        if (certificate is null && listen.Any(l => l.Transport == SipTransportKind.Tls))
        {
            throw new StorageConfigurationException("Sip:TlsCertificate is missing: a tls listener needs a certificate (a PKCS#12 file)");
        }

        if (certificate is not null && !File.Exists(certificate))
        {
            throw Bad("TlsCertificate", options.TlsCertificate, $"there is no file {certificate}");
        }

        return new SipSettings
        {
            Listen = listen,
            MediaPorts = media,
            DefaultCountryCode = country,
            MediaAddress = mediaAddress,
            Trunks = trunks,
            Sources = new SourcePolicy(trunks.ToDictionary(t => t.Name, t => t.AllowFrom, StringComparer.Ordinal)),
            RingTimeout = TimeSpan.FromSeconds(Within("RingTimeoutSeconds", options.RingTimeoutSeconds, 1, 600)),
            T38ReinviteDelay = TimeSpan.FromMilliseconds(Within("T38ReinviteDelayMilliseconds", options.T38ReinviteDelayMilliseconds, 0, 60_000)),
            MaxCallDuration = TimeSpan.FromMinutes(Within("MaxCallMinutes", options.MaxCallMinutes, 1, 1440)),
            MaxConcurrentCalls = Within("MaxConcurrentCalls", options.MaxConcurrentCalls, 1, 10_000),
            QualifyInterval = TimeSpan.FromSeconds(Within("QualifySeconds", options.QualifySeconds, 0, 86_400)),
            UserAgent = userAgent,
            TlsCertificate = certificate,
            TlsCertificatePassword = options.TlsCertificatePassword,
        };
    }

    internal static int Within(string setting, int value, int min, int max) =>
        value >= min && value <= max ? value : throw Bad(setting, value.ToString(CultureInfo.InvariantCulture), $"it must be {min}-{max}");

    /// <summary>The one-line error for a setting under "Sip:": <c>Sip:SETTING 'VALUE': REASON</c>.</summary>
    internal static StorageConfigurationException Bad(string setting, string? value, string reason) =>
        new($"{SipOptions.Section}:{setting} {Storage.Addressing.InputText.Quote(value)}: {reason}");

    internal static bool IsIpLiteral(string host, out IPAddress? address) =>
        IPAddress.TryParse(host.Trim('[', ']'), out address);
}
