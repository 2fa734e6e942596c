namespace Faxgate.Imaging.Tiff;

/// <summary>Limits the TIFF reader keeps to, checked before anything is allocated.</summary>
public sealed record TiffReadOptions
{
    /// <summary>Largest file accepted.</summary>
    public long MaxFileBytes { get; init; } = 256L << 20;

    /// <summary>Most pages read from one file.</summary>
    public int MaxPages { get; init; } = 1000;

    /// <summary>Most rows in one page (A3 at 600 dpi has 9,921).</summary>
    public int MaxHeight { get; init; } = 32768;

    /// <summary>
    /// Most bytes of decoded pixels for the whole document (a page of A4 at fine resolution takes
    /// 0.5 MB), so that a small hostile file cannot claim memory without bound.
    /// </summary>
    public long MaxPixelBytes { get; init; } = 512L << 20;

    /// <summary>Most entries in one image file directory.</summary>
    public int MaxDirectoryEntries { get; init; } = 1024;

    public static TiffReadOptions Default { get; } = new();
}
