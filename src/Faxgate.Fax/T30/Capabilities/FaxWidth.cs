namespace Faxgate.Fax.T30.Capabilities;

/// <summary>
/// The scan line lengths of T.4 2.2 (bits 17-18): 215, 255 and 303 mm. In a DIS/DTC the widest one says which the
/// receiver takes (A3 means all three); in a DCS it is the page's.
/// </summary>
public enum FaxWidth
{
    /// <summary>215 mm: 1728 pels at 8 pels/mm.</summary>
    A4,

    /// <summary>255 mm: 2048 pels at 8 pels/mm.</summary>
    B4,

    /// <summary>303 mm: 2432 pels at 8 pels/mm.</summary>
    A3,
}

public static class FaxWidths
{
    /// <summary>Nominal scan line length in millimetres.</summary>
    public static int Millimetres(this FaxWidth width) => width switch
    {
        FaxWidth.A4 => 215,
        FaxWidth.B4 => 255,
        FaxWidth.A3 => 303,
        _ => throw new ArgumentOutOfRangeException(nameof(width)),
    };

    /// <summary>
    /// Pels per scan line at the resolution (T.4 Table 1 and its higher-resolution rows): 1728/2048/2432 at R8 and
    /// 200 dpi, 2592/3072/3648 at 300 dpi, 3456/4096/4864 at R16 and 400 dpi.
    /// </summary>
    public static int Pixels(this FaxWidth width, FaxResolution resolution)
    {
        int r8 = width switch
        {
            FaxWidth.A4 => 1728,
            FaxWidth.B4 => 2048,
            FaxWidth.A3 => 2432,
            _ => throw new ArgumentOutOfRangeException(nameof(width)),
        };
        return resolution switch
        {
            FaxResolution.Dpi300x300 => r8 * 3 / 2,
            FaxResolution.UltraFine or FaxResolution.Dpi400x400 => r8 * 2,
            _ => r8,
        };
    }

    /// <summary>Whether a receiver that takes up to <paramref name="widest"/> takes <paramref name="width"/>.</summary>
    public static bool Includes(this FaxWidth widest, FaxWidth width) => width <= widest;
}
