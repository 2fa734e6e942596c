using Faxgate.Fax.T30.Capabilities;
using Faxgate.Imaging.Coding;

namespace Faxgate.Fax.T30.Session;

/// <summary>How the TCF training check is judged by a receiver.</summary>
public enum TcfCheck
{
    /// <summary>Count the zeros that arrived (T.38 transferredTCF, and audio).</summary>
    Measure,

    /// <summary>Accept the training once the far end's fast carrier came and went (T.38 localTCF: the gateway checked it).</summary>
    AssumeGood,
}

/// <summary>Everything a T.30 session can be told; every timer, retry count and threshold has a named default.</summary>
public sealed record T30Options
{
    /// <summary>Our TSI/CSI, at most 20 characters.</summary>
    public string Ident { get; init; } = "";

    /// <summary>Subaddress to send in SUB (the far end's extension), or null.</summary>
    public string? SubAddress { get; init; }

    public ModemSet Modems { get; init; } = ModemSet.All;

    /// <summary>The fastest rate we offer or accept.</summary>
    public SignallingRate MaxRate { get; init; } = SignallingRate.V17At14400;

    public bool Ecm { get; init; } = true;

    /// <summary>ECM frame size we send: 256 or 64 octets.</summary>
    public int EcmFrameSize { get; init; } = 256;

    /// <summary>Compressions we can send or receive (MH is always among them; MMR only works with ECM).</summary>
    public IReadOnlySet<CodingScheme> Compressions { get; init; } = new HashSet<CodingScheme> { CodingScheme.Mh, CodingScheme.Mr, CodingScheme.Mmr };

    /// <summary>T1: how long to look for the far end fax at the start (T.30: 35 s +- 5 s).</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromSeconds(35);

    /// <summary>T2: how long a receiver waits for the next command (T.30: 6 s +- 1 s).</summary>
    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>T4: how long a sender waits for a response before repeating (T.30: 3 s +- 15 %; 4.5 s for manual units).</summary>
    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>T5: how long an ECM sender keeps asking a busy (RNR) receiver (T.30: 60 s +- 5 s).</summary>
    public TimeSpan T5 { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Sender: the pause between CNG tones while waiting for DIS (T.30 clause 4: 3 s).</summary>
    public TimeSpan CngInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How many times a command is sent before its missing response ends the session (T.30: 3).</summary>
    public int CommandAttempts { get; init; } = 3;

    /// <summary>Length of the TCF the sender sends (T.30: 1.5 s).</summary>
    public TimeSpan TcfDuration { get; init; } = TimeSpan.FromSeconds(1.5);

    public TcfCheck TcfCheck { get; init; } = TcfCheck.Measure;

    /// <summary>Receiver: the longest run of zero bits in TCF must last at least this long at the rate.</summary>
    public TimeSpan TcfMinZeros { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Receiver: a non-ECM page is refused (RTN) when fewer than this share of its lines decoded cleanly.</summary>
    public double MinGoodLinePercent { get; init; } = 95;

    /// <summary>Receiver: a page is refused (RTN) when this many consecutive lines are bad, counted at standard resolution (scaled for finer ones).</summary>
    public int MaxConsecutiveBadLines { get; init; } = 5;

    /// <summary>Sender: how often one page is sent again after RTN before the session fails.</summary>
    public int MaxPageRetries { get; init; } = 2;

    /// <summary>ECM sender: PPRs for one block before CTC (T.30 A.4: 4).</summary>
    public int PprsBeforeCtc { get; init; } = 4;

    /// <summary>ECM sender: CTCs for one block before the session gives up.</summary>
    public int MaxCtcPerBlock { get; init; } = 3;

    /// <summary>Receiver: PPRs it sends for one partial page before it gives up (a sender normally sends CTC or EOR well before).</summary>
    public int MaxPprsPerBlockReceived { get; init; } = 20;

    /// <summary>Receiver: failed trainings (FTT) in one call before it gives up (eight rates exist, with some repeats).</summary>
    public int MaxFailedTrainings { get; init; } = 12;

    /// <summary>Receiver: the largest page, in coded bytes, it will collect.</summary>
    public int MaxPageBytes { get; init; } = 16 << 20;

    /// <summary>Receiver: the most pages one call may bring; the call is ended after that many.</summary>
    public int MaxPages { get; init; } = 500;

    /// <summary>The longest a call may last from the start of phase B, whatever happens in it.</summary>
    public TimeSpan MaxCallDuration { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Receiver: the most lines one received page may have.</summary>
    public int MaxPageLines { get; init; } = 20_000;

    /// <summary>Pause after a V.21 signal before a high-speed one and between signals (T.30 5.3.6 note: 75 ms).</summary>
    public TimeSpan TurnaroundDelay { get; init; } = TimeSpan.FromMilliseconds(75);

    /// <summary>Raise <see cref="FrameTraced"/> events for every frame.</summary>
    public bool Trace { get; init; }
}
