namespace Faxgate.Server.Calls;

/// <summary>The transports a listener or trunk uses, as written in the settings: udp, tcp, tls.</summary>
public enum SipTransport
{
    Udp,
    Tcp,
    Tls,
}

/// <summary>The names of <see cref="SipTransport"/> and their default ports.</summary>
public static class SipTransports
{
    public static string Name(this SipTransport transport) => transport switch
    {
        SipTransport.Udp => "udp",
        SipTransport.Tcp => "tcp",
        SipTransport.Tls => "tls",
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, "unknown transport"),
    };

    /// <summary>5060, or 5061 for TLS (RFC 3261 19.1.2).</summary>
    public static int DefaultPort(this SipTransport transport) => transport == SipTransport.Tls ? 5061 : 5060;

    public static bool TryParse(string? name, out SipTransport transport)
    {
        (bool known, transport) = name?.Trim().ToLowerInvariant() switch
        {
            "udp" => (true, SipTransport.Udp),
            "tcp" => (true, SipTransport.Tcp),
            "tls" => (true, SipTransport.Tls),
            _ => (false, SipTransport.Udp),
        };
        return known;
    }
}
