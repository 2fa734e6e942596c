using System.Globalization;
using System.Net;

namespace Faxgate.Sip.Transport;

/// <summary>A transport and an address: where a SIP message came from or goes to, written <c>udp:127.0.0.1:5060</c>.</summary>
public readonly record struct SipEndPoint(SipTransportKind Transport, IPEndPoint Address)
{
    /// <summary>The transport's name in a Via header.</summary>
    public string ViaTransport => Transport switch
    {
        SipTransportKind.Tcp => "TCP",
        SipTransportKind.Tls => "TLS",
        _ => "UDP",
    };

    /// <summary>TCP and TLS deliver or fail; UDP needs retransmissions.</summary>
    public bool IsReliable => Transport != SipTransportKind.Udp;

    public static bool TryParse(string text, out SipEndPoint endPoint, out string? error)
    {
        endPoint = default;
        int colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (text is null || colon < 0)
        {
            error = "expected TRANSPORT:ADDRESS:PORT, e.g. udp:127.0.0.1:5060";
            return false;
        }

        SipTransportKind? kind = text[..colon].ToLowerInvariant() switch
        {
            "udp" => SipTransportKind.Udp,
            "tcp" => SipTransportKind.Tcp,
            "tls" => SipTransportKind.Tls,
            _ => null,
        };
        if (kind is null)
        {
            error = $"unknown transport '{text[..colon]}' (udp, tcp or tls)";
            return false;
        }

        if (!IPEndPoint.TryParse(text[(colon + 1)..], out IPEndPoint? address) || text.AsSpan(colon + 1).LastIndexOf(':') < 0)
        {
            error = $"'{text[(colon + 1)..]}' is not an IP address with a port";
            return false;
        }

        endPoint = new SipEndPoint(kind.Value, address);
        error = null;
        return true;
    }

    /// <summary>The address as a URI or Via host: IPv6 in brackets.</summary>
    public string HostText => Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address.Address}]" : Address.Address.ToString();

    /// <summary>The same transport and address family.</summary>
    public bool IsLike(SipEndPoint other) => Transport == other.Transport && Address.AddressFamily == other.Address.AddressFamily;

    /// <summary>The same address at another port.</summary>
    public SipEndPoint WithPort(int port) => this with { Address = new IPEndPoint(Address.Address, port) };

    /// <summary>Whether <paramref name="host"/> is the address of this end point (IPv6 brackets ignored).</summary>
    public bool HasHost(string host) =>
        IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? parsed) && parsed.Equals(Address.Address);

    /// <summary>An end point for an IP literal host; false for a name (which needs resolving).</summary>
    public static bool TryFromLiteral(SipTransportKind transport, string host, int port, out SipEndPoint endPoint)
    {
        endPoint = default;
        if (!IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? address))
        {
            return false;
        }

        endPoint = new SipEndPoint(transport, new IPEndPoint(address, port));
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{ViaTransport.ToLowerInvariant()}:{Address}");
}
