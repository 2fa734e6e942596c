namespace Faxgate.Fax.T38.Udptl;

/// <summary>How a <see cref="UdptlSender"/> protects its packets and how large its datagrams may be.</summary>
public sealed record UdptlSenderOptions
{
    /// <summary>Largest redundancy depth accepted (SpanDSP refuses datagrams with 16 or more secondary packets).</summary>
    public const int MaxRedundancyDepth = 15;

    /// <summary>Redundancy (secondary IFP packets) or FEC parity.</summary>
    public UdptlRecoveryKind Recovery { get; init; } = UdptlRecoveryKind.Redundancy;

    /// <summary>Earlier IFP packets repeated in each datagram under redundancy (0 to 15).</summary>
    public int RedundancyDepth { get; init; } = 3;

    /// <summary>Packets each FEC entry covers (fec-npackets), under FEC.</summary>
    public int FecSpan { get; init; } = 3;

    /// <summary>FEC entries in each datagram, under FEC; the span times the entries is the reach back.</summary>
    public int FecEntries { get; init; } = 3;

    /// <summary>
    /// The far end's largest UDPTL datagram in octets (SDP T38FaxMaxDatagram, read as the UDPTL payload size as
    /// SpanDSP does). Secondary packets that do not fit are left out; <see cref="UdptlSender.MaxIfpSize"/> follows from it.
    /// </summary>
    public int MaxDatagramSize { get; init; } = 400;

    /// <summary>Sequence number of the first datagram.</summary>
    public ushort FirstSequenceNumber { get; init; }

    public static UdptlSenderOptions Default { get; } = new();
}
