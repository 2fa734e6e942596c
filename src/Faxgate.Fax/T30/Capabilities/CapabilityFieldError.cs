namespace Faxgate.Fax.T30.Capabilities;

/// <summary>Why a DIS, DTC or DCS FIF was refused.</summary>
public enum CapabilityFieldError
{
    None,

    /// <summary>Fewer than the 3 octets of bits 1 to 24.</summary>
    TooShort,

    /// <summary>The extend bits chain past <see cref="CapabilityBits.MaxOctets"/> octets.</summary>
    TooLong,

    /// <summary>DCS bits 11-14 hold a code point T.30 marks reserved, invalid or not used (V.33 among them).</summary>
    UnknownSignallingRate,

    /// <summary>DCS selects T.6 coding (bit 31) without ECM (bit 27); T.30 allows T.6 only with ECM.</summary>
    T6WithoutEcm,
}
