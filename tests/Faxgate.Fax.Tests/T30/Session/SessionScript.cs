using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Frames;
using Faxgate.Fax.T30.Session;

namespace Faxgate.Fax.Tests.T30.Session;

/// <summary>
/// Plays the far end of ONE T.30 session by hand, in virtual time: the test expects the session's next
/// transmissions (<see cref="ExpectFrames"/>, <see cref="ExpectTcf"/>, ...), answers with signals
/// (<see cref="Send(FacsimileControlField, byte[])"/>, <see cref="SendTcf"/>, ...) and moves the clock
/// (<see cref="Advance"/>), which fires the session's timers when their deadlines pass.
/// By default every batch of transmissions the session queues is reported sent at once
/// (<see cref="AutoComplete"/>), so a timer that starts after a transmission starts at <see cref="Now"/>.
/// </summary>
internal sealed class SessionScript
{
    private readonly Queue<TransmitCommand> _pending = new();
    private bool _outstanding;

    public SessionScript(T30Session session)
    {
        Session = session;
    }

    public T30Session Session { get; }

    public TimeSpan Now { get; private set; }

    /// <summary>Every event the session raised, in order.</summary>
    public List<FaxEvent> Events { get; } = [];

    /// <summary>Every command the session asked to transmit, in order (silences included).</summary>
    public List<TransmitCommand> Transmitted { get; } = [];

    /// <summary>Report every transmission complete as soon as it is polled; false leaves it to <see cref="CompleteTransmit"/>.</summary>
    public bool AutoComplete { get; set; } = true;

    /// <summary>The far end's X bit: set when the far end is the station that received DIS, i.e. when we receive.</summary>
    public bool FarX => !Session.IsSender;

    public FaxOutcome? Outcome => Session.Outcome;

    public static SessionScript Started(T30Session session)
    {
        var script = new SessionScript(session);
        session.Start(script.Now);
        script.Pump();
        return script;
    }

    // ---- time ----

    /// <summary>Moves the clock on by <paramref name="seconds"/>, letting every timer that expires on the way act.</summary>
    public void Advance(double seconds) => AdvanceTo(Now + TimeSpan.FromSeconds(seconds));

    public void AdvanceTo(TimeSpan target)
    {
        for (int guard = 0; Session.NextDeadline is { } deadline && deadline <= target; guard++)
        {
            Assert.True(guard < 10_000, "the session's deadline does not move on");
            if (deadline > Now)
            {
                Now = deadline;
            }

            Session.HandleTimeout(Now);
            Pump();
        }

        if (target > Now)
        {
            Now = target;
        }
    }

    /// <summary>The layer below reports that everything polled has gone out.</summary>
    public void CompleteTransmit()
    {
        _outstanding = false;
        Session.HandleTransmitComplete(Now);
        Pump();
    }

    /// <summary>Drains the session's events and transmissions, events first.</summary>
    public void Pump()
    {
        while (Session.TryPollEvent(out FaxEvent e))
        {
            Events.Add(e);
        }

        while (Session.TryPollTransmit(out TransmitCommand command))
        {
            Transmitted.Add(command);
            _pending.Enqueue(command);
            _outstanding = true;
        }

        if (_outstanding && AutoComplete)
        {
            _outstanding = false;
            Session.HandleTransmitComplete(Now);
            while (Session.TryPollEvent(out FaxEvent e))
            {
                Events.Add(e);
            }
        }
    }

    // ---- what the session sends ----

    /// <summary>The next transmission that is not a silence.</summary>
    public TransmitCommand Next()
    {
        while (_pending.TryDequeue(out TransmitCommand? command))
        {
            if (command is not SendSilence)
            {
                return command;
            }
        }

        Assert.Fail("expected a transmission; the session sent nothing more");
        return null!;
    }

    public void ExpectNothing()
    {
        TransmitCommand? next = _pending.FirstOrDefault(c => c is not SendSilence);
        Assert.True(next is null, $"expected no transmission, the session sent {Describe(next)}");
        _pending.Clear();
    }

    public void ExpectTone(FaxTone tone) => Assert.Equal(tone, Assert.IsType<SendTone>(Next()).Tone);

    /// <summary>One V.21 transmission of exactly these frames; checks control octets and our X bit.</summary>
    public T30Frame[] ExpectFrames(params FacsimileControlField[] fcfs)
    {
        TransmitCommand next = Next();
        var hdlc = Assert.IsType<SendHdlc>(next);
        Assert.True(hdlc.Rate is null, $"expected V.21 frames, got {Describe(next)}");
        T30Frame[] frames = [.. hdlc.Frames.Select(Parse)];
        Assert.True(fcfs.SequenceEqual(frames.Select(f => f.Fcf)), $"expected {string.Join(" ", fcfs)}, got {Describe(next)}");
        for (int i = 0; i < frames.Length; i++)
        {
            Assert.Equal(i == frames.Length - 1, frames[i].IsFinal);
            if (frames[i].Fcf.HasXBit())
            {
                Assert.Equal(Session.IsSender, frames[i].X);
            }
        }

        return frames;
    }

