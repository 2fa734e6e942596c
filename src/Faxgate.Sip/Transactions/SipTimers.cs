namespace Faxgate.Sip.Transactions;

/// <summary>
/// The base values of the transaction timers (RFC 3261 section 17.1.1.1 and table 4): T1 the round-trip estimate,
/// T2 the cap on non-INVITE and response retransmission intervals, T4 how long a message can linger in the network.
/// </summary>
public sealed record SipTimers
{
    public SipTimers()
        : this(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5))
    {
    }

    public SipTimers(TimeSpan t1, TimeSpan t2, TimeSpan t4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(t1, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(t2, t1);
        ArgumentOutOfRangeException.ThrowIfLessThan(t4, TimeSpan.Zero);
        T1 = t1;
        T2 = t2;
        T4 = t4;
    }

    public static SipTimers Default { get; } = new();

    public TimeSpan T1 { get; }

    public TimeSpan T2 { get; }

    public TimeSpan T4 { get; }

    /// <summary>64*T1: timers B, F, H and J.</summary>
    public TimeSpan TransactionTimeout => T1 * 64;

    /// <summary>timer D on an unreliable transport: at least 32 s.</summary>
    public TimeSpan InviteResponseLinger => TimeSpan.FromSeconds(32) > TransactionTimeout ? TimeSpan.FromSeconds(32) : TransactionTimeout;

    /// <summary>How long an INVITE server transaction waits for the TU before it sends 100 Trying itself (section 17.2.1).</summary>
    public TimeSpan TryingDelay { get; init; } = TimeSpan.FromMilliseconds(200);
}
