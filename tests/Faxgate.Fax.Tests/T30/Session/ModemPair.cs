using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Session;

namespace Faxgate.Fax.Tests.T30.Session;

/// <summary>
/// Two T.30 sessions joined by an ideal half-duplex line in virtual time: what one transmits reaches the other
/// after the time it takes at its rate. Tests drop or damage signals through <see cref="Damage"/> and see every
/// frame and event. No sockets, no clock: a whole fax runs in milliseconds.
/// </summary>
internal sealed class ModemPair
{
    private readonly T30Session[] _sessions;
    private readonly TimeSpan[] _busyUntil = [TimeSpan.Zero, TimeSpan.Zero];
    private readonly PriorityQueue<Action, (TimeSpan, long)> _agenda = new();
    private long _order;

    public ModemPair(T30Session sender, T30Session receiver)
    {
        _sessions = [sender, receiver];
    }

    public TimeSpan Now { get; private set; }

    public List<FaxEvent>[] Events { get; } = [[], []];

    /// <summary>Every HDLC frame transmitted, by side (0 = sender), in order.</summary>
    public List<byte[]>[] FramesSent { get; } = [[], []];

    /// <summary>Decides what happens to one transmitted signal: deliver, drop, or (for frames) deliver with a bad FCS.</summary>
    public Func<int, TransmitCommand, int, Fate>? Damage { get; set; }

    /// <summary>Runs until both sessions finish, nothing is left to happen, or <paramref name="limit"/> of virtual time passes.</summary>
    public void Run(TimeSpan? limit = null)
    {
        TimeSpan end = limit ?? TimeSpan.FromMinutes(30);
        foreach (T30Session session in _sessions)
        {
            session.Start(Now);
        }

        Drain();
        while (!(_sessions[0].IsFinished && _sessions[1].IsFinished) && Now < end)
        {
            TimeSpan next = TimeSpan.MaxValue;
            if (_agenda.TryPeek(out _, out (TimeSpan Time, long) head))
            {
                next = head.Time;
            }

            foreach (T30Session session in _sessions)
            {
                if (session.NextDeadline is { } deadline && deadline < next)
                {
                    next = deadline;
                }
            }

            if (next == TimeSpan.MaxValue)
            {
                break;
            }

            Now = next > Now ? next : Now;
            while (_agenda.TryPeek(out _, out (TimeSpan Time, long) due) && due.Time <= Now)
            {
                _agenda.Dequeue()();
                Drain();
            }

            foreach (T30Session session in _sessions)
            {
                if (session.NextDeadline is { } deadline && deadline <= Now)
                {
                    session.HandleTimeout(Now);
                }
            }

            Drain();
        }
    }

    public FaxOutcome? OutcomeOf(int side) => _sessions[side].Outcome;

    private void Drain()
    {
        for (int side = 0; side < 2; side++)
        {
            while (_sessions[side].TryPollEvent(out FaxEvent e))
            {
                Events[side].Add(e);
            }

            bool any = false;
            int index = 0;
            while (_sessions[side].TryPollTransmit(out TransmitCommand command))
            {
                Schedule(side, command, index++);
                any = true;
            }

            if (any)
            {
                int me = side;
                TimeSpan done = _busyUntil[side];
                At(done, () =>
                {
                    if (_busyUntil[me] == done)
                    {
                        _sessions[me].HandleTransmitComplete(Now);
                    }
                });
            }
        }
    }

    private void Schedule(int side, TransmitCommand command, int index)
    {
        T30Session peer = _sessions[1 - side];
        TimeSpan start = _busyUntil[side] > Now ? _busyUntil[side] : Now;
        Fate fate = Damage?.Invoke(side, command, index) ?? Fate.Deliver;
        TimeSpan duration;
        switch (command)
        {
            case SendTone tone:
                duration = TimeSpan.FromMilliseconds(tone.Tone == FaxTone.Ced ? 2600 : 500);
                At(start, () => peer.HandleTone(tone.Tone, Now));
                break;
            case SendSilence silence:
                duration = silence.Duration;
                break;
            case SendHdlc hdlc:
                int bitsPerSecond = hdlc.Rate?.BitsPerSecond() ?? 300;
                TimeSpan preamble = hdlc.Rate is null ? TimeSpan.FromSeconds(1) : TimeSpan.FromMilliseconds(200);
                TimeSpan at = start + preamble;
                if (fate != Fate.Drop)
                {
                    At(start, () => peer.HandleCarrierStarted(hdlc.Rate, Now));
                }

                foreach (byte[] frame in hdlc.Frames)
                {
                    FramesSent[side].Add(frame);
                    at += TimeSpan.FromSeconds((frame.Length + 4) * 8.0 / bitsPerSecond);
                    byte[] copy = frame;
                    bool fcsOk = fate != Fate.BadFcs;
                    if (fate != Fate.Drop)
                    {
                        At(at, () => peer.HandleFrame(copy, fcsOk, Now));
                    }
                }

                duration = at - start;
                if (fate != Fate.Drop)
                {
                    At(start + duration, () => peer.HandleCarrierEnded(Now));
                }

                break;
            case SendTcf tcf:
                duration = tcf.Duration + TimeSpan.FromMilliseconds(200);
                if (fate != Fate.Drop)
                {
                    byte[] zeros = new byte[(int)(tcf.Rate.BitsPerSecond() * tcf.Duration.TotalSeconds / 8)];
                    if (fate == Fate.BadFcs)
                    {
                        Array.Fill(zeros, (byte)0x55);
                    }

                    At(start, () => peer.HandleCarrierStarted(tcf.Rate, Now));
                    At(start + duration, () =>
                    {
                        peer.HandleNonEcmData(zeros, Now);
                        peer.HandleCarrierEnded(Now);
                    });
                }

                break;
            case SendImage image:
                duration = TimeSpan.FromSeconds(image.Data.Length * 8.0 / image.Rate.BitsPerSecond()) + TimeSpan.FromMilliseconds(200);
                if (fate != Fate.Drop)
                {
                    byte[] data = image.Data.ToArray();
                    if (fate == Fate.BadFcs)
                    {
                        // Damage the middle third of the page.
                        for (int i = data.Length / 3; i < 2 * data.Length / 3; i++)
                        {
                            data[i] ^= 0x5A;
                        }
                    }

                    At(start, () => peer.HandleCarrierStarted(image.Rate, Now));
                    At(start + duration, () =>
                    {
                        peer.HandleNonEcmData(data, Now);
                        peer.HandleCarrierEnded(Now);
                    });
                }

                break;
            default:
                throw new InvalidOperationException($"unknown command {command}");
        }

        _busyUntil[side] = start + duration;
    }

    private void At(TimeSpan time, Action action) => _agenda.Enqueue(action, (time, _order++));
}

internal enum Fate
{
    Deliver,
    Drop,
    BadFcs,
}
