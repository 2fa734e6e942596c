using System.Net;
using System.Net.Sockets;
using Faxgate.Fax.T30.Session;
using Faxgate.Fax.T38.Terminal;

namespace Faxgate.Fax.Transport;

/// <summary>
/// Runs a <see cref="T38Terminal"/> over a UDP socket: read, hand to the core, drain what it wants to send, then
/// sleep until a datagram arrives or the core's next deadline comes, never on a fixed poll. A channel waiting for
/// packets costs nothing but the pending receive.
/// </summary>
public sealed class UdpT38Channel
{
    private readonly T38Terminal _terminal;
    private readonly Socket _socket;
    private readonly TimeProvider _time;
    private readonly Func<FaxEvent, ValueTask>? _onEvent;
    private EndPoint? _remote;

    /// <param name="terminal">The sans-IO terminal to drive.</param>
    /// <param name="socket">A bound UDP socket; the channel does not own it.</param>
    /// <param name="remote">Where to send; when null, the first datagram's source becomes the far end.</param>
    /// <param name="time">The clock (TimeProvider.System in production, a fake one in tests).</param>
    /// <param name="onEvent">Receives every session event (pages, trace, completion) as it happens.</param>
    public UdpT38Channel(T38Terminal terminal, Socket socket, IPEndPoint? remote, TimeProvider time, Func<FaxEvent, ValueTask>? onEvent = null)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(time);
        _terminal = terminal;
        _socket = socket;
        _time = time;
        _remote = remote;
        _onEvent = onEvent;
    }

    /// <summary>Datagrams from anyone but the far end (after it is known) are dropped; this counts them.</summary>
    public int ForeignDatagrams { get; private set; }

    /// <summary>Runs the call to its end and returns the Phase E outcome. Cancelling hangs up (DCN) first when it can.</summary>
    public async Task<FaxOutcome> RunAsync(CancellationToken cancellationToken)
    {
        long start = _time.GetTimestamp();
        TimeSpan Now() => _time.GetElapsedTime(start);

        byte[] buffer = new byte[65536];
        EndPoint any = _socket.AddressFamily == AddressFamily.InterNetworkV6
            ? new IPEndPoint(IPAddress.IPv6Any, 0)
            : new IPEndPoint(IPAddress.Any, 0);
        using var receiveCancel = new CancellationTokenSource();
        Task<SocketReceiveFromResult>? receive = null;
        if (_remote is null)
        {
            // Answering without a known far end: the call starts with the caller's first datagram, and so do the
            // T.30 timers.
            try
            {
                SocketReceiveFromResult first = await _socket.ReceiveFromAsync(buffer.AsMemory(), SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
                _remote = first.RemoteEndPoint;
                _terminal.Start(Now());
                _terminal.HandleDatagram(buffer.AsSpan(0, first.ReceivedBytes), Now());
            }
            catch (OperationCanceledException)
            {
                _terminal.Session.Hangup(Now());
                return _terminal.Session.Outcome ?? throw new InvalidOperationException("a hang-up before the call leaves an outcome");
            }
        }
        else
        {
            _terminal.Start(Now());
        }

        bool hungUp = false;
        while (!_terminal.IsFinished)
        {
            if (cancellationToken.IsCancellationRequested && !hungUp)
            {
                hungUp = true;
                _terminal.Session.Hangup(Now());
            }

            await FlushAsync(Now()).ConfigureAwait(false);
            if (_terminal.IsFinished)
            {
                break;
            }

            receive ??= _socket.ReceiveFromAsync(buffer.AsMemory(), SocketFlags.None, any, receiveCancel.Token).AsTask();
            TimeSpan? deadline = _terminal.NextDeadline;
            if (hungUp)
            {
                // After a hang-up nobody waits long: the DCN goes out at its pace, then the channel ends.
                TimeSpan limit = Now() + TimeSpan.FromSeconds(1);
                deadline = deadline is null || deadline > limit ? limit : deadline;
            }

            if (deadline is { } due)
            {
                TimeSpan wait = due - Now();
                if (wait > TimeSpan.Zero)
                {
                    // Timers count whole milliseconds: a wait rounded down would wake early and spin to the deadline.
                    wait = TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds));
                    // Once hung up, the caller's token is cancelled for good; the DCN still needs real waits.
                    using CancellationTokenSource delayCancel = hungUp
                        ? new CancellationTokenSource()
                        : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    Task delay = Task.Delay(wait, _time, delayCancel.Token);
                    Task first = await Task.WhenAny(receive, delay).ConfigureAwait(false);
                    await delayCancel.CancelAsync().ConfigureAwait(false);
                    if (first != receive)
                    {
                        if (hungUp && Now() >= due && !_terminal.IsFinished && _terminal.NextDeadline is null)
                        {
                            break;
                        }

                        _terminal.HandleTimeout(Now());
                        await RaiseEventsAsync().ConfigureAwait(false);
                        continue;
                    }
                }
                else
                {
                    _terminal.HandleTimeout(Now());
                    await RaiseEventsAsync().ConfigureAwait(false);
                    continue;
                }
            }
            else
            {
                var cancelled = new TaskCompletionSource();
                await using CancellationTokenRegistration registration = cancellationToken.Register(() => cancelled.TrySetResult());
                Task first = await Task.WhenAny(receive, cancelled.Task).ConfigureAwait(false);
                if (first != receive)
                {
                    continue;
                }
            }

            SocketReceiveFromResult result;
            try
            {
                result = await receive.ConfigureAwait(false);
            }
            catch (SocketException)
            {
                // ICMP port unreachable and the like surface here on some systems: the far end is not there yet.
                receive = null;
                continue;
            }

            receive = null;
            if (_remote is null)
            {
                _remote = result.RemoteEndPoint;
            }
            else if (!SameEndpoint(result.RemoteEndPoint, _remote))
            {
                ForeignDatagrams++;
                continue;
            }

            _terminal.HandleDatagram(buffer.AsSpan(0, result.ReceivedBytes), Now());
            await RaiseEventsAsync().ConfigureAwait(false);
        }

        await FlushAsync(Now()).ConfigureAwait(false);
        await RaiseEventsAsync().ConfigureAwait(false);
        if (receive is not null)
        {
            await receiveCancel.CancelAsync().ConfigureAwait(false);
            try
            {
                await receive.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException)
            {
                // The pending receive ends with the call.
            }
        }

        return _terminal.Session.Outcome ?? throw new InvalidOperationException("the terminal finished without an outcome");
    }

    private async ValueTask FlushAsync(TimeSpan now)
    {
        await RaiseEventsAsync().ConfigureAwait(false);
        while (_terminal.TryPollDatagram(now, out ReadOnlyMemory<byte> datagram))
        {
            if (_remote is not null)
            {
                try
                {
                    await _socket.SendToAsync(datagram, SocketFlags.None, _remote).ConfigureAwait(false);
                }
                catch (SocketException)
                {
                    // A datagram that cannot go out is a lost packet; T.30 repeats what matters.
                }
            }
        }

        await RaiseEventsAsync().ConfigureAwait(false);
    }

    private async ValueTask RaiseEventsAsync()
    {
        while (_terminal.TryPollEvent(out FaxEvent faxEvent))
        {
            if (_onEvent is not null)
            {
                await _onEvent(faxEvent).ConfigureAwait(false);
            }
        }
    }

    private static bool SameEndpoint(EndPoint a, EndPoint b) =>
        a is IPEndPoint x && b is IPEndPoint y && x.Port == y.Port &&
        (x.Address.Equals(y.Address) || (x.Address.IsIPv4MappedToIPv6 ? x.Address.MapToIPv4() : x.Address).Equals(y.Address.IsIPv4MappedToIPv6 ? y.Address.MapToIPv4() : y.Address));
}
