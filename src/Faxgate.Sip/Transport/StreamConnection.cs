using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using System.Security.Authentication;
using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Transport;

/// <summary>
/// One TCP or TLS connection: a read loop that frames messages and answers keep-alive pings, writes serialised one
/// at a time, an idle timer, and one funnel (<see cref="Close"/>) through which every ending passes: it removes the
/// connection from the table, logs why, and releases the socket.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "Close ends the connection; the semaphore has no wait handle and the token source no timer, so neither holds anything to release.")]
internal sealed class StreamConnection
{
    private static readonly byte[] Pong = "\r\n"u8.ToArray();

    private readonly TransportContext _context;
    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private readonly ITimer _idleTimer;
    private long _lastTraffic;
    private int _closed;

    public StreamConnection(TransportContext context, Socket socket, Stream stream, SipEndPoint remote, SipEndPoint local, bool inbound)
    {
        _context = context;
        _socket = socket;
        _stream = stream;
        Remote = remote;
        Local = local;
        Inbound = inbound;
        _lastTraffic = context.Time.GetTimestamp();
        _idleTimer = context.Time.CreateTimer(static state => ((StreamConnection)state!).CheckIdle(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public SipEndPoint Remote { get; }

    public SipEndPoint Local { get; }

    public bool Inbound { get; }

    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Starts the read loop and the idle timer; called once the connection is in the table.</summary>
    public void Start()
    {
        TransportLog.ConnectionOpened(_context.Logger, Remote, Inbound ? "inbound" : "outbound", Local);
        Touch();
        try
        {
            _idleTimer.Change(_context.Options.IdleTimeout, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Closed by a shutdown before it started; the read loop ends at once.
        }

        _context.Run(ReadLoopAsync);
    }

    /// <summary>Writes one serialised message; throws <see cref="SipTransportException"/> when the connection is or becomes unusable.</summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> octets, CancellationToken cancellationToken)
    {
        using CancellationTokenSource linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        try
        {
            await _writeLock.WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Lost(null);
        }

        try
        {
            await _stream.WriteAsync(octets, linked.Token).ConfigureAwait(false);
            Touch();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A message cut off in the middle would corrupt the stream's framing.
            Close("a write was cancelled");
            throw;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or AuthenticationException)
        {
            Close($"write failed: {e.Message}");
            throw Lost(e);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>The one way a connection ends; safe to call any number of times from anywhere.</summary>
    public void Close(string reason)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _context.Connections.Remove(this);
        TransportLog.ConnectionClosed(_context.Logger, Remote, reason);
        _idleTimer.Dispose();
        _closing.Cancel();
        _stream.Dispose();
        _socket.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        int limit = Math.Max(_context.Options.Limits.MaxMessageBytes, 1024);
        byte[] buffer = new byte[Math.Min(4096, limit)];
        int count = 0;
        string reason = "closed by the far end";
        try
        {
            while (true)
            {
                if (count == buffer.Length)
                {
                    if (buffer.Length >= limit)
                    {
                        var tooLarge = new SipParseError(SipParseErrorKind.MessageTooLarge, 0, $"no message ends within {limit} octets");
                        await ReportUnparsableAsync(tooLarge, buffer.AsMemory(0, count)).ConfigureAwait(false);
                        reason = "unparsable message";
                        break;
                    }

                    Array.Resize(ref buffer, Math.Min(buffer.Length * 2, limit));
                }

                int read = await _stream.ReadAsync(buffer.AsMemory(count), _closing.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                Touch();
                count += read;
                int consumed = await DeliverAsync(buffer.AsMemory(0, count)).ConfigureAwait(false);
                if (consumed < 0)
                {
                    reason = "unparsable message";
                    break;
                }

                buffer.AsSpan(consumed, count - consumed).CopyTo(buffer);
                count -= consumed;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or AuthenticationException or SipTransportException)
        {
            reason = e.Message;
        }

        Close(reason);
    }

    /// <summary>Hands on every whole message and answers pings; returns the octets consumed, or -1 when the stream is unparsable.</summary>
    private async ValueTask<int> DeliverAsync(ReadOnlyMemory<byte> data)
    {
        int offset = 0;
        while (true)
        {
            StreamFrameKind kind = StreamFrame.Next(
                data.Span[offset..], _context.Options.Limits, out SipMessage? message, out int consumed, out SipParseError? error);
            switch (kind)
            {
                case StreamFrameKind.Incomplete:
                    return offset;
                case StreamFrameKind.Ping:
                    await SendAsync(Pong, _closing.Token).ConfigureAwait(false);
                    break;
                case StreamFrameKind.Skip:
                    break;
                case StreamFrameKind.Message:
                    await _context.Events.WriteAsync(new SipMessageReceived(message!, Remote, Local), _closing.Token).ConfigureAwait(false);
                    break;
                default:
                    await ReportUnparsableAsync(error!, data[offset..]).ConfigureAwait(false);
                    return -1;
            }

            offset += consumed;
        }
    }

    private async ValueTask ReportUnparsableAsync(SipParseError error, ReadOnlyMemory<byte> data)
    {
        TransportLog.Unparsable(_context.Logger, Remote, Local, error);
        byte[] copy = data[..Math.Min(data.Length, SipUnparsable.MaxData)].ToArray();
        await _context.Events.WriteAsync(new SipUnparsable(error, copy, Remote, Local), _closing.Token).ConfigureAwait(false);
    }

    private void Touch() => Volatile.Write(ref _lastTraffic, _context.Time.GetTimestamp());

    private void CheckIdle()
    {
        TimeSpan idle = _context.Time.GetElapsedTime(Volatile.Read(ref _lastTraffic));
        TimeSpan timeout = _context.Options.IdleTimeout;
        if (idle >= timeout)
        {
            Close($"idle for {timeout}");
            return;
        }

        try
        {
            _idleTimer.Change(timeout - idle, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Closed meanwhile.
        }
    }

    private SipTransportException Lost(Exception? cause) =>
        new(SipTransportFailure.ConnectionLost, Remote, $"the SIP connection to {Remote} is closed" + (cause is null ? "" : $": {cause.Message}"), cause);
}
