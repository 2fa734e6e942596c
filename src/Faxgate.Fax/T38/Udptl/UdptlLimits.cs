namespace Faxgate.Fax.T38.Udptl;

/// <summary>Limits the UDPTL parser keeps to, checked before anything is copied.</summary>
public sealed record UdptlLimits
{
    /// <summary>Longest IFP packet or FEC data entry accepted, in octets (a two-octet length determinant).</summary>
    public int MaxPacketLength { get; init; } = UdptlPacket.MaxPacketLength;

    /// <summary>Most secondary IFP packets in one datagram.</summary>
    public int MaxSecondaryPackets { get; init; } = 16;

    /// <summary>Most FEC data entries in one datagram.</summary>
    public int MaxFecEntries { get; init; } = 16;

    /// <summary>Largest fec-npackets (the number of packets each FEC entry covers).</summary>
    public int MaxFecSpan { get; init; } = 32;

    public static UdptlLimits Default { get; } = new();
}
