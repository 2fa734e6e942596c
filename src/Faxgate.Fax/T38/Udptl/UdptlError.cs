namespace Faxgate.Fax.T38.Udptl;

/// <summary>What is wrong with a UDPTL datagram that did not parse.</summary>
public enum UdptlErrorKind
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The datagram ends before the element at the offset is complete.</summary>
    Truncated,

    /// <summary>A fragmented (16K and more) length determinant, which no UDPTL datagram needs.</summary>
    FragmentedLength,

    /// <summary>The primary IFP packet is empty.</summary>
    EmptyPrimary,

    /// <summary>A packet (primary, secondary or FEC data) is longer than the limit.</summary>
    PacketTooLong,

    /// <summary>More secondary IFP packets than the limit.</summary>
    TooManySecondaryPackets,

    /// <summary>More FEC data entries than the limit.</summary>
    TooManyFecEntries,

    /// <summary>fec-npackets is negative, longer than four octets or over the limit.</summary>
    FecSpanOutOfRange,

    /// <summary>Octets follow the end of the datagram's encoding.</summary>
    TrailingBytes,
}

/// <summary>A parse failure: what and at which byte offset of the datagram.</summary>
public readonly record struct UdptlError(UdptlErrorKind Kind, int Offset)
{
    public override string ToString() => $"{Kind} at byte {Offset}";
}
