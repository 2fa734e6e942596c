using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Faxgate.Sip.Transport;
using Faxgate.Storage;

namespace Faxgate.Server.Calls;

/// <summary>The transport settings from the server's SIP settings, and host names turned into addresses.</summary>
public static class SipTransports
{
    /// <summary>Timeout for one DNS lookup of a trunk or dialog host.</summary>
    public static TimeSpan ResolveTimeout { get; } = TimeSpan.FromSeconds(3);

    /// <summary>The transport options: the TLS certificate when a tls: listener is configured.</summary>
    public static SipTransportOptions OptionsFor(SipSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.TlsCertificate is not { } path)
        {
            return new SipTransportOptions();
        }

        try
        {
            X509Certificate2 certificate = X509CertificateLoader.LoadPkcs12FromFile(path, settings.TlsCertificatePassword);
            return new SipTransportOptions { TlsCertificate = certificate };
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidRequestException($"Sip:TlsCertificate '{path}': {e.Message}");
        }
    }

    /// <summary>
    /// Where <paramref name="host"/> is (an IP literal, or the first address DNS gives, IPv4 first; no SRV/NAPTR): null
    /// when it cannot be found within <see cref="ResolveTimeout"/>. Found names are remembered for
    /// <see cref="TryResolveKnown"/>, which the user agent's loop uses without waiting on DNS.
    /// </summary>
    public static async Task<SipEndPoint?> ResolveAsync(SipTransportKind transport, string host, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (SipEndPoint.TryFromLiteral(transport, host, port, out SipEndPoint literal))
        {
            return literal;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ResolveTimeout);
            IPAddress[] addresses = await Dns.GetHostAddressesAsync(host, timeout.Token).ConfigureAwait(false);
            IPAddress? address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            if (address is null)
            {
                return null;
            }

            Known[host.ToLowerInvariant()] = address;
            return new SipEndPoint(transport, new IPEndPoint(address, port));
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>A host name resolved before (a trunk's): the user agent's resolver, which never blocks.</summary>
    public static SipEndPoint? TryResolveKnown(SipTransportKind transport, string host, int port) =>
        Known.TryGetValue(host.ToLowerInvariant(), out IPAddress? address) ? new SipEndPoint(transport, new IPEndPoint(address, port)) : null;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IPAddress> Known = new(StringComparer.Ordinal);
}
