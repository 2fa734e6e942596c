using System.Net;
using System.Net.Sockets;

namespace Faxgate.Sip.Transport;

/// <summary>
/// Opens the listening sockets. A udp: and a tcp: listener on the same address, both with port 0, get the same port
/// when it can be had (bind UDP, then TCP to its port, a few tries), so that one port serves both as RFC 3261
/// section 18 expects.
/// </summary>
internal static class ListenerBinder
{
    private const int SharedPortAttempts = 8;
    private const int Backlog = 128;

    public static List<(SipEndPoint EndPoint, Socket Socket)> Bind(IReadOnlyList<SipEndPoint> listen)
    {
        var bound = new (SipEndPoint EndPoint, Socket Socket)?[listen.Count];
        try
        {
            for (int i = 0; i < listen.Count; i++)
            {
                if (bound[i] is not null)
                {
                    continue;
                }

                SipEndPoint wanted = listen[i];
                int partner = wanted.Address.Port == 0 && wanted.Transport != SipTransportKind.Tls ? FindPartner(listen, bound, i) : -1;
                if (partner < 0)
                {
                    bound[i] = Open(wanted);
                    continue;
                }

                int udp = wanted.Transport == SipTransportKind.Udp ? i : partner;
                int tcp = udp == i ? partner : i;
                ((SipEndPoint, Socket) datagram, (SipEndPoint, Socket) stream) = OpenPair(listen[udp], listen[tcp]);
                bound[udp] = datagram;
                bound[tcp] = stream;
            }
        }
        catch (SipTransportException)
        {
            foreach ((SipEndPoint, Socket Socket)? done in bound)
            {
                done?.Socket.Dispose();
            }

            throw;
        }

        return [.. bound.Select(entry => entry!.Value)];
    }

    private static int FindPartner(IReadOnlyList<SipEndPoint> listen, (SipEndPoint, Socket)?[] bound, int index)
    {
        SipEndPoint wanted = listen[index];
        SipTransportKind other = wanted.Transport == SipTransportKind.Udp ? SipTransportKind.Tcp : SipTransportKind.Udp;
        for (int j = index + 1; j < listen.Count; j++)
        {
            if (bound[j] is null && listen[j].Transport == other && listen[j].Address.Equals(wanted.Address))
            {
                return j;
            }
        }

        return -1;
    }

    private static ((SipEndPoint, Socket) Udp, (SipEndPoint, Socket) Tcp) OpenPair(SipEndPoint udp, SipEndPoint tcp)
    {
        for (int attempt = 0; attempt < SharedPortAttempts; attempt++)
        {
            (SipEndPoint EndPoint, Socket Socket) datagram = Open(udp);
            try
            {
                SipEndPoint samePort = tcp with { Address = new IPEndPoint(tcp.Address.Address, datagram.EndPoint.Address.Port) };
                return (datagram, Open(samePort, retryable: true));
            }
            catch (SocketException)
            {
                // The port is taken for TCP: try another.
                datagram.Socket.Dispose();
            }
            catch (SipTransportException)
            {
                datagram.Socket.Dispose();
                throw;
            }
        }

        (SipEndPoint, Socket) lone = Open(udp);
        try
        {
            return (lone, Open(tcp));
        }
        catch (SipTransportException)
        {
            lone.Item2.Dispose();
            throw;
        }
    }

    private static (SipEndPoint EndPoint, Socket Socket) Open(SipEndPoint endPoint) => Open(endPoint, retryable: false);

    private static (SipEndPoint EndPoint, Socket Socket) Open(SipEndPoint endPoint, bool retryable)
    {
        AddressFamily family = endPoint.Address.AddressFamily;
        Socket socket = endPoint.Transport == SipTransportKind.Udp
            ? new Socket(family, SocketType.Dgram, ProtocolType.Udp)
            : new Socket(family, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (family == AddressFamily.InterNetworkV6)
            {
                // An IPv6 listener serves IPv6 only, so that udp:0.0.0.0 and udp:[::] can both be opened.
                socket.DualMode = false;
            }

            socket.Bind(endPoint.Address);
            if (endPoint.Transport != SipTransportKind.Udp)
            {
                socket.Listen(Backlog);
            }

            return (endPoint with { Address = (IPEndPoint)socket.LocalEndPoint! }, socket);
        }
        catch (SocketException e) when (retryable && e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            socket.Dispose();
            throw;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new SipTransportException(SipTransportFailure.ListenFailed, endPoint, $"cannot listen on {endPoint}: {e.Message}", e);
        }
    }
}
