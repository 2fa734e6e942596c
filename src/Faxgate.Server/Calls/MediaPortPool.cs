using System.Net;
using System.Net.Sockets;

namespace Faxgate.Server.Calls;

/// <summary>
/// The media ports (Sip:MediaPorts) handed out to calls as bound UDP sockets. Ports are tried round robin, starting
/// after the last one handed out, so a port just given back is not reused at once (late packets of the old call go
/// nowhere); a port rented by a call is skipped, and one that another program holds (the bind fails) is passed over.
/// Thread-safe.
/// </summary>
public sealed class MediaPortPool
{
    private readonly Lock _lock = new();
    private readonly HashSet<int> _rented = [];
    private int _next;

    public MediaPortPool(PortRange range)
    {
        Range = range ?? throw new ArgumentNullException(nameof(range));
    }

    public PortRange Range { get; }

    /// <summary>Ports rented and not yet given back.</summary>
    public int InUse
    {
        get
        {
            lock (_lock)
            {
                return _rented.Count;
            }
        }
    }

    /// <summary>
    /// A UDP socket bound to <paramref name="local"/> and a free port of the range.
    /// <see cref="MediaPortsExhaustedException"/> when no port of the range can be bound.
    /// </summary>
    public MediaPort Rent(IPAddress local)
    {
        ArgumentNullException.ThrowIfNull(local);
        lock (_lock)
        {
            int takenByOthers = 0;
            for (int attempt = 0; attempt < Range.Count; attempt++)
            {
                int index = (_next + attempt) % Range.Count;
                int port = Range.First + index;
                if (_rented.Contains(port))
                {
                    continue;
                }

                if (TryBind(local, port) is { } socket)
                {
                    _next = (index + 1) % Range.Count;
                    _rented.Add(port);
                    return new MediaPort(this, socket, port);
                }

                takenByOthers++;
            }

            throw new MediaPortsExhaustedException(
                $"no free media port in {Range} on {local}: {_rented.Count} in use by calls, {takenByOthers} taken by other programs");
        }
    }

    internal void Return(int port)
    {
        lock (_lock)
        {
            _rented.Remove(port);
        }
    }

    private static Socket? TryBind(IPAddress local, int port)
    {
        var socket = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(local, port));
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }
}
