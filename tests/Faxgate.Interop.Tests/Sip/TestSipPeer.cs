using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Faxgate.Interop.Tests.Sip;

/// <summary>
/// The tests' own SIP signalling: a scripted user agent on a loopback UDP port that sends text it builds itself
/// and reads what comes back with a small tolerant reader, independent of Faxgate.Sip so that Faxgate's stack is
/// checked against other code. It records every message sent and received. Of the transaction layer it only
/// ACKs final failure responses to its INVITEs (<see cref="AcknowledgeFailures"/>) and repeats its ACK when a 2xx
/// it already ACKed comes again (<see cref="ReacknowledgeRetransmissions"/>); everything else is up to the test.
/// Received messages wait in an inbox until a Wait... call takes them (each is taken once).
/// </summary>
internal sealed partial class TestSipPeer : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;
    private readonly object _gate = new();
    private readonly List<TestSipMessage> _sent = [];
    private readonly List<TestSipMessage> _received = [];
    private readonly List<TestSipMessage> _dropped = [];
    private readonly List<TestSipMessage> _inbox = [];
    private readonly List<(Func<TestSipMessage, bool> Match, int Count)> _drops = [];
    private readonly Dictionary<string, TestDialog> _dialogs = [];
    private TaskCompletionSource _arrived = NewSignal();

    private TestSipPeer(string user)
    {
        User = user;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _receiving = Task.Run(ReceiveAsync);
    }

    /// <summary>Starts a peer on 127.0.0.1 port 0; <paramref name="user"/> is the user part of its From and Contact.</summary>
    public static TestSipPeer Start(string user = "testpeer") => new(user);

    public string User { get; }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public int LocalPort => LocalEndPoint.Port;

    /// <summary>This peer's Contact URI.</summary>
    public string ContactUri => $"sip:{User}@127.0.0.1:{LocalPort}";

    /// <summary>ACK final responses of 300 and above to our INVITEs at once, as a transaction layer would (default on).</summary>
    public bool AcknowledgeFailures { get; set; } = true;

    /// <summary>Send our ACK again when a 2xx we already ACKed is retransmitted (default on).</summary>
    public bool ReacknowledgeRetransmissions { get; set; } = true;

    /// <summary>Every message sent, in order.</summary>
    public IReadOnlyList<TestSipMessage> Sent
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent];
            }
        }
    }

    /// <summary>Every SIP message received, in order, including dropped ones.</summary>
    public IReadOnlyList<TestSipMessage> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>The received messages <see cref="DropIncoming(string, int)"/> threw away.</summary>
    public IReadOnlyList<TestSipMessage> Dropped
    {
        get
        {
            lock (_gate)
            {
                return [.. _dropped];
            }
        }
    }

    /// <summary>How many received messages match (e.g. 200 OK retransmissions: <c>m =&gt; m.StatusCode == 200</c>).</summary>
    public int CountReceived(Func<TestSipMessage, bool> match) => Received.Count(match);

    /// <summary>
    /// Loses the next <paramref name="count"/> received requests of <paramref name="method"/>, or responses whose CSeq
    /// method it is when <paramref name="status"/> is given: recorded in Received and Dropped, never acted on or waited for.
    /// </summary>
    public void DropIncoming(string method, int count, int? status = null) =>
        DropIncoming(m => (status is null ? m.Method : m.IsRequest ? null : m.CSeqMethod) == method && (status is null || m.StatusCode == status), count);

    /// <summary>Loses the next <paramref name="count"/> received messages that match.</summary>
    public void DropIncoming(Func<TestSipMessage, bool> match, int count)
    {
        lock (_gate)
        {
            _drops.Add((match, count));
        }
    }

    /// <summary>Sends bytes as they are (for malformed or hand-made messages); recorded in Sent when they read as SIP.</summary>
    public void SendRaw(byte[] datagram, IPEndPoint to)
    {
        ArgumentNullException.ThrowIfNull(datagram);
        if (TestSipMessage.TryParse(datagram, to, DateTimeOffset.UtcNow) is { } message)
        {
            Record(message);
        }

        _ = _socket.SendTo(datagram, to);
    }

    /// <summary>Sends a message given as text; returns it as recorded.</summary>
    public TestSipMessage Send(string text, IPEndPoint to)
    {
        byte[] datagram = Encoding.UTF8.GetBytes(text);
        TestSipMessage message = TestSipMessage.TryParse(datagram, to, DateTimeOffset.UtcNow) ?? throw new ArgumentException($"not a SIP message:\n{text}", nameof(text));
        Record(message);
        _ = _socket.SendTo(datagram, to);
        return message;
    }

    /// <summary>Waits for the first response to <paramref name="request"/> (same Call-ID and CSeq) with a status of at least <paramref name="minStatus"/>.</summary>
    public Task<TestSipMessage> WaitResponseAsync(TestSipMessage request, int minStatus, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return WaitAsync(m => !m.IsRequest && m.CallId == request.CallId && m.CSeq == request.CSeq && m.CSeqMethod == request.Method && m.StatusCode >= minStatus,
            $"a response >= {minStatus} to {request.Method} (CSeq {request.CSeq}, Call-ID {request.CallId})", timeout, cancellationToken);
    }

    /// <summary>Waits for a response of at least <paramref name="minStatus"/> to the last request this peer sent in the dialog.</summary>
    public Task<TestSipMessage> WaitResponseAsync(TestDialog dialog, int minStatus, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        return WaitResponseAsync(dialog.LastRequest ?? throw new InvalidOperationException("no request sent in this dialog"), minStatus, timeout, cancellationToken);
    }

    /// <summary>Waits for a request of <paramref name="method"/> (any call, or the one of <paramref name="callId"/>).</summary>
    public Task<TestSipMessage> WaitRequestAsync(string method, TimeSpan timeout, string? callId = null, CancellationToken cancellationToken = default) =>
        WaitAsync(m => m.Method == method && (callId is null || m.CallId == callId), $"a {method} request", timeout, cancellationToken);

    /// <summary>Takes the first received message that matches, waiting up to <paramref name="timeout"/>; TimeoutException lists what came instead.</summary>
    public async Task<TestSipMessage> WaitAsync(Func<TestSipMessage, bool> match, string description, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        await TryWaitAsync(match, timeout, cancellationToken).ConfigureAwait(false)
            ?? throw new TimeoutException($"no {description} within {timeout.TotalSeconds} s; received:\n{Describe(Received)}");

    /// <summary>Takes the first received message that matches, or null when none came within <paramref name="timeout"/>.</summary>
    public async Task<TestSipMessage?> TryWaitAsync(Func<TestSipMessage, bool> match, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(match);
        DateTimeOffset deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                int index = _inbox.FindIndex(m => match(m));
                if (index >= 0)
                {
                    TestSipMessage found = _inbox[index];
                    _inbox.RemoveAt(index);
                    return found;
                }

                arrived = _arrived.Task;
            }

            TimeSpan left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return null;
            }

            try
            {
                await arrived.WaitAsync(left, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return null;
            }
        }
    }

    /// <summary>Start lines of messages, one per line, for failure messages.</summary>
    public static string Describe(IEnumerable<TestSipMessage> messages) =>
        string.Join('\n', messages.Select(m => $"  {m.StartLine} (CSeq {m.Header("CSeq")}, Call-ID {m.CallId})"));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        try
        {
            await _receiving.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped as asked.
        }

        _stop.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Record(TestSipMessage message)
    {
        lock (_gate)
        {
            _sent.Add(message);
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[65536];
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult result;
            try
            {
                result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                continue; // an ICMP error from an earlier send: nothing to read
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            byte[] datagram = buffer.AsSpan(0, result.ReceivedBytes).ToArray();
            if (TestSipMessage.TryParse(datagram, (IPEndPoint)result.RemoteEndPoint, DateTimeOffset.UtcNow) is { } message)
            {
                try
                {
                    Arrive(message);
                }
                catch (ObjectDisposedException)
                {
                    return; // a retransmission that came in as the peer was disposed: its ACK has nowhere to go
                }
            }
        }
    }

    private void Arrive(TestSipMessage message)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            _received.Add(message);
            int drop = _drops.FindIndex(d => d.Count > 0 && d.Match(message));
            if (drop >= 0)
            {
                _drops[drop] = (_drops[drop].Match, _drops[drop].Count - 1);
                _dropped.Add(message);
                return;
            }
        }

        // A failure is acknowledged before a test can take it, so the test finds the ACK among what was sent.
        if (!message.IsRequest)
        {
            OnResponse(message);
        }

        lock (_gate)
        {
            _inbox.Add(message);
            signal = _arrived;
            _arrived = NewSignal();
        }

        signal.TrySetResult();
    }
}
