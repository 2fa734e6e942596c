namespace Faxgate.Fax.T30.Capabilities;

/// <summary>
/// Recording lengths (bits 19-20). In a DIS/DTC the longest the receiver takes (B4 means A4 and B4); in a DCS the
/// page's.
/// </summary>
public enum FaxLength
{
    /// <summary>297 mm.</summary>
    A4,

    /// <summary>364 mm.</summary>
    B4,

    /// <summary>No limit.</summary>
    Unlimited,
}

public static class FaxLengths
{
    /// <summary>The length in millimetres, null for unlimited.</summary>
    public static int? Millimetres(this FaxLength length) => length switch
    {
        FaxLength.A4 => 297,
        FaxLength.B4 => 364,
        FaxLength.Unlimited => null,
        _ => throw new ArgumentOutOfRangeException(nameof(length)),
    };
}
