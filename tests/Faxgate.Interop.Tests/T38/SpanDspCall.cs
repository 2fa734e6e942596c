using System.Net;
using System.Net.Sockets;
using Faxgate.Fax.T30.Session;
using Faxgate.Fax.T38.Terminal;
using Faxgate.TestSupport.SpanDsp;

namespace Faxgate.Interop.Tests.T38;

/// <summary>
/// A fax call between a Faxgate T.38 terminal and a SpanDSP 0.0.6 T.38 terminal, exchanging UDPTL datagrams over
/// two real UDP sockets on loopback. Time is virtual and advances in SpanDSP's 20 ms steps, so a call of minutes
/// takes a fraction of a second; loss is drawn per datagram from a seeded random source.
/// </summary>
internal sealed class SpanDspCall : IDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(20);

    private readonly T38Terminal _faxgate;
    private readonly SpanDspT38Terminal _spandsp;
    private readonly Socket _ours = Bound();
    private readonly Socket _theirs = Bound();
    private readonly TestUdptl _udptl;
    private readonly Random _random;
    private readonly byte[] _buffer = new byte[65536];

    public SpanDspCall(T38Terminal faxgate, SpanDspT38Terminal spandsp, int redundancy = 3, int seed = 1)
    {
        _faxgate = faxgate;
        _spandsp = spandsp;
        _udptl = new TestUdptl(redundancy);
        _random = new Random(seed);
        _spandsp.IfpSent += packet =>
        {
            // SpanDSP asks for some packets to be sent several times; each copy is its own datagram.
            for (int i = 0; i < Math.Max(1, packet.Count); i++)
            {
                byte[] datagram = _udptl.Wrap(packet.Ifp);
                DatagramsToFaxgate++;
                if (_random.NextDouble() >= LossToFaxgate)
                {
                    _theirs.SendTo(datagram, _ours.LocalEndPoint!);
                }
            }
        };
    }

    /// <summary>Share of datagrams from SpanDSP to Faxgate that are lost.</summary>
    public double LossToFaxgate { get; init; }

    /// <summary>Share of datagrams from Faxgate to SpanDSP that are lost.</summary>
    public double LossToSpanDsp { get; init; }

    /// <summary>Called with each datagram Faxgate sends; returning non-null replaces it (garbage, truncation).</summary>
    public Func<byte[], byte[]?>? TamperToSpanDsp { get; init; }

    /// <summary>Extra datagrams thrown at Faxgate at a point in the call: (when, what).</summary>
    public List<(TimeSpan At, byte[] Datagram)> Injected { get; } = [];

    public TimeSpan Now { get; private set; }

    public bool SpanDspFinished { get; private set; }

    public int DatagramsToFaxgate { get; private set; }

    public int DatagramsToSpanDsp { get; private set; }

    /// <summary>The largest datagram Faxgate sent.</summary>
    public int LargestToSpanDsp { get; private set; }

    public List<FaxEvent> Events { get; } = [];

    /// <summary>Runs the call until both ends are done (or <paramref name="limit"/> of virtual time); true when both finished.</summary>
    public bool Run(TimeSpan limit)
    {
        _faxgate.Start(Now);
        TimeSpan grace = TimeSpan.Zero;
        while (Now < limit)
        {
            foreach ((TimeSpan at, byte[] datagram) in Injected.Where(i => i.At > Now - Step && i.At <= Now).ToList())
            {
                _theirs.SendTo(datagram, _ours.LocalEndPoint!);
            }

            PumpFaxgate();
            PumpSpanDsp();
            if (!SpanDspFinished && _spandsp.Advance(160))
            {
                SpanDspFinished = true;
            }

            if (_faxgate.IsFinished && (SpanDspFinished || _spandsp.Completed))
            {
                // Let the last datagrams (DCN and its repeats) reach the other side.
                grace += Step;
                if (grace > TimeSpan.FromSeconds(3) || SpanDspFinished)
                {
                    return true;
                }
            }

            Now += Step;
        }

        return false;
    }

    private void PumpFaxgate()
    {
        while (_ours.Available > 0)
        {
            int length = _ours.Receive(_buffer);
            _faxgate.HandleDatagram(_buffer.AsSpan(0, length), Now);
            Drain();
        }

        if (_faxgate.NextDeadline is { } deadline && deadline <= Now)
        {
            _faxgate.HandleTimeout(Now);
        }

        Drain();
    }

    private void Drain()
    {
        while (_faxgate.TryPollDatagram(Now, out ReadOnlyMemory<byte> datagram))
        {
            DatagramsToSpanDsp++;
            LargestToSpanDsp = Math.Max(LargestToSpanDsp, datagram.Length);
            byte[] bytes = datagram.ToArray();
            if (TamperToSpanDsp?.Invoke(bytes) is { } replaced)
            {
                bytes = replaced;
            }

            if (_random.NextDouble() >= LossToSpanDsp)
            {
                _ours.SendTo(bytes, _theirs.LocalEndPoint!);
            }
        }

        while (_faxgate.TryPollEvent(out FaxEvent faxEvent))
        {
            Events.Add(faxEvent);
        }
    }

    private void PumpSpanDsp()
    {
        while (_theirs.Available > 0)
        {
            int length = _theirs.Receive(_buffer);
            foreach ((ushort sequence, byte[] ifp) in _udptl.Unwrap(_buffer.AsSpan(0, length).ToArray()))
            {
                _spandsp.ReceiveIfp(ifp, sequence);
            }
        }
    }

    private static Socket Bound()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.ReceiveBufferSize = 4 << 20;
        return socket;
    }

    public void Dispose()
    {
        _ours.Dispose();
        _theirs.Dispose();
    }
}
