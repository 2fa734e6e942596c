using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Faxgate.Sip.Transport;

/// <summary>Opens outbound TCP and TLS connections within the connect timeout; every failure becomes a <see cref="SipTransportException"/> naming the destination.</summary>
internal static class StreamConnector
{
    public static async Task<StreamConnection> ConnectAsync(TransportContext context, SipEndPoint destination, string? serverName)
    {
        TimeSpan limit = context.Options.ConnectTimeout;
        using var timeout = new CancellationTokenSource(limit, context.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, context.Shutdown);
        var socket = new Socket(destination.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        try
        {
            await socket.ConnectAsync(destination.Address, linked.Token).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: false);
            if (destination.Transport == SipTransportKind.Tls)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = tls;
                var authentication = new SslClientAuthenticationOptions
                {
                    TargetHost = serverName ?? destination.Address.Address.ToString(),
                    RemoteCertificateValidationCallback = context.Options.TlsValidation,
                };
                await tls.AuthenticateAsClientAsync(authentication, linked.Token).ConfigureAwait(false);
            }

            var local = (IPEndPoint)socket.LocalEndPoint!;
            SipEndPoint named = context.ListenerFor(destination.Transport, local.AddressFamily) ?? new SipEndPoint(destination.Transport, local);
            return new StreamConnection(context, socket, stream, destination, named, inbound: false);
        }
        catch (OperationCanceledException e)
        {
            Release(socket, stream);
            throw timeout.IsCancellationRequested
                ? new SipTransportException(SipTransportFailure.Timeout, destination, $"connecting to {destination} timed out after {limit.TotalSeconds:0.###} s", e)
                : new SipTransportException(SipTransportFailure.Closed, destination, $"cannot connect to {destination}: the SIP transport is shutting down", e);
        }
        catch (SocketException e)
        {
            Release(socket, stream);
            throw e.SocketErrorCode == SocketError.ConnectionRefused
                ? new SipTransportException(SipTransportFailure.Refused, destination, $"connection to {destination} refused", e)
                : new SipTransportException(SipTransportFailure.Unreachable, destination, $"cannot reach {destination}: {e.Message}", e);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            // An IOException here is the far end hanging up during the handshake.
            Release(socket, stream);
            throw new SipTransportException(SipTransportFailure.TlsFailed, destination, $"TLS handshake with {destination} failed: {e.Message}", e);
        }
    }

    private static void Release(Socket socket, Stream? stream)
    {
        stream?.Dispose();
        socket.Dispose();
    }
}
