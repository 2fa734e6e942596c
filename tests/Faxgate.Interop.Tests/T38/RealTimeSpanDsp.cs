using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Faxgate.TestSupport.SpanDsp;

namespace Faxgate.Interop.Tests.T38;

/// <summary>
/// SpanDSP 0.0.6 as a fax machine on a loopback UDP port in real time: a thread of its own steps it every 20 ms,
/// carrying its IFP packets in UDPTL (<see cref="TestUdptl"/>). For tests of the `faxgate fax` command, which runs
/// on the wall clock.
/// </summary>
internal sealed class RealTimeSpanDsp : IDisposable
{
    private readonly SpanDspT38Terminal _terminal;
    private readonly Socket _socket;
    private readonly TestUdptl _udptl = new(3);
    private readonly Thread _thread;
    private readonly TimeSpan _limit;
    private volatile bool _stop;
    private EndPoint? _remote;

    public RealTimeSpanDsp(SpanDspT38Terminal terminal, IPEndPoint? remote, TimeSpan limit)
    {
        _terminal = terminal;
        _remote = remote;
        _limit = limit;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _terminal.IfpSent += packet =>
        {
            for (int i = 0; i < Math.Max(1, packet.Count); i++)
            {
                byte[] datagram = _udptl.Wrap(packet.Ifp);
                if (_remote is not null)
                {
                    try
                    {
                        _socket.SendTo(datagram, _remote);
                    }
                    catch (SocketException)
                    {
                        // Nobody listening yet (ICMP port unreachable): a lost packet, as on a real network.
                    }
                }
            }
        };
        _thread = new Thread(Run) { IsBackground = true, Name = "SpanDSP real time" };
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public bool Finished { get; private set; }

    public Exception? Failure { get; private set; }

    public void Start() => _thread.Start();

    /// <summary>Waits for SpanDSP's call to end; false when it did not in time.</summary>
    public bool Wait(TimeSpan timeout) => _thread.Join(timeout) && Finished;

    private void Run()
    {
        try
        {
            var clock = Stopwatch.StartNew();
            var buffer = new byte[65536];
            long step = 0;
            while (!_stop && clock.Elapsed < _limit)
            {
                if (_terminal.Advance(160))
                {
                    Finished = true;
                    return;
                }

                // Until the next 20 ms step, take datagrams as they come.
                step++;
                TimeSpan next = TimeSpan.FromMilliseconds(step * 20);
                for (TimeSpan wait = next - clock.Elapsed; wait > TimeSpan.Zero; wait = next - clock.Elapsed)
                {
                    if (!_socket.Poll((int)Math.Ceiling(wait.TotalMicroseconds), SelectMode.SelectRead))
                    {
                        continue;
                    }

                    EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                    int length = _socket.ReceiveFrom(buffer, ref from);
                    _remote ??= from;
                    foreach ((ushort sequence, byte[] ifp) in _udptl.Unwrap(buffer.AsSpan(0, length).ToArray()))
                    {
                        _terminal.ReceiveIfp(ifp, sequence);
                    }
                }
            }
        }
        catch (Exception e) when (e is SocketException or InvalidOperationException)
        {
            Failure = e;
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join(TimeSpan.FromSeconds(5));
        _socket.Dispose();
    }
}
