namespace Faxgate.Fax.T30.Capabilities;

/// <summary>
/// A receiver's minimum scan line time, DIS/DTC bits 21-23: the time at 3.85 lines/mm, and whether the time at
/// 7.7 lines/mm is the same or half of it. The values are the field's code (bit 21 the least significant).
/// Bit 46 says separately whether 15.4 lines/mm halves the 7.7 time again.
/// </summary>
public enum ScanLineTimeCapability
{
    /// <summary>20 ms; T7.7 = T3.85 (code 000).</summary>
    Ms20 = 0,

    /// <summary>5 ms; T7.7 = T3.85 (bit 21).</summary>
    Ms5 = 1,

    /// <summary>10 ms; T7.7 = T3.85 (bit 22).</summary>
    Ms10 = 2,

    /// <summary>20 ms; T7.7 = T3.85 / 2 (bits 21, 22).</summary>
    Ms20FineHalved = 3,

    /// <summary>40 ms; T7.7 = T3.85 (bit 23).</summary>
    Ms40 = 4,

    /// <summary>40 ms; T7.7 = T3.85 / 2 (bits 21, 23).</summary>
    Ms40FineHalved = 5,

    /// <summary>10 ms; T7.7 = T3.85 / 2 (bits 22, 23).</summary>
    Ms10FineHalved = 6,

    /// <summary>0 ms (all three bits).</summary>
    Ms0 = 7,
}
