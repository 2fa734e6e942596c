using System.Threading.Channels;
using Faxgate.Sip.Messages;
using Faxgate.Sip.UserAgent;
using Microsoft.Extensions.Logging;

namespace Faxgate.Sip.Transport;

/// <summary>
/// Runs a <see cref="SipUserAgent"/> on the transports: one loop reads what arrives, runs the commands callers post,
/// fires the timers at the core's next deadline (never on a fixed tick), sends what the core wants sent and passes its
/// events on. The core is touched only by this loop, so it needs no locks.
/// </summary>
public sealed partial class SipUserAgentHost : IAsyncDisposable
{
    private readonly SipTransportLayer _transport;
    private readonly SipUserAgent _agent;
    private readonly TimeProvider _time;
    private readonly ILogger? _logger;
    private readonly long _start;
    private readonly Channel<Action<SipUserAgent, TimeSpan>> _commands = Channel.CreateUnbounded<Action<SipUserAgent, TimeSpan>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<UserAgentEvent> _events = Channel.CreateUnbounded<UserAgentEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    private SipUserAgentHost(SipTransportLayer transport, SipUserAgent agent, TimeProvider time, ILogger? logger)
    {
        _transport = transport;
        _agent = agent;
        _time = time;
        _logger = logger;
        _start = time.GetTimestamp();
    }

    /// <summary>The listeners as bound (port 0 replaced by the real port).</summary>
    public IReadOnlyList<SipEndPoint> LocalEndPoints => _transport.LocalEndPoints;

    /// <summary>The user agent's events, in order. Read them; an unread backlog grows without bound.</summary>
    public ChannelReader<UserAgentEvent> Events => _events.Reader;

    /// <summary>The user agent's clock: time since the host started.</summary>
    public TimeSpan Now => _time.GetElapsedTime(_start);

    /// <summary>Opens the transports and starts the loop; <paramref name="configure"/> gets the bound listeners.</summary>
    public static async Task<SipUserAgentHost> StartAsync(
        IEnumerable<SipEndPoint> listen,
        SipTransportOptions transportOptions,
        Func<IReadOnlyList<SipEndPoint>, UserAgentOptions> configure,
        TimeProvider time,
        ILogger? logger,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configure);
        SipTransportLayer transport = await SipTransportLayer.StartAsync(listen, transportOptions, time, logger, cancellationToken).ConfigureAwait(false);
        SipUserAgent agent;
        try
        {
            agent = new SipUserAgent(configure(transport.LocalEndPoints));
        }
        catch (ArgumentException)
        {
            await transport.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var host = new SipUserAgentHost(transport, agent, time, logger);
        host._loop = Task.Run(host.RunAsync, CancellationToken.None);
        return host;
    }

    /// <summary>Runs <paramref name="command"/> on the loop (with the core and its "now") and returns its result.</summary>
    public Task<T> InvokeAsync<T>(Func<SipUserAgent, TimeSpan, T> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool posted = _commands.Writer.TryWrite((agent, now) =>
        {
            try
            {
                done.TrySetResult(command(agent, now));
            }
            catch (InvalidOperationException e)
            {
                done.TrySetException(e);
            }
            catch (ArgumentException e)
            {
                done.TrySetException(e);
            }
        });
        if (!posted)
        {
            done.TrySetException(new ObjectDisposedException(nameof(SipUserAgentHost)));
        }

        return done.Task;
    }

    /// <summary>Runs <paramref name="command"/> on the loop.</summary>
    public Task InvokeAsync(Action<SipUserAgent, TimeSpan> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return InvokeAsync<bool>((agent, now) =>
        {
            command(agent, now);
            return true;
        });
    }

