namespace Faxgate.Fax.T38.Udptl;

/// <summary>Limits and start-up of a <see cref="UdptlReceiver"/>.</summary>
public sealed record UdptlReceiverOptions
{
    /// <summary>Parser limits for each datagram.</summary>
    public UdptlLimits Limits { get; init; } = UdptlLimits.Default;

    /// <summary>
    /// Sequence number expected first (T.38 senders start at 0), so that lost first packets can be recovered and
    /// are counted; null takes whatever arrives first as the start.
    /// </summary>
    public ushort? FirstSequenceNumber { get; init; } = 0;

    /// <summary>
    /// Largest jump forward or back still read as loss or lateness; a larger one restarts the numbering from the
    /// datagram that made it (a far end that switched streams).
    /// </summary>
    public int MaxGap { get; init; } = 2000;

    public static UdptlReceiverOptions Default { get; } = new();
}
