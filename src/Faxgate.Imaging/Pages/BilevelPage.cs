namespace Faxgate.Imaging.Pages;

/// <summary>
/// One fax page: a bilevel bitmap, one bit per pixel, rows packed most significant bit first,
/// 1 = black (the fax and TIFF WhiteIsZero convention). Bits past <see cref="Width"/> in each
/// row are always zero, so two pages with the same picture compare equal byte for byte.
/// A page may carry the coded form it was received or read in (<see cref="Coded"/>), so that
/// writers can embed it without re-encoding, and the line quality measured while decoding it.
/// </summary>
public sealed class BilevelPage
{
    /// <summary>Largest width accepted anywhere in the image core (A3 at 600 dpi is 7,016).</summary>
    public const int MaxWidth = 16384;

    private readonly byte[] _pixels;

    /// <summary>Creates a page over <paramref name="pixels"/>, which the page takes over (no copy).</summary>
    public BilevelPage(int width, int height, PageResolution resolution, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (width is < 1 or > MaxWidth)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, $"width must be 1..{MaxWidth}");
        }

        if (height < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(height), height, "height must be at least 1");
        }

        if (!resolution.IsValid)
        {
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "resolution must be positive");
        }

        int stride = StrideFor(width);
        if ((long)stride * height != pixels.Length)
        {
            throw new ArgumentException($"pixel buffer is {pixels.Length} bytes, expected {(long)stride * height}", nameof(pixels));
        }

        Width = width;
        Height = height;
        Stride = stride;
        Resolution = resolution;
        _pixels = pixels;
        ClearPadding();
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Bytes per row: (Width + 7) / 8.</summary>
    public int Stride { get; }

    public PageResolution Resolution { get; }

    /// <summary>The coded data this page was decoded from, when it decoded without a single error.</summary>
    public CodedPage? Coded { get; init; }

    /// <summary>Line quality found while decoding; null for pages drawn or rendered locally.</summary>
    public LineQuality? Quality { get; init; }

    /// <summary>Free text describing the page (TIFF ImageDescription).</summary>
    public string? Description { get; init; }

    public ReadOnlySpan<byte> Pixels => _pixels;

    public static int StrideFor(int width) => (width + 7) >> 3;

    public static BilevelPage Blank(int width, int height, PageResolution resolution) =>
        new(width, height, resolution, new byte[(long)StrideFor(width) * height]);

    public ReadOnlySpan<byte> Row(int y)
    {
        if ((uint)y >= (uint)Height)
        {
            throw new ArgumentOutOfRangeException(nameof(y));
        }

        return new ReadOnlySpan<byte>(_pixels, y * Stride, Stride);
    }

    public bool IsBlack(int x, int y)
    {
        if ((uint)x >= (uint)Width)
        {
            throw new ArgumentOutOfRangeException(nameof(x));
        }

        return (Row(y)[x >> 3] & (0x80 >> (x & 7))) != 0;
    }

    /// <summary>True when both pages have the same size and the same pixels (resolution and metadata aside).</summary>
    public bool SamePixels(BilevelPage other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Width == other.Width && Height == other.Height && Pixels.SequenceEqual(other.Pixels);
    }

    /// <summary>
    /// The same pixels with other metadata; the pixel buffer is shared, not copied. The coded
    /// form stays (it does not depend on the resolution) unless another is given.
    /// </summary>
    public BilevelPage With(PageResolution? resolution = null, CodedPage? coded = null, string? description = null) =>
        new(Width, Height, resolution ?? Resolution, _pixels)
        {
            Coded = coded ?? Coded,
            Quality = Quality,
            Description = description ?? Description,
        };

    /// <summary>Drops the coded form, keeping pixels and metadata.</summary>
    public BilevelPage WithoutCoded() =>
        new(Width, Height, Resolution, _pixels) { Quality = Quality, Description = Description };

    /// <summary>A copy of the pixels in the top-down, one-bit, 1 = black layout of a PBM (P4) raster.</summary>
    public byte[] ToArray() => _pixels.AsSpan().ToArray();

    private void ClearPadding()
    {
        int spare = (Stride * 8) - Width;
        if (spare == 0)
        {
            return;
        }

        byte mask = (byte)(0xFF << spare);
        Span<byte> pixels = _pixels;
        for (int i = Stride - 1; i < pixels.Length; i += Stride)
        {
            pixels[i] &= mask;
        }
    }
}
