using System.Net;
using System.Net.Sockets;

namespace Faxgate.Server.Calls;

/// <summary>
/// A UDP socket bound to a port of the media range, rented from a <see cref="MediaPortPool"/> for one call. Disposing
/// it closes the socket and gives the port back (once; later calls do nothing).
/// </summary>
public sealed class MediaPort : IDisposable
{
    private readonly MediaPortPool _pool;
    private int _disposed;

    internal MediaPort(MediaPortPool pool, Socket socket, int port)
    {
        _pool = pool;
        Socket = socket;
        Port = port;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>The bound socket; it belongs to the renter until it disposes the port.</summary>
    public Socket Socket { get; }

    public int Port { get; }

    public IPEndPoint LocalEndPoint { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Socket.Dispose();
            _pool.Return(Port);
        }
    }
}
