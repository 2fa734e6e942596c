namespace Faxgate.Sip.Transport;

/// <summary>
/// The open stream connections, keyed by the far end's address, so that a message to a destination reuses the
/// connection it came on (RFC 3261 section 18.2.2) or an earlier outbound one. Connections being accepted or
/// connected hold a reservation, so the limit counts them too; two sends to the same new destination share one
/// connect.
/// </summary>
internal sealed class ConnectionTable(int maxConnections)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<SipEndPoint, StreamConnection> _open = [];
    private readonly Dictionary<SipEndPoint, Task<StreamConnection>> _connecting = [];
    private int _reserved;
    private bool _closed;

    public int MaxConnections { get; } = maxConnections;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _open.Count;
            }
        }
    }

    /// <summary>Holds a place for an inbound connection before its handshake; false when the limit is reached or the table is closed.</summary>
    public bool TryReserve()
    {
        lock (_lock)
        {
            if (_closed || _open.Count + _reserved >= MaxConnections)
            {
                return false;
            }

            _reserved++;
            return true;
        }
    }

    public void Release()
    {
        lock (_lock)
        {
            _reserved--;
        }
    }

    /// <summary>Turns a reservation into an open connection; false (reservation released) when the table closed or the address is taken.</summary>
    public bool TryAdd(StreamConnection connection)
    {
        lock (_lock)
        {
            _reserved--;
            return !_closed && _open.TryAdd(connection.Remote, connection);
        }
    }

    /// <summary>Forgets a connection, unless another one has its place already.</summary>
    public void Remove(StreamConnection connection)
    {
        lock (_lock)
        {
            if (_open.TryGetValue(connection.Remote, out StreamConnection? current) && current == connection)
            {
                _open.Remove(connection.Remote);
            }
        }
    }

    /// <summary>
    /// The open connection to <paramref name="destination"/>, or the one being connected, or a new connect through
    /// <paramref name="connect"/>, whose connection the table adds and <paramref name="started"/> starts.
    /// </summary>
    public Task<StreamConnection> GetOrConnect(
        SipEndPoint destination, Func<SipEndPoint, Task<StreamConnection>> connect, Action<StreamConnection> started, out Task? newConnect)
    {
        newConnect = null;
        lock (_lock)
        {
            if (_closed)
            {
                throw new SipTransportException(SipTransportFailure.Closed, destination, $"cannot send to {destination}: the SIP transport is shutting down");
            }

            if (_open.TryGetValue(destination, out StreamConnection? open))
            {
                return Task.FromResult(open);
            }

            if (_connecting.TryGetValue(destination, out Task<StreamConnection>? pending))
            {
                return pending;
            }

            if (_open.Count + _reserved >= MaxConnections)
            {
                throw new SipTransportException(
                    SipTransportFailure.ConnectionLimit, destination, $"cannot connect to {destination}: {MaxConnections} SIP connections are open already");
            }

            _reserved++;
            Task<StreamConnection> task = ConnectAsync(destination, connect, started);
            _connecting[destination] = task;
            newConnect = task;
            return task;
        }
    }

    /// <summary>Closes the table to new connections and returns those open.</summary>
    public StreamConnection[] Close()
    {
        lock (_lock)
        {
            _closed = true;
            return [.. _open.Values];
        }
    }

    private async Task<StreamConnection> ConnectAsync(SipEndPoint destination, Func<SipEndPoint, Task<StreamConnection>> connect, Action<StreamConnection> started)
    {
        // Never connect while the caller holds the lock.
        await Task.Yield();
        StreamConnection? connection = null;
        try
        {
            connection = await connect(destination).ConfigureAwait(false);
        }
        finally
        {
            if (connection is null)
            {
                lock (_lock)
                {
                    _reserved--;
                    _connecting.Remove(destination);
                }
            }
        }

        StreamConnection? other = null;
        bool added = false;
        lock (_lock)
        {
            _reserved--;
            _connecting.Remove(destination);
            if (!_closed && !_open.TryGetValue(destination, out other))
            {
                _open.Add(destination, connection);
                added = true;
            }
        }

        if (!added)
        {
            // Shut down meanwhile, or the far end connected to us from the very address we dialled: keep theirs.
            connection.Close(other is null ? "the SIP transport is shutting down" : "a connection to the same address exists");
            return other ?? throw new SipTransportException(
                SipTransportFailure.Closed, destination, $"cannot send to {destination}: the SIP transport is shutting down");
        }

        started(connection);
        return connection;
    }
}
