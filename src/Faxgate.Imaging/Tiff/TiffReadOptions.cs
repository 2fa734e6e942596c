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

    /// <summary>Most entries in one image file directory.</summary>
    public int MaxDirectoryEntries { get; init; } = 1024;

    public static TiffReadOptions Default { get; } = new();
}
