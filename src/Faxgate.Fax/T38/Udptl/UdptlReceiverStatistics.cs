namespace Faxgate.Fax.T38.Udptl;

/// <summary>Counts a <see cref="UdptlReceiver"/> keeps, for logs and metrics.</summary>
public readonly record struct UdptlReceiverStatistics
{
    /// <summary>Well-formed datagrams.</summary>
    public long Received { get; init; }

    /// <summary>Datagrams that did not parse (dropped).</summary>
    public long Malformed { get; init; }

    /// <summary>Datagrams whose packet had already been delivered (dropped).</summary>
    public long Duplicates { get; init; }

    /// <summary>Datagrams whose packet came after it had been given up as lost (dropped).</summary>
    public long Late { get; init; }

    /// <summary>Packets delivered from another datagram's redundancy or FEC.</summary>
    public long Recovered { get; init; }

    /// <summary>Packets skipped because nothing recovered them.</summary>
    public long Lost { get; init; }

    /// <summary>Jumps in the sequence too large to be loss, after which numbering restarted from the datagram.</summary>
    public long Restarts { get; init; }
}
