using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using Faxgate.Sip.Transport;

namespace Faxgate.Server.Calls;

/// <summary>
/// Reads a Sip:Listen entry, "TRANSPORT:ADDRESS[:PORT]": <c>udp:127.0.0.1:5060</c>, <c>tcp:0.0.0.0</c>,
/// <c>tls:[::1]:5061</c>. The address is an IP literal (IPv6 in brackets when a port follows); without a port the
/// transport's default (5060, 5061 for tls) is used.
/// </summary>
public static class ListenAddress
{
    /// <summary>Reads one entry; <paramref name="error"/> says what is wrong in words for the operator.</summary>
    public static bool TryParse(string? text, out SipEndPoint endPoint, [NotNullWhen(false)] out string? error)
    {
        endPoint = default;
        string value = text?.Trim() ?? "";
        int colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !SipTransportNames.TryParse(value[..colon], out SipTransportKind transport))
        {
            error = "write it as udp|tcp|tls:ADDRESS[:PORT], e.g. udp:127.0.0.1:5060";
            return false;
        }

        if (!TryParseAddress(value[(colon + 1)..], transport.DefaultPort(), out IPEndPoint? address, out error))
        {
            return false;
        }

        endPoint = new SipEndPoint(transport, address);
        return true;
    }

    /// <summary>Reads "ADDRESS", "ADDRESS:PORT", "[IPv6]" or "[IPv6]:PORT"; a bare IPv6 address has no port.</summary>
    private static bool TryParseAddress(string text, int defaultPort, [NotNullWhen(true)] out IPEndPoint? endPoint, [NotNullWhen(false)] out string? error)
    {
        endPoint = null;
        string host = text;
        string? port = null;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < text.Length && text[close + 1] != ':'))
            {
                error = "an IPv6 address in brackets is written [ADDRESS] or [ADDRESS]:PORT";
                return false;
            }

            host = text[1..close];
            port = close + 1 < text.Length ? text[(close + 2)..] : null;
        }
        else if (text.Count(c => c == ':') == 1)
        {
            int colon = text.IndexOf(':', StringComparison.Ordinal);
            host = text[..colon];
            port = text[(colon + 1)..];
        }

        if (host.Length == 0 || !IPAddress.TryParse(host, out IPAddress? ip))
        {
            error = $"'{host}' is not an IP address (listen on an address of this host, or 0.0.0.0 / [::] for all)";
            return false;
        }

        int number = defaultPort;
        if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 0 or > 65535))
        {
            error = $"the port '{port}' is not 0-65535 (0: any free port)";
            return false;
        }

        endPoint = new IPEndPoint(ip, number);
        error = null;
        return true;
    }
}
