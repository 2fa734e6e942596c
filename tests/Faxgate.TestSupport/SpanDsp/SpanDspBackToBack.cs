namespace Faxgate.TestSupport.SpanDsp;

/// <summary>One IFP packet on a <see cref="SpanDspBackToBack"/> link, as it was delivered (or dropped).</summary>
public sealed record LinkedIfp(bool FromCaller, ushort SequenceNumber, SpanDspIfp Packet, bool Dropped);

/// <summary>
/// Two SpanDSP T.38 terminals wired back to back in one process: each IFP packet one sends is
/// handed to the other with a sequence number of its direction, no UDPTL, no sockets, no sleeping.
/// A packet SpanDSP asks to send <c>Count</c> times is delivered that many times under one
/// sequence number (the far end drops the copies as repeats), unless <see cref="IncrementingRepeats"/>.
/// </summary>
public sealed class SpanDspBackToBack
{
    private readonly Queue<SpanDspIfp> _fromCaller = new();
    private readonly Queue<SpanDspIfp> _fromAnswerer = new();
    private readonly List<LinkedIfp> _trace = [];
    private ushort _callerSequence;
    private ushort _answererSequence;

    public SpanDspBackToBack(SpanDspT38Terminal caller, SpanDspT38Terminal answerer)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(answerer);
        Caller = caller;
        Answerer = answerer;
        caller.IfpSent += _fromCaller.Enqueue;
        answerer.IfpSent += _fromAnswerer.Enqueue;
    }

    public SpanDspT38Terminal Caller { get; }

    public SpanDspT38Terminal Answerer { get; }

    /// <summary>Give each repeat its own sequence number, as a UDPTL layer that sends every copy as a new packet does.</summary>
    public bool IncrementingRepeats { get; init; }

    /// <summary>Keep every packet in <see cref="Trace"/>.</summary>
    public bool Record { get; init; }

    /// <summary>Decides which packets are lost: (from caller, sequence number, packet) gives true to drop.</summary>
    public Func<bool, ushort, SpanDspIfp, bool>? Drop { get; init; }

    /// <summary>The link's clock in 8 kHz samples.</summary>
    public long Samples { get; private set; }

    /// <summary>IFP packets handed over (repeats counted once).</summary>
    public int Packets { get; private set; }

    public IReadOnlyList<LinkedIfp> Trace => _trace;

    /// <summary>Both calls are over.</summary>
    public bool Finished { get; private set; }

    /// <summary>Lets time pass on both terminals, then hands over every packet they sent. True once both calls are over.</summary>
    public bool Step(int samples = 160)
    {
        bool callerDone = Caller.Advance(samples);
        bool answererDone = Answerer.Advance(samples);
        Samples += samples;
        Deliver();
        Finished = callerDone && answererDone;
        return Finished;
    }

    /// <summary>Steps until both calls are over or <paramref name="limitSamples"/> have passed; true when they are over.</summary>
    public bool Run(long limitSamples = 8000L * 60 * 30, int step = 160)
    {
        while (Samples < limitSamples)
        {
            if (Step(step))
            {
                return true;
            }
        }

        return false;
    }

    private void Deliver()
    {
        // A packet may prompt an answer at once; hand those over too, within the same step.
        for (int round = 0; round < 1000 && (_fromCaller.Count > 0 || _fromAnswerer.Count > 0); round++)
        {
            while (_fromCaller.TryDequeue(out SpanDspIfp? packet))
            {
                Hand(packet, fromCaller: true, Answerer, ref _callerSequence);
            }

            while (_fromAnswerer.TryDequeue(out SpanDspIfp? packet))
            {
                Hand(packet, fromCaller: false, Caller, ref _answererSequence);
            }
        }
    }

    private void Hand(SpanDspIfp packet, bool fromCaller, SpanDspT38Terminal to, ref ushort sequence)
    {
        Packets++;
        int copies = Math.Max(1, packet.Count);
        for (int i = 0; i < copies; i++)
        {
            ushort seq = sequence;
            if (IncrementingRepeats || i == copies - 1)
            {
                sequence++;
            }

            bool dropped = Drop?.Invoke(fromCaller, seq, packet) ?? false;
            if (Record && (i == 0 || IncrementingRepeats))
            {
                _trace.Add(new LinkedIfp(fromCaller, seq, packet, dropped));
            }

            if (!dropped)
            {
                _ = to.ReceiveIfp(packet.Ifp, seq);
            }
        }
    }
}
