using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Transport;

/// <summary>The limits and credentials of a <see cref="SipTransportLayer"/>.</summary>
public sealed record SipTransportOptions
{
    /// <summary>Parser limits for every received message; a stream whose message exceeds them is closed.</summary>
    public SipParserLimits Limits { get; init; } = SipParserLimits.Default;

    /// <summary>Most open stream (TCP, TLS) connections, inbound and outbound together; beyond it new ones are closed at once.</summary>
    public int MaxConnections { get; init; } = 256;

    /// <summary>A stream connection with no traffic either way for this long is closed.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest wait for an outbound TCP connection and its TLS handshake, and for an inbound TLS handshake.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Capacity of <see cref="SipTransportLayer.Events"/>. When it is full, datagrams are dropped and stream connections wait.</summary>
    public int EventCapacity { get; init; } = 4096;

    /// <summary>The server certificate, with its private key; required when a tls: listener is opened.</summary>
    public X509Certificate2? TlsCertificate { get; init; }

    /// <summary>Checks the far end's certificate on outbound TLS; null means the system's validation, host name included.</summary>
    public RemoteCertificateValidationCallback? TlsValidation { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Limits);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConnections, 1, nameof(MaxConnections));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(IdleTimeout, TimeSpan.Zero, nameof(IdleTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(EventCapacity, 1, nameof(EventCapacity));
    }
}
