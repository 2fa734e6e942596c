using Faxgate.Sip.Transport;

namespace Faxgate.Server.Calls;

/// <summary>The transports as written in the settings (udp, tcp, tls) and their default ports.</summary>
public static class SipTransportNames
{
    public static string Name(this SipTransportKind transport) => transport switch
    {
        SipTransportKind.Udp => "udp",
        SipTransportKind.Tcp => "tcp",
        SipTransportKind.Tls => "tls",
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, "unknown transport"),
    };

    /// <summary>5060, or 5061 for TLS (RFC 3261 19.1.2).</summary>
    public static int DefaultPort(this SipTransportKind transport) => transport == SipTransportKind.Tls ? 5061 : 5060;

    public static bool TryParse(string? name, out SipTransportKind transport)
    {
        (bool known, transport) = name?.Trim().ToLowerInvariant() switch
        {
            "udp" => (true, SipTransportKind.Udp),
            "tcp" => (true, SipTransportKind.Tcp),
            "tls" => (true, SipTransportKind.Tls),
            _ => (false, SipTransportKind.Udp),
        };
        return known;
    }
}