    /// <summary>The last frame of <see cref="ExpectFrames"/>.</summary>
    public T30Frame ExpectFrame(FacsimileControlField fcf) => ExpectFrames(fcf)[^1];

    public SendTcf ExpectTcf(SignallingRate rate)
    {
        TransmitCommand next = Next();
        var tcf = Assert.IsType<SendTcf>(next);
        Assert.Equal(rate, tcf.Rate);
        return tcf;
    }

    public SendImage ExpectImage(SignallingRate rate)
    {
        TransmitCommand next = Next();
        var image = Assert.IsType<SendImage>(next);
        Assert.Equal(rate, image.Rate);
        return image;
    }

    /// <summary>An ECM partial page at <paramref name="rate"/>: FCD frames then RCP frames.</summary>
    public SendHdlc ExpectEcmBurst(SignallingRate rate)
    {
        TransmitCommand next = Next();
        var burst = Assert.IsType<SendHdlc>(next);
        Assert.Equal(rate, burst.Rate);
        return burst;
    }

    public FaxOutcome ExpectOutcome(FaxFailure failure)
    {
        Assert.True(Session.IsFinished, "the session has not finished");
        FaxOutcome outcome = Session.Outcome!;
        Assert.True(failure == outcome.Failure, $"expected {failure}, got {outcome}");
        Assert.Equal(outcome, Assert.Single(Events.OfType<SessionCompleted>()).Outcome);
        return outcome;
    }

    // ---- what the far end sends ----

    /// <summary>A frame from the far end (its X bit).</summary>
    public byte[] Frame(FacsimileControlField fcf, ReadOnlySpan<byte> fif = default, bool final = true) =>
        T30Frame.Build(fcf, FarX, final, fif);

    /// <summary>One V.21 transmission of a single final frame.</summary>
    public void Send(FacsimileControlField fcf, byte[]? fif = null) => SendFrames([Frame(fcf, fif ?? [])]);

    /// <summary>One V.21 transmission: carrier, the frames, carrier off; the session may answer only afterwards.</summary>
    public void SendFrames(IReadOnlyList<byte[]> frames, bool fcsOk = true)
    {
        Session.HandleCarrierStarted(null, Now);
        foreach (byte[] frame in frames)
        {
            Session.HandleFrame(frame, fcsOk, Now);
        }

        Session.HandleCarrierEnded(Now);
        Pump();
    }

    /// <summary>TCF: <paramref name="data"/>, or 1.5 s of zeros at the rate.</summary>
    public void SendTcf(SignallingRate rate, byte[]? data = null)
    {
        data ??= new byte[rate.BitsPerSecond() * 3 / 16];
        SendHighSpeedData(rate, data);
    }

    /// <summary>A non-ECM page (or TCF): training, the data, carrier off.</summary>
    public void SendHighSpeedData(SignallingRate rate, byte[] data)
    {
        Session.HandleCarrierStarted(rate, Now);
        Session.HandleNonEcmData(data, Now);
        Session.HandleCarrierEnded(Now);
        Pump();
    }

    /// <summary>An ECM burst at <paramref name="rate"/>; frames whose index <paramref name="fcsBad"/> picks arrive with a bad FCS.</summary>
    public void SendBurst(SignallingRate rate, IReadOnlyList<byte[]> frames, Func<int, bool>? fcsBad = null, double seconds = 0)
    {
        Session.HandleCarrierStarted(rate, Now);
        Pump();
        for (int i = 0; i < frames.Count; i++)
        {
            // The frames take the burst's time, spread evenly over it, as on a line.
            Advance(seconds / frames.Count);
            Session.HandleFrame(frames[i], fcsBad is null || !fcsBad(i), Now);
        }

        Session.HandleCarrierEnded(Now);
        Pump();
    }

    public static T30Frame Parse(byte[] frame)
    {
        Assert.True(T30Frame.TryParse(frame, out T30Frame? parsed, out T30FrameError error), $"unreadable frame: {error}");
        return parsed;
    }

    private static string Describe(TransmitCommand? command) => command switch
    {
        null => "nothing",
        SendHdlc { Rate: null } h => "V.21 " + string.Join(" ", h.Frames.Select(f => Parse(f).Fcf)),
        SendHdlc h => $"ECM burst of {h.Frames.Count} frames at {h.Rate}",
        _ => command.ToString(),
    };
}
