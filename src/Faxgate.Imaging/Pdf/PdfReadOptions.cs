namespace Faxgate.Imaging.Pdf;

/// <summary>Limits the PDF reader keeps to, so that a small hostile file cannot claim time or memory without bound.</summary>
public sealed record PdfReadOptions
{
    /// <summary>Largest file accepted.</summary>
    public long MaxFileBytes { get; init; } = 256L << 20;

    /// <summary>Most objects the cross-reference sections may list.</summary>
    public int MaxObjects { get; init; } = 1_000_000;

    /// <summary>Most pages read from one file.</summary>
    public int MaxPages { get; init; } = 1000;

    /// <summary>Deepest nesting of arrays and dictionaries, of the page tree, and of form XObjects.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>Most bytes one stream may decode to (a content stream, an object stream, an image's data).</summary>
    public int MaxStreamBytes { get; init; } = 64 << 20;

    /// <summary>Most bytes of decoded pixels for the whole document (A4 at fine resolution takes 0.5 MB a page).</summary>
    public long MaxPixelBytes { get; init; } = 512L << 20;

    /// <summary>Most rows in one page's image.</summary>
    public int MaxHeight { get; init; } = 32768;

    public static PdfReadOptions Default { get; } = new();
}
