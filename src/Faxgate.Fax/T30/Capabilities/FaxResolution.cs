using Faxgate.Imaging.Pages;

namespace Faxgate.Fax.T30.Capabilities;

/// <summary>
/// The resolutions T.30 can select in a DCS for a bilevel page: the metric ones (8 or 16 pels/mm by 3.85, 7.7 or
/// 15.4 lines/mm) and the inch-based ones (pels and lines per 25.4 mm). A metric resolution and its inch twin share
/// the DIS bit that offers them; DCS bit 44 says which one the page is in.
/// </summary>
public enum FaxResolution
{
    /// <summary>R8 x 3.85 lines/mm.</summary>
    Standard,

    /// <summary>R8 x 7.7 lines/mm (bit 15).</summary>
    Fine,

    /// <summary>R8 x 15.4 lines/mm (bit 41).</summary>
    Superfine,

    /// <summary>R16 x 15.4 lines/mm (bit 43).</summary>
    UltraFine,

    /// <summary>200 x 100 pels/25.4 mm (no resolution bit, bit 44 in DCS).</summary>
    Dpi200x100,

    /// <summary>200 x 200 pels/25.4 mm (bit 15).</summary>
    Dpi200x200,

    /// <summary>200 x 400 pels/25.4 mm (bit 41).</summary>
    Dpi200x400,

    /// <summary>300 x 300 pels/25.4 mm (bit 42).</summary>
    Dpi300x300,

    /// <summary>400 x 400 pels/25.4 mm (bit 43).</summary>
    Dpi400x400,
}

/// <summary>Which DIS/DTC resolution bits a station sets, as flags (T.30 Table 2). Standard needs none.</summary>
[Flags]
public enum ResolutionSupport
{
    None = 0,

    /// <summary>Bit 15: R8 x 7.7 lines/mm and 200 x 200.</summary>
    Fine = 1,

    /// <summary>Bit 41: R8 x 15.4 lines/mm and 200 x 400.</summary>
    Superfine = 2,

    /// <summary>Bit 42: 300 x 300.</summary>
    Dpi300 = 4,

    /// <summary>Bit 43: R16 x 15.4 lines/mm and 400 x 400.</summary>
    UltraFine = 8,

    All = Fine | Superfine | Dpi300 | UltraFine,
}

/// <summary>How densely lines are scanned, which is what the minimum scan line time depends on.</summary>
public enum LineDensity
{
    /// <summary>3.85 lines/mm or 100 lines/25.4 mm.</summary>
    Normal,

    /// <summary>7.7 lines/mm, 200 or 300 lines/25.4 mm.</summary>
    Fine,

    /// <summary>15.4 lines/mm or 400 lines/25.4 mm.</summary>
    Superfine,
}

public static class FaxResolutions
{
    /// <summary>How far (relatively, on each axis) a page's resolution may be from a fax resolution and still be taken as it.</summary>
    public const double Tolerance = 0.05;

    private static readonly FaxResolution[] All = Enum.GetValues<FaxResolution>();

    /// <summary>Whether the resolution is one of the inch-based ones (DCS bit 44 set).</summary>
    public static bool IsInchBased(this FaxResolution resolution) => resolution >= FaxResolution.Dpi200x100;

    /// <summary>The page resolution in dots per inch; the metric ones as fax TIFFs record them (204 x 98/196/391, 408 x 391).</summary>
    public static PageResolution ToPageResolution(this FaxResolution resolution) => resolution switch
    {
        FaxResolution.Standard => PageResolution.Standard,
        FaxResolution.Fine => PageResolution.Fine,
        FaxResolution.Superfine => PageResolution.Superfine,
        FaxResolution.UltraFine => PageResolution.UltraFine,
        FaxResolution.Dpi200x100 => new PageResolution(200, 100),
        FaxResolution.Dpi200x200 => PageResolution.Dpi200,
        FaxResolution.Dpi200x400 => new PageResolution(200, 400),
        FaxResolution.Dpi300x300 => PageResolution.Dpi300,
        FaxResolution.Dpi400x400 => PageResolution.Dpi400,
        _ => throw new ArgumentOutOfRangeException(nameof(resolution)),
    };

    /// <summary>
    /// The fax resolution nearest to <paramref name="page"/>, if it is within <see cref="Tolerance"/> on both axes
    /// (8 pels/mm is 203.2 dpi; 204 and 200 both pass for it).
    /// </summary>
    public static bool TryFromPageResolution(PageResolution page, out FaxResolution resolution)
    {
        resolution = FaxResolution.Standard;
        if (!page.IsValid)
        {
            return false;
        }

        double best = double.MaxValue;
        foreach (FaxResolution candidate in All)
        {
            PageResolution r = candidate.ToPageResolution();
            double dx = Math.Abs(Math.Log(page.X / r.X));
            double dy = Math.Abs(Math.Log(page.Y / r.Y));
            if (dx > Math.Log(1 + Tolerance) || dy > Math.Log(1 + Tolerance))
            {
                continue;
            }

            double distance = (dx * dx) + (dy * dy);
            if (distance < best)
            {
                best = distance;
                resolution = candidate;
            }
        }

        return best < double.MaxValue;
    }

    /// <summary>The DIS/DTC bit a receiver must set to accept the resolution (None for the normal ones).</summary>
    public static ResolutionSupport RequiredSupport(this FaxResolution resolution) => resolution switch
    {
        FaxResolution.Standard or FaxResolution.Dpi200x100 => ResolutionSupport.None,
        FaxResolution.Fine or FaxResolution.Dpi200x200 => ResolutionSupport.Fine,
        FaxResolution.Superfine or FaxResolution.Dpi200x400 => ResolutionSupport.Superfine,
        FaxResolution.Dpi300x300 => ResolutionSupport.Dpi300,
        FaxResolution.UltraFine or FaxResolution.Dpi400x400 => ResolutionSupport.UltraFine,
        _ => throw new ArgumentOutOfRangeException(nameof(resolution)),
    };

    /// <summary>The line density, for the minimum scan line time rule. 300 lines/25.4 mm counts as fine.</summary>
    public static LineDensity Density(this FaxResolution resolution) => resolution switch
    {
        FaxResolution.Standard or FaxResolution.Dpi200x100 => LineDensity.Normal,
        FaxResolution.Fine or FaxResolution.Dpi200x200 or FaxResolution.Dpi300x300 => LineDensity.Fine,
        FaxResolution.Superfine or FaxResolution.Dpi200x400 or FaxResolution.UltraFine or FaxResolution.Dpi400x400
            => LineDensity.Superfine,
        _ => throw new ArgumentOutOfRangeException(nameof(resolution)),
    };
}
