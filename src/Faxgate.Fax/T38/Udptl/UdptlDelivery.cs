namespace Faxgate.Fax.T38.Udptl;

/// <summary>Where a delivered IFP packet came from.</summary>
public enum UdptlDeliverySource
{
    /// <summary>The primary packet of its own datagram.</summary>
    Primary,

    /// <summary>A secondary (redundant) copy in a later datagram.</summary>
    Secondary,

    /// <summary>
    /// Rebuilt from FEC parity: the octets run to the longest packet the parity covered, so they may end in zero
    /// padding; parse them with <c>IfpPacket.TryParsePrefix</c>.
    /// </summary>
    FecParity,
}

/// <summary>One IFP packet from a <see cref="UdptlReceiver"/>, in sequence order.</summary>
public readonly record struct UdptlDelivery(ushort SequenceNumber, ReadOnlyMemory<byte> Ifp, UdptlDeliverySource Source);
