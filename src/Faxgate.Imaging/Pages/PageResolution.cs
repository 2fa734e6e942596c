namespace Faxgate.Imaging.Pages;

/// <summary>
/// Horizontal and vertical resolution of a page in dots per inch.
/// Fax resolutions are metric (8 pels/mm by 3.85, 7.7 or 15.4 lines/mm, ITU-T T.30 Table 2);
/// the presets use the inch values that fax TIFFs conventionally record (204 x 98/196/391).
/// </summary>
public readonly record struct PageResolution(double X, double Y)
{
    /// <summary>R8 x 3.85 lines/mm, "normal" fax resolution.</summary>
    public static PageResolution Standard { get; } = new(204, 98);

    /// <summary>R8 x 7.7 lines/mm.</summary>
    public static PageResolution Fine { get; } = new(204, 196);

    /// <summary>R8 x 15.4 lines/mm.</summary>
    public static PageResolution Superfine { get; } = new(204, 391);

    /// <summary>R16 x 15.4 lines/mm.</summary>
    public static PageResolution UltraFine { get; } = new(408, 391);

    public static PageResolution Dpi200 { get; } = new(200, 200);

    public static PageResolution Dpi300 { get; } = new(300, 300);

    public static PageResolution Dpi400 { get; } = new(400, 400);

    public bool IsValid => X > 0 && Y > 0 && double.IsFinite(X) && double.IsFinite(Y);

    public override string ToString() => $"{X:0.##}x{Y:0.##}";
}
