using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Tiff;
using Faxgate.TestSupport.SpanDsp;

namespace Faxgate.Interop.Tests.T38;

/// <summary>
/// SpanDSP 0.0.6 as a fax machine on a loopback UDP port in real time: a thread of its own steps it every 20 ms,
/// carrying its IFP packets in UDPTL (<see cref="TestUdptl"/>). For tests of the `faxgate fax` command, which runs
/// on the wall clock, and for SIP calls, where the far end's UDPTL endpoint comes from SDP after the socket exists
/// (<see cref="SetRemote"/>). Without a remote endpoint it answers whoever sends first.
/// </summary>
internal sealed class RealTimeSpanDsp : IDisposable
{
    private readonly SpanDspT38Terminal _terminal;
    private readonly Socket _socket;
    private readonly TestUdptl _udptl = new(3);
    private readonly Thread _thread;
    private readonly TimeSpan _limit;
    private volatile bool _stop;
    private bool _started;
    private volatile EndPoint? _remote;

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

    /// <summary>Where SpanDSP's UDPTL goes; null until set or learnt from the first datagram received.</summary>
    public IPEndPoint? RemoteEndPoint => (IPEndPoint?)_remote;

    public bool Finished { get; private set; }

    public Exception? Failure { get; private set; }

    public void Start()
    {
        _started = true;
        _thread.Start();
    }

    /// <summary>Sends SpanDSP's UDPTL to <paramref name="remote"/> from now on (e.g. the port a SIP peer put in its SDP).</summary>
    public void SetRemote(IPEndPoint remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        _remote = remote;
    }

    /// <summary>
    /// The pages SpanDSP received, read back from its receive TIFF (<see cref="SpanDspT38Terminal.SetRxFile"/>); call it
    /// once the call has ended (<see cref="Wait"/>).
    /// </summary>
    public IReadOnlyList<BilevelPage> ReceivedPages()
    {
        string rx = _terminal.RxFile ?? throw new InvalidOperationException("SpanDSP was given no receive file (SetRxFile)");
        if (!Finished)
        {
            throw new InvalidOperationException("SpanDSP's call has not ended yet: Wait for it first");
        }

        return File.Exists(rx) ? TiffReader.Read(rx).Pages : [];
    }

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
        if (_started)
        {
            _thread.Join(TimeSpan.FromSeconds(5));
        }

        _socket.Dispose();
    }
}
