using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Session;
using Faxgate.Fax.T38.Ifp;
using Faxgate.Fax.T38.Udptl;

namespace Faxgate.Fax.T38.Terminal;

/// <summary>
/// A T.38 fax terminal, sans-IO: a T.30 session, the T.38 link that turns its signals into IFP packets, and UDPTL
/// framing with redundancy and loss recovery. The transport hands it datagrams and the time, sends what
/// <see cref="TryPollDatagram"/> gives, and sleeps until <see cref="NextDeadline"/>.
/// </summary>
public sealed class T38Terminal
{
    private readonly T38Link _link;
    private readonly UdptlSender _sender;
    private readonly UdptlReceiver _receiver;
    private readonly IfpLimits _ifpLimits;
    private readonly byte[] _datagram;
    private IfpPacket? _repeat;
    private int _repeats;

    public T38Terminal(T30Session session, T38TerminalOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        Options = options ?? new T38TerminalOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(Options.EndOfSignalRepeats);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Options.EndOfSignalRepeats, 5);
        Session = session;
        if (session.Options.MaxRate.BitsPerSecond() > Options.Link.MaxBitRate)
        {
            throw new ArgumentException(
                $"the session may use {session.Options.MaxRate.BitsPerSecond()} bit/s but T38MaxBitRate is {Options.Link.MaxBitRate}: lower the session's MaxRate",
                nameof(session));
        }

        _sender = new UdptlSender(Options.Sender);
        _receiver = new UdptlReceiver(Options.Receiver);
        _link = new T38Link(Options.Link with { MaxIfpSize = Math.Min(Options.Link.MaxIfpSize, _sender.MaxIfpSize) });
        _ifpLimits = IfpLimits.Default;
        _datagram = new byte[Math.Max(_sender.MaxDatagramSize, 64)];
    }

    public T38TerminalOptions Options { get; }

    public T30Session Session { get; }

    /// <summary>What the UDPTL receiver saw: datagrams, duplicates, recovered and lost packets, malformed ones.</summary>
    public UdptlReceiverStatistics ReceiveStatistics => _receiver.Statistics;

    /// <summary>IFP packets that arrived intact in UDPTL but could not be parsed.</summary>
    public long MalformedIfp { get; private set; }

    /// <summary>The session is over and everything it wanted to send (its DCN) has gone out.</summary>
    public bool IsFinished => Session.IsFinished && !_link.IsTransmitting && _repeats == 0;

    public TimeSpan? NextDeadline
    {
        get
        {
            TimeSpan? session = Session.NextDeadline;
            TimeSpan? link = _link.NextDeadline;
            return session is null ? link : link is null ? session : session < link ? session : link;
        }
    }

    public void Start(TimeSpan now)
    {
        Session.Start(now);
        Pump(now);
    }

    /// <summary>One datagram from the far end, any bytes: what is not UDPTL/IFP is counted and dropped.</summary>
    public void HandleDatagram(ReadOnlySpan<byte> datagram, TimeSpan now)
    {
        long lost = _receiver.Statistics.Lost;
        _receiver.HandleDatagram(datagram);
        if (_receiver.Statistics.Lost != lost)
        {
            _link.HandlePacketLoss();
        }

        while (_receiver.TryPollIfp(out UdptlDelivery delivery))
        {
            if (UdptlReceiver.TryParseIfp(delivery, Options.Link.Version, _ifpLimits, out IfpPacket? packet, out _))
            {
                if (!Session.IsFinished)
                {
                    _link.HandleReceived(packet!, Session, now);
                }
            }
            else
            {
                MalformedIfp++;
                _link.HandlePacketLoss();
            }

            Pump(now);
        }

        Pump(now);
    }

    public void HandleTimeout(TimeSpan now)
    {
        if (Session.NextDeadline is { } deadline && deadline <= now)
        {
            Session.HandleTimeout(now);
            Pump(now);
        }

        _link.HandleTimeout(now, Session);
        Pump(now);
    }

    /// <summary>The next datagram whose time has come.</summary>
    public bool TryPollDatagram(TimeSpan now, out ReadOnlyMemory<byte> datagram)
    {
        IfpPacket? packet;
        if (_repeats > 0)
        {
            _repeats--;
            packet = _repeat!;
        }
        else
        {
            if (!_link.TryPollTransmit(now, out packet, out T38PacketCategory category))
            {
                // A finished transmission may let the session queue the next one at once.
                _link.HandleTimeout(now, Session);
                Pump(now);
                if (!_link.TryPollTransmit(now, out packet, out category))
                {
                    datagram = default;
                    return false;
                }
            }

            RepeatIfItEndsSomething(packet, category);
        }

        int length = _sender.Write(packet, Options.Link.Version, _datagram);
        datagram = _datagram.AsMemory(0, length);
        return true;
    }

    public bool TryPollEvent(out FaxEvent faxEvent) => Session.TryPollEvent(out faxEvent);

    /// <summary>
    /// Indicators and the packets that end a signal are sent again as datagrams of their own: nothing follows them
    /// soon to carry them as redundancy, and losing one stalls the far end until a timer runs out.
    /// </summary>
    private void RepeatIfItEndsSomething(IfpPacket packet, T38PacketCategory category)
    {
        if (category is T38PacketCategory.Indicator or T38PacketCategory.ControlDataEnd or T38PacketCategory.ImageDataEnd)
        {
            _repeat = packet;
            _repeats = Options.EndOfSignalRepeats;
        }
    }

    private void Pump(TimeSpan now)
    {
        while (Session.TryPollTransmit(out TransmitCommand command))
        {
            _link.Enqueue(command, now);
        }
    }
}