    /// <summary>Hangs up every call and removes every registration, waits up to <paramref name="grace"/> for that to go out, then closes.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_loop is null || _stop.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await InvokeAsync((agent, now) => agent.Shutdown(now)).ConfigureAwait(false);
            using var wait = new CancellationTokenSource(grace, _time);
            while (!wait.IsCancellationRequested && await InvokeAsync((agent, _) => agent.Calls.Count > 0 || agent.Registrations.Count > 0 || agent.TransactionCount > 0).ConfigureAwait(false))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), _time, wait.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Grace over: what did not go out is abandoned, the far ends time out.
        }
        catch (ObjectDisposedException)
        {
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _commands.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        _events.Writer.TryComplete();
        await _transport.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        CancellationToken stop = _stop.Token;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await FlushAsync(stop).ConfigureAwait(false);
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(stop);
                Task received = _transport.Events.WaitToReadAsync(wake.Token).AsTask();
                Task commanded = _commands.Reader.WaitToReadAsync(wake.Token).AsTask();
                Task? timer = _agent.NextDeadline is { } deadline
                    ? Task.Delay(deadline - Now > TimeSpan.Zero ? deadline - Now : TimeSpan.Zero, _time, wake.Token)
                    : null;
                await (timer is null ? Task.WhenAny(received, commanded) : Task.WhenAny(received, commanded, timer)).ConfigureAwait(false);
                await wake.CancelAsync().ConfigureAwait(false);

                while (_transport.Events.TryRead(out SipTransportEvent? transportEvent))
                {
                    HandleTransportEvent(transportEvent);
                }

                while (_commands.Reader.TryRead(out Action<SipUserAgent, TimeSpan>? command))
                {
                    command(_agent, Now);
                }

                if (_agent.NextDeadline is { } due && due <= Now)
                {
                    _agent.HandleTimeout(Now);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (ChannelClosedException)
        {
            // The transports closed under us (disposed): the loop ends.
        }

        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private void HandleTransportEvent(SipTransportEvent transportEvent)
    {
        switch (transportEvent)
        {
            case SipMessageReceived received:
                LogReceived(received.Message, received.Source);
                try
                {
                    _agent.Handle(received.Message, received.Source, Now);
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or IndexOutOfRangeException)
                {
                    // A message the core could not take (a fault of ours it revealed): that one message is lost, the
                    // user agent and every other call go on. The fuzz tests hunt for these.
                    if (_logger is { } logger)
                    {
                        LogHandlingFailed(logger, received.Source, Summary(received.Message), e);
                    }
                }

                break;
            case SipUnparsable unparsable:
                LogUnparsable(unparsable.Source, unparsable.Error);
                _agent.HandleUnparsable(unparsable.Data.Span, unparsable.Error.Reason, unparsable.Source, Now);
                break;
            default:
                break;
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (_agent.TryPollTransmit(out SipTransmit? transmit))
        {
            if (transmit.Destination.Address is null)
            {
                continue;
            }

            try
            {
                LogSending(transmit.Message, transmit.Destination);
                await _transport.SendAsync(transmit.Destination, transmit.Message, cancellationToken).ConfigureAwait(false);
            }
            catch (SipTransportException e)
            {
                LogSendFailed(transmit.Destination, e.Message);
                _agent.HandleSendFailure(transmit, Now);
            }
        }

        while (_agent.TryPollEvent(out UserAgentEvent? userAgentEvent))
        {
            _events.Writer.TryWrite(userAgentEvent);
        }
    }

    private static string Summary(SipMessage message) => message switch
    {
        SipRequest request => $"{request.Method} {request.RequestUri} ({request.CallId})",
        SipResponse response => $"{response.StatusCode} {response.ReasonPhrase} to {response.CSeq} ({response.CallId})",
        _ => "?",
    };

    private void LogReceived(SipMessage message, SipEndPoint source)
    {
        if (_logger is { } logger && logger.IsEnabled(LogLevel.Debug))
        {
#pragma warning disable CA1873 // guarded by IsEnabled above
            LogMessage(logger, "<-", source, Summary(message));
#pragma warning restore CA1873
        }
    }

    private void LogSending(SipMessage message, SipEndPoint destination)
    {
        if (_logger is { } logger && logger.IsEnabled(LogLevel.Debug))
        {
#pragma warning disable CA1873 // guarded by IsEnabled above
            LogMessage(logger, "->", destination, Summary(message));
#pragma warning restore CA1873
        }
    }

    private void LogUnparsable(SipEndPoint source, SipParseError error)
    {
        if (_logger is { } logger)
        {
            LogDropped(logger, source, error);
        }
    }

    private void LogSendFailed(SipEndPoint destination, string error)
    {
        if (_logger is { } logger)
        {
            LogCannotSend(logger, destination, error);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "SIP {Direction} {Peer}: {Summary}")]
    private static partial void LogMessage(ILogger logger, string direction, SipEndPoint peer, string summary);

    [LoggerMessage(Level = LogLevel.Information, Message = "SIP from {Peer} dropped: {Error}")]
    private static partial void LogDropped(ILogger logger, SipEndPoint peer, SipParseError error);

    [LoggerMessage(Level = LogLevel.Error, Message = "SIP from {Peer} could not be handled: {Summary}")]
    private static partial void LogHandlingFailed(ILogger logger, SipEndPoint peer, string summary, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SIP to {Peer} not sent: {Error}")]
    private static partial void LogCannotSend(ILogger logger, SipEndPoint peer, string error);
}
