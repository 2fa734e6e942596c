using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Faxgate.Sip.Transport;

/// <summary>
/// A transport and an IP address with port, written <c>udp:127.0.0.1:5060</c>, <c>tcp:[::1]:5060</c> or
/// <c>tls:127.0.0.1:5061</c>: a listener to open, a destination to send to, or the source of a received message.
/// IPv4-mapped IPv6 addresses are kept as they are; the transport layer compares plain addresses.
/// </summary>
public readonly record struct SipEndPoint(SipTransportKind Transport, IPEndPoint Address)
{
    /// <summary>The transport's name in a Via header: UDP, TCP or TLS.</summary>
    public string ViaTransport => Transport switch
    {
        SipTransportKind.Udp => "UDP",
        SipTransportKind.Tcp => "TCP",
        SipTransportKind.Tls => "TLS",
        _ => throw new InvalidOperationException($"unknown transport {Transport}"),
    };

    /// <summary>True for the stream transports (TCP, TLS), where nothing is retransmitted.</summary>
    public bool IsReliable => Transport != SipTransportKind.Udp;

    /// <summary>Parses <c>udp:ADDRESS:PORT</c>, <c>tcp:…</c> or <c>tls:…</c>; an IPv6 address goes in brackets. Port 0 means "any free port" for a listener.</summary>
    public static bool TryParse(string text, out SipEndPoint endPoint, [NotNullWhen(false)] out string? error)
    {
        endPoint = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "empty SIP endpoint; expected udp:ADDRESS:PORT, tcp:ADDRESS:PORT or tls:ADDRESS:PORT";
            return false;
        }

        text = text.Trim();
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !TryParseKind(text.AsSpan(0, colon), out SipTransportKind kind))
        {
            error = $"'{text}' does not start with a transport; expected udp:, tcp: or tls:";
            return false;
        }

        ReadOnlySpan<char> rest = text.AsSpan(colon + 1);
        ReadOnlySpan<char> host;
        ReadOnlySpan<char> port;
        if (rest.StartsWith("["))
        {
            int close = rest.IndexOf(']');
            if (close < 0)
            {
                error = $"'{text}': the IPv6 address lacks its closing ']'";
                return false;
            }

            host = rest[1..close];
            if (close + 1 >= rest.Length || rest[close + 1] != ':')
            {
                error = $"'{text}' has no port; expected {text}:PORT";
                return false;
            }

            port = rest[(close + 2)..];
            if (!IPAddress.TryParse(host, out IPAddress? v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                error = $"'{text}': '{host}' is not an IPv6 address";
                return false;
            }

            return Finish(text, kind, v6, port, out endPoint, out error);
        }

        int last = rest.LastIndexOf(':');
        if (last < 0)
        {
            error = $"'{text}' has no port; expected {text}:PORT";
            return false;
        }

        host = rest[..last];
        port = rest[(last + 1)..];
        if (host.Contains(':'))
        {
            error = $"'{text}': an IPv6 address goes in brackets, as in {text[..colon]}:[::1]:5060";
            return false;
        }

        if (!IsDottedQuad(host) || !IPAddress.TryParse(host, out IPAddress? v4))
        {
            error = $"'{text}': '{host}' is not an IP address";
            return false;
        }

        return Finish(text, kind, v4, port, out endPoint, out error);
    }

    /// <summary>The address as a URI or Via host: IPv6 in brackets.</summary>
    public string HostText => Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address.Address}]" : Address.Address.ToString();

    /// <summary>The same transport and address family.</summary>
    public bool IsLike(SipEndPoint other) => Transport == other.Transport && Address.AddressFamily == other.Address.AddressFamily;

    /// <summary>The same address at another port.</summary>
    public SipEndPoint WithPort(int port) => this with { Address = new IPEndPoint(Address.Address, port) };

    /// <summary>Whether <paramref name="host"/> is the address of this end point (IPv6 brackets ignored).</summary>
    public bool HasHost(string host) =>
        host is not null && IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? parsed) && parsed.Equals(Address.Address);

    /// <summary>An end point for an IP literal host; false for a name (which needs resolving).</summary>
    public static bool TryFromLiteral(SipTransportKind transport, string host, int port, out SipEndPoint endPoint)
    {
        endPoint = default;
        if (host is null || !IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? address))
        {
            return false;
        }

        endPoint = new SipEndPoint(transport, new IPEndPoint(address, port));
        return true;
    }

    /// <summary>Parses like <see cref="TryParse"/>, throwing <see cref="FormatException"/> with the reason.</summary>
    public static SipEndPoint Parse(string text) =>
        TryParse(text, out SipEndPoint endPoint, out string? error) ? endPoint : throw new FormatException(error);

    /// <summary>The form <see cref="TryParse"/> reads: <c>udp:127.0.0.1:5060</c>, <c>tcp:[::1]:5060</c>.</summary>
    public override string ToString()
    {
        string kind = Transport switch
        {
            SipTransportKind.Udp => "udp",
            SipTransportKind.Tcp => "tcp",
            SipTransportKind.Tls => "tls",
            _ => Transport.ToString(),
        };
        return Address is null ? kind + ":?" : $"{kind}:{Address}";
    }

    private static bool Finish(string text, SipTransportKind kind, IPAddress address, ReadOnlySpan<char> port, out SipEndPoint endPoint, out string? error)
    {
        endPoint = default;
        if (port.IsEmpty)
        {
            error = $"'{text}' has no port";
            return false;
        }

        if (!IsDigits(port) || port.Length > 5 || !int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number > IPEndPoint.MaxPort)
        {
            error = $"'{text}': port '{port}' is not a number from 0 to 65535";
            return false;
        }

        endPoint = new SipEndPoint(kind, new IPEndPoint(address, number));
        error = null;
        return true;
    }

    private static bool TryParseKind(ReadOnlySpan<char> name, out SipTransportKind kind)
    {
        kind = default;
        if (name.Equals("udp", StringComparison.OrdinalIgnoreCase))
        {
            kind = SipTransportKind.Udp;
        }
        else if (name.Equals("tcp", StringComparison.OrdinalIgnoreCase))
        {
            kind = SipTransportKind.Tcp;
        }
        else if (name.Equals("tls", StringComparison.OrdinalIgnoreCase))
        {
            kind = SipTransportKind.Tls;
        }
        else
        {
            return false;
        }

        return true;
    }

    // IPAddress.TryParse also takes "127.1" and "2130706433"; an operator's address has four decimal parts.
    private static bool IsDottedQuad(ReadOnlySpan<char> host)
    {
        int parts = 0;
        foreach (Range range in host.Split('.'))
        {
            ReadOnlySpan<char> part = host[range];
            if (part.IsEmpty || part.Length > 3 || !IsDigits(part))
            {
                return false;
            }

            parts++;
        }

        return parts == 4;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
