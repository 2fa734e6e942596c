using System.Globalization;
using System.Net;
using Faxgate.Sip.Sdp;
using Faxgate.Sip.Transport;
using Faxgate.Storage;

namespace Faxgate.Server.Calls;

/// <summary>Checks one trunk's settings, naming the setting (Sip:Trunks:NAME:SETTING) in the error.</summary>
internal static class TrunkCheck
{
    public const int MaxNameLength = 64;

    public static TrunkSettings Check(string name, TrunkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name.Length is 0 or > MaxNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw SipSettings.Bad("Trunks", name, $"a trunk name is 1 to {MaxNameLength} letters, digits, '-', '_' or '.'");
        }

        string prefix = $"Trunks:{name}:";
        string host = options.Host?.Trim() ?? "";
        if (host.Length == 0)
        {
            throw new StorageConfigurationException($"Sip:{prefix}Host is missing: say where the trunk is (host name or IP address)");
        }

        bool isIp = SipSettings.IsIpLiteral(host, out IPAddress? hostAddress);
        if (isIp)
        {
            host = hostAddress!.ToString();
        }
        else if (Uri.CheckHostName(host) != UriHostNameType.Dns)
        {
            throw SipSettings.Bad(prefix + "Host", options.Host, "it is neither a host name nor an IP address");
        }

        if (!SipTransportNames.TryParse(options.Transport, out SipTransportKind transport))
        {
            throw SipSettings.Bad(prefix + "Transport", options.Transport, "use udp, tcp or tls");
        }

        int port = options.Port is { } configured ? SipSettings.Within(prefix + "Port", configured, 1, 65535) : transport.DefaultPort();
        string? username = Blank(options.Username);
        string? password = string.IsNullOrEmpty(options.Password) ? null : options.Password;
        if (options.Register && (username is null || password is null))
        {
            throw new StorageConfigurationException($"Sip:{prefix}Register is true but Username or Password is missing: registering needs both");
        }

        int expires = SipSettings.Within(prefix + "RegisterExpires", options.RegisterExpires, 60, 86_400);
        string? callerId = Blank(options.CallerId);
        if (callerId is not null && !IsCallerId(callerId))
        {
            throw SipSettings.Bad(prefix + "CallerId", callerId, "write an E.164 number (+27115551234) or digits only");
        }

        int maxCalls = SipSettings.Within(prefix + "MaxCalls", options.MaxCalls, 1, 10_000);
        var allowFrom = new List<AddressRange>();
        for (int i = 0; i < options.AllowFrom.Count; i++)
        {
            allowFrom.Add(AddressRange.TryParse(options.AllowFrom[i], out AddressRange? range, out string? error)
                ? range
                : throw SipSettings.Bad($"{prefix}AllowFrom:{i}", options.AllowFrom[i], error));
        }

        if (allowFrom.Count == 0 && isIp)
        {
            allowFrom.Add(AddressRange.ForAddress(hostAddress!));
        }

        T38TrunkOptions t38 = options.T38 ?? new T38TrunkOptions();
        if (!SipSettings.T38BitRates.Contains(t38.MaxBitRate))
        {
            throw SipSettings.Bad(prefix + "T38:MaxBitRate", t38.MaxBitRate.ToString(CultureInfo.InvariantCulture), $"use one of {string.Join(", ", SipSettings.T38BitRates)}");
        }

        var preferences = new T38Preferences
        {
            MaxBitRate = t38.MaxBitRate,
            Version = SipSettings.Within(prefix + "T38:Version", t38.Version, 0, 3),
            MaxDatagram = SipSettings.Within(prefix + "T38:MaxDatagram", t38.MaxDatagram, 100, 1400),
        };
        return new TrunkSettings(name, host, port, transport, username, password, options.Register, TimeSpan.FromSeconds(expires), callerId, maxCalls, allowFrom, preferences);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool IsCallerId(string text)
    {
        string digits = text.StartsWith('+') ? text[1..] : text;
        return digits.Length is >= 1 and <= 32 && digits.All(char.IsAsciiDigit);
    }
}
