using System.Net;
using System.Net.Sockets;
using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Transport;

/// <summary>
/// A UDP socket that receives datagrams as SIP messages and sends messages from the same address and port, so that
/// the far end's rport and received parameters (RFC 3581) point back at it. Keep-alive datagrams (empty, CRLF or
/// CRLFCRLF) are ignored; an ICMP error surfacing on receive does not end the loop.
/// </summary>
internal sealed class UdpListener(TransportContext context, Socket socket, SipEndPoint local)
{
    private const int MaxDatagram = 65535;
    private static readonly TimeSpan ReceiveErrorPause = TimeSpan.FromMilliseconds(100);

    public SipEndPoint Local { get; } = local;

    public void Start() => context.Run(ReceiveLoopAsync);

    public void Stop() => socket.Dispose();

    public async ValueTask SendAsync(ReadOnlyMemory<byte> octets, SipEndPoint destination, CancellationToken cancellationToken)
    {
        try
        {
            await socket.SendToAsync(octets, SocketFlags.None, destination.Address, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new SipTransportException(SipTransportFailure.Unreachable, destination, $"cannot send to {destination}: {e.Message}", e);
        }
        catch (ObjectDisposedException e)
        {
            throw new SipTransportException(SipTransportFailure.Closed, destination, $"cannot send to {destination}: the SIP transport is shutting down", e);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        CancellationToken shutdown = context.Shutdown;
        byte[] buffer = new byte[MaxDatagram];
        EndPoint any = Local.Address.AddressFamily == AddressFamily.InterNetworkV6
            ? new IPEndPoint(IPAddress.IPv6Any, 0)
            : new IPEndPoint(IPAddress.Any, 0);
        while (!shutdown.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, shutdown).ConfigureAwait(false);
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
                // ICMP port unreachable for an earlier send (ConnectionReset) and the like: not this loop's concern.
                // Any other error is local; a pause keeps the loop from spinning on it.
                TransportLog.ReceiveFailed(context.Logger, Local, e.Message);
                if (!IsIcmpReport(e.SocketErrorCode))
                {
                    try
                    {
                        await Task.Delay(ReceiveErrorPause, context.Time, shutdown).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }

                continue;
            }

            Handle(buffer.AsSpan(0, received.ReceivedBytes), new SipEndPoint(SipTransportKind.Udp, (IPEndPoint)received.RemoteEndPoint));
        }
    }

    private void Handle(ReadOnlySpan<byte> datagram, SipEndPoint source)
    {
        if (IsKeepAlive(datagram))
        {
            return;
        }

        SipTransportEvent received;
        if (SipMessageParser.TryParseDatagram(datagram, context.Options.Limits, out SipMessage? message, out SipParseError? error) == SipParseStatus.Complete)
        {
            received = new SipMessageReceived(message!, source, Local);
        }
        else
        {
            error ??= new SipParseError(SipParseErrorKind.Truncated, datagram.Length, "the datagram ends inside the message");
            TransportLog.Unparsable(context.Logger, source, Local, error);
            received = new SipUnparsable(error, datagram[..Math.Min(datagram.Length, SipUnparsable.MaxData)].ToArray(), source, Local);
        }

        // A full queue under a datagram flood drops the newest datagram; UDP senders retransmit.
        if (!context.Events.TryWrite(received))
        {
            context.CountDroppedDatagram();
        }
    }

    private static bool IsKeepAlive(ReadOnlySpan<byte> datagram)
    {
        foreach (byte octet in datagram)
        {
            if (octet is not ((byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIcmpReport(SocketError error) => error is SocketError.ConnectionReset or SocketError.ConnectionRefused
        or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.MessageSize or SocketError.TimedOut;
}
