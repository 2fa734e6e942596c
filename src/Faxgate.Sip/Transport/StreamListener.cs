using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Faxgate.Sip.Transport;

/// <summary>
/// A TCP or TLS listener: accepts connections while the connection limit allows (closing the rest at once), runs
/// the TLS handshake as server within the connect timeout, and hands each connection to the table.
/// </summary>
internal sealed class StreamListener(TransportContext context, Socket socket, SipEndPoint local, SslStreamCertificateContext? certificate)
{
    private static readonly TimeSpan AcceptErrorPause = TimeSpan.FromMilliseconds(100);

    public SipEndPoint Local { get; } = local;

    public void Start() => context.Run(AcceptLoopAsync);

    public void Stop() => socket.Dispose();

    private async Task AcceptLoopAsync()
    {
        CancellationToken shutdown = context.Shutdown;
        while (!shutdown.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await socket.AcceptAsync(shutdown).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                break;
            }
            catch (SocketException e) when (shutdown.IsCancellationRequested || e.SocketErrorCode == SocketError.OperationAborted)
            {
                break;
            }
            catch (SocketException e)
            {
                // A connection reset before it was accepted, or out of descriptors: the listener carries on, after a
                // pause when the cause is not the far end's, so that it does not spin.
                TransportLog.AcceptFailed(context.Logger, Local, e.Message);
                if (e.SocketErrorCode is not (SocketError.ConnectionReset or SocketError.ConnectionAborted))
                {
                    try
                    {
                        await Task.Delay(AcceptErrorPause, context.Time, shutdown).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }

                continue;
            }

            var remote = new SipEndPoint(Local.Transport, (IPEndPoint)accepted.RemoteEndPoint!);
            if (!context.Connections.TryReserve())
            {
                TransportLog.ConnectionLimit(context.Logger, remote, context.Connections.MaxConnections);
                accepted.Dispose();
                continue;
            }

            accepted.NoDelay = true;
            context.Run(() => OpenAsync(accepted, remote));
        }
    }

    private async Task OpenAsync(Socket accepted, SipEndPoint remote)
    {
        Stream? stream = null;
        try
        {
            stream = await HandshakeAsync(accepted, remote).ConfigureAwait(false);
        }
        finally
        {
            if (stream is null)
            {
                context.Connections.Release();
                accepted.Dispose();
            }
        }

        if (stream is null)
        {
            return;
        }

        var connection = new StreamConnection(context, accepted, stream, remote, Local, inbound: true);
        if (!context.Connections.TryAdd(connection))
        {
            connection.Close("the SIP transport is shutting down");
            return;
        }

        connection.Start();
    }

    /// <summary>The stream to read and write: the socket's, or TLS over it once the handshake is done; null when the handshake failed.</summary>
    private async Task<Stream?> HandshakeAsync(Socket accepted, SipEndPoint remote)
    {
        Stream stream = new NetworkStream(accepted, ownsSocket: false);
        if (certificate is null)
        {
            return stream;
        }

        var tls = new SslStream(stream, leaveInnerStreamOpen: false);
        using var timeout = new CancellationTokenSource(context.Options.ConnectTimeout, context.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, context.Shutdown);
        try
        {
            var authentication = new SslServerAuthenticationOptions { ServerCertificateContext = certificate, ClientCertificateRequired = false };
            await tls.AuthenticateAsServerAsync(authentication, linked.Token).ConfigureAwait(false);
            return tls;
        }
        catch (Exception e) when (e is AuthenticationException or IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            TransportLog.HandshakeFailed(context.Logger, remote, timeout.IsCancellationRequested ? "timed out" : e.Message);
            await tls.DisposeAsync().ConfigureAwait(false);
            return null;
        }
    }
}
