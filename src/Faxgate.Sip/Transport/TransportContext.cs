using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Faxgate.Sip.Transport;

/// <summary>What the listeners and connections of one transport layer share: options, clock, log, event queue, connection table and background tasks.</summary>
internal sealed class TransportContext : IDisposable
{
    private readonly ConcurrentDictionary<Task, byte> _tasks = new();
    private readonly CancellationTokenSource _shutdown = new();
    private long _droppedDatagrams;

    public TransportContext(SipTransportOptions options, TimeProvider time, ILogger logger, ChannelWriter<SipTransportEvent> events)
    {
        Options = options;
        Time = time;
        Logger = logger;
        Events = events;
        Connections = new ConnectionTable(options.MaxConnections);
        Shutdown = _shutdown.Token;
    }

    public SipTransportOptions Options { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    public ChannelWriter<SipTransportEvent> Events { get; }

    public ConnectionTable Connections { get; }

    public CancellationToken Shutdown { get; }

    public IReadOnlyList<SipEndPoint> Listeners { get; set; } = [];

    public int RunningTasks => _tasks.Keys.Count(task => !task.IsCompleted);

    public long DroppedDatagrams => Interlocked.Read(ref _droppedDatagrams);

    public void CountDroppedDatagram() => Interlocked.Increment(ref _droppedDatagrams);

    /// <summary>The listener of this kind and family, to name as the local end of an event or in a Via.</summary>
    public SipEndPoint? ListenerFor(SipTransportKind kind, AddressFamily family)
    {
        foreach (SipEndPoint listener in Listeners)
        {
            if (listener.Transport == kind && listener.Address.AddressFamily == family)
            {
                return listener;
            }
        }

        return null;
    }

    /// <summary>Runs a background loop; the layer waits for every one of them when it is disposed.</summary>
    public void Run(Func<Task> loop) => Track(Task.Run(loop));

    public void Track(Task task)
    {
        _tasks[task] = 0;
        _ = task.ContinueWith(
            static (done, state) => ((ConcurrentDictionary<Task, byte>)state!).TryRemove(done, out _),
            _tasks,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    public Task StopAsync() => _shutdown.CancelAsync();

    /// <summary>Waits until every background task has ended, including any started while waiting.</summary>
    public async Task DrainAsync()
    {
        while (true)
        {
            Task[] running = [.. _tasks.Keys.Where(task => !task.IsCompleted)];
            if (running.Length == 0)
            {
                break;
            }

            await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => _shutdown.Dispose();
}
