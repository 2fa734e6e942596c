using System.Net.Security;
using System.Net.Sockets;
using System.Threading.Channels;
using Faxgate.Sip.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Faxgate.Sip.Transport;

/// <summary>
/// The SIP stack's only socket code (RFC 3261 section 18): UDP, TCP and TLS listeners, outbound connections, and one
/// queue of received messages. Stream connections are kept by the far end's address and reused for every message
/// to it, whichever side opened them. Messages go out whole, serialised by <see cref="SipMessageWriter"/>.
/// </summary>
/// <remarks>
/// <see cref="Events"/> is bounded (<see cref="SipTransportOptions.EventCapacity"/>). When it is full a received
/// datagram is dropped (counted in <see cref="DroppedDatagrams"/>; UDP senders retransmit) while stream connections
/// stop reading until there is room, which pushes back on the far end through TCP flow control.
/// </remarks>
public sealed class SipTransportLayer : IAsyncDisposable
{
    private readonly TransportContext _context;
    private readonly Channel<SipTransportEvent> _events;
    private readonly List<UdpListener> _udp = [];
    private readonly List<StreamListener> _streams = [];
    private int _disposed;

    private SipTransportLayer(TransportContext context, Channel<SipTransportEvent> events)
    {
        _context = context;
        _events = events;
    }

    /// <summary>The listeners as bound: port 0 replaced by the port the system chose.</summary>
    public IReadOnlyList<SipEndPoint> LocalEndPoints => _context.Listeners;

    /// <summary>Everything received, in order per listener and connection; completes when the layer is disposed.</summary>
    public ChannelReader<SipTransportEvent> Events => _events.Reader;

    /// <summary>Open TCP and TLS connections, inbound and outbound.</summary>
    public int OpenConnections => _context.Connections.Count;

    /// <summary>Datagrams dropped because <see cref="Events"/> was full.</summary>
    public long DroppedDatagrams => _context.DroppedDatagrams;

    /// <summary>Background loops still running (listeners and connections); zero once disposed.</summary>
    internal int RunningTasks => _context.RunningTasks;

    /// <summary>
    /// Opens the listeners and starts receiving. Throws <see cref="SipTransportException"/> (ListenFailed) when an
    /// address cannot be listened on, and <see cref="ArgumentException"/> when a tls: listener has no certificate.
    /// </summary>
    public static Task<SipTransportLayer> StartAsync(
        IEnumerable<SipEndPoint> listen, SipTransportOptions options, TimeProvider time, ILogger? logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        ct.ThrowIfCancellationRequested();
        List<SipEndPoint> wanted = [.. listen];
        foreach (SipEndPoint endPoint in wanted)
        {
            if (endPoint.Address is null)
            {
                throw new ArgumentException("a SIP listener has no address", nameof(listen));
            }
        }

        SslStreamCertificateContext? certificate = null;
        if (wanted.Any(endPoint => endPoint.Transport == SipTransportKind.Tls))
        {
            if (options.TlsCertificate is null || !options.TlsCertificate.HasPrivateKey)
            {
                throw new ArgumentException(
                    "a tls: SIP listener needs a TLS certificate with its private key (SipTransportOptions.TlsCertificate)", nameof(options));
            }

            certificate = SslStreamCertificateContext.Create(options.TlsCertificate, additionalCertificates: null);
        }

        var events = Channel.CreateBounded<SipTransportEvent>(
            new BoundedChannelOptions(options.EventCapacity) { FullMode = BoundedChannelFullMode.Wait });
        var context = new TransportContext(options, time, logger ?? NullLogger.Instance, events.Writer);
        var layer = new SipTransportLayer(context, events);
        List<(SipEndPoint EndPoint, Socket Socket)> bound = ListenerBinder.Bind(wanted);
        context.Listeners = [.. bound.Select(entry => entry.EndPoint)];
        foreach ((SipEndPoint endPoint, Socket socket) in bound)
        {
            if (endPoint.Transport == SipTransportKind.Udp)
            {
                layer._udp.Add(new UdpListener(context, socket, endPoint));
            }
            else
            {
                layer._streams.Add(new StreamListener(context, socket, endPoint, endPoint.Transport == SipTransportKind.Tls ? certificate : null));
            }

            TransportLog.Listening(context.Logger, endPoint);
        }

        layer._udp.ForEach(listener => listener.Start());
        layer._streams.ForEach(listener => listener.Start());
        return Task.FromResult(layer);
    }

    /// <summary>The listener to name in Via and Contact for this transport and address family, if there is one.</summary>
    public SipEndPoint? LocalFor(SipTransportKind kind, AddressFamily family) => _context.ListenerFor(kind, family);

    /// <summary>
    /// Sends a message: UDP from the listener of the destination's address family; TCP and TLS over the connection
    /// to the destination, opened if there is none. Throws <see cref="SipTransportException"/> when it cannot.
    /// </summary>
    public ValueTask SendAsync(SipEndPoint destination, SipMessage message, CancellationToken ct) =>
        SendAsync(destination, message, serverName: null, ct);

    /// <summary>
    /// Sends like <see cref="SendAsync(SipEndPoint, SipMessage, CancellationToken)"/>; a new TLS connection checks
    /// the server's certificate for <paramref name="serverName"/> (a trunk's host name) instead of the IP address.
    /// </summary>
    public async ValueTask SendAsync(SipEndPoint destination, SipMessage message, string? serverName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (destination.Address is null || destination.Address.Port == 0)
        {
            throw new ArgumentException($"cannot send to {destination}: no port", nameof(destination));
        }

        if (Volatile.Read(ref _disposed) != 0)
        {
            throw new SipTransportException(SipTransportFailure.Closed, destination, $"cannot send to {destination}: the SIP transport is shut down");
        }

        byte[] octets = SipMessageWriter.Write(message);
        if (destination.Transport == SipTransportKind.Udp)
        {
            UdpListener listener = _udp.Find(udp => udp.Local.Address.AddressFamily == destination.Address.AddressFamily)
                ?? throw new SipTransportException(
                    SipTransportFailure.NoListener, destination, $"cannot send to {destination}: no udp: listener for {destination.Address.AddressFamily}");
            await listener.SendAsync(octets, destination, ct).ConfigureAwait(false);
            return;
        }

        Task<StreamConnection> connecting = _context.Connections.GetOrConnect(
            destination,
            target => StreamConnector.ConnectAsync(_context, target, serverName),
            connection => connection.Start(),
            out Task? newConnect);
        if (newConnect is not null)
        {
            _context.Track(newConnect);
        }

        StreamConnection connection = await connecting.WaitAsync(ct).ConfigureAwait(false);
        await connection.SendAsync(octets, ct).ConfigureAwait(false);
    }

    /// <summary>Stops the listeners, closes every connection, waits for every background loop and completes <see cref="Events"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _context.StopAsync().ConfigureAwait(false);
        _udp.ForEach(listener => listener.Stop());
        _streams.ForEach(listener => listener.Stop());
        foreach (StreamConnection connection in _context.Connections.Close())
        {
            connection.Close("the SIP transport is shutting down");
        }

        await _context.DrainAsync().ConfigureAwait(false);
        _context.Dispose();
        _events.Writer.TryComplete();
    }
}
