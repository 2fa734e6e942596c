using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;

namespace Faxgate.Imaging.Tiff;

/// <summary>
/// A TIFF page as Faxgate understands it: a bilevel image in strips, with everything checked
/// that the pixel decoder relies on. Built from an image file directory or refused with an
/// <see cref="ImageFormatException"/> that names the problem.
/// </summary>
internal sealed record TiffPageLayout
{
    public required int Width { get; init; }

    public required int Height { get; init; }

    public required int Compression { get; init; }

    /// <summary>0 WhiteIsZero, 1 BlackIsZero, 3 Palette (two entries).</summary>
    public required int Photometric { get; init; }

    /// <summary>For a palette image: whether colour index 0 and 1 are black.</summary>
    public bool[] PaletteBlack { get; init; } = [false, true];

    /// <summary>FillOrder 2: the least significant bit of each byte comes first.</summary>
    public required bool LsbFirst { get; init; }

    public required int RowsPerStrip { get; init; }

    public required long[] StripOffsets { get; init; }

    public required long[] StripByteCounts { get; init; }

    /// <summary>T4Options bit 0: two-dimensional coding (MR).</summary>
    public required bool TwoDimensional { get; init; }

    public required PageResolution Resolution { get; init; }

    public string? Description { get; init; }

    public CodingScheme? Scheme => Compression switch
    {
        TiffCompression.CcittRle => CodingScheme.Mh,
        TiffCompression.CcittT4 => TwoDimensional ? CodingScheme.Mr : CodingScheme.Mh,
        TiffCompression.CcittT6 => CodingScheme.Mmr,
        _ => null,
    };

    public static TiffPageLayout FromDirectory(TiffDirectory ifd, long fileLength, TiffReadOptions options, List<string> warnings, int pageIndex)
    {
        long offset = ifd.Offset;
        long width = ifd.Integer(TiffTag.ImageWidth) ?? throw new ImageFormatException("ImageWidth is missing", offset);
        long height = ifd.Integer(TiffTag.ImageLength) ?? throw new ImageFormatException("ImageLength is missing", offset);
        if (width < 1 || width > BilevelPage.MaxWidth)
        {
            throw new ImageFormatException($"image width {width} is outside 1..{BilevelPage.MaxWidth}", offset);
        }

        if (height < 1 || height > options.MaxHeight)
        {
            throw new ImageFormatException($"image length {height} is outside 1..{options.MaxHeight}", offset);
        }

        long samples = ifd.Integer(TiffTag.SamplesPerPixel) ?? 1;
        long[] bits = ifd.Integers(TiffTag.BitsPerSample, 16) ?? [1];
        if (samples != 1 || bits.Length == 0 || bits.Any(b => b != 1))
        {
            throw new ImageFormatException(
                $"not a bilevel image: {samples} sample(s) per pixel of {string.Join('/', bits)} bit(s); colour and grayscale pages are rendered for fax elsewhere",
                offset);
        }

        if (ifd.Has(TiffTag.TileWidth) || ifd.Has(TiffTag.TileLength))
        {
            throw new ImageFormatException("tiled TIFF images are not supported; fax images are stored in strips", offset);
        }

        int compression = (int)(ifd.Integer(TiffTag.Compression) ?? TiffCompression.None);
        if (compression is not (TiffCompression.None or TiffCompression.CcittRle or TiffCompression.CcittT4 or TiffCompression.CcittT6
            or TiffCompression.Lzw or TiffCompression.Deflate or TiffCompression.DeflateLegacy or TiffCompression.PackBits))
        {
            throw new ImageFormatException($"compression {compression} is not supported for bilevel images", offset);
        }

        long t4 = ifd.Integer(TiffTag.T4Options) ?? 0;
        long t6 = ifd.Integer(TiffTag.T6Options) ?? 0;
        if ((compression == TiffCompression.CcittT4 && (t4 & 2) != 0) || (compression == TiffCompression.CcittT6 && (t6 & 2) != 0))
        {
            throw new ImageFormatException("CCITT uncompressed mode is not supported", offset);
        }

        if (compression == TiffCompression.Lzw && (ifd.Integer(TiffTag.Predictor) ?? 1) != 1)
        {
            throw new ImageFormatException("an LZW predictor on a bilevel image is not supported", offset);
        }

        int photometric = (int)(ifd.Integer(TiffTag.PhotometricInterpretation) ?? 0);
        bool[] paletteBlack = [false, true];
        if (photometric == 3)
        {
            paletteBlack = PaletteToBlack(ifd, offset);
        }
        else if (photometric is not (0 or 1))
        {
            throw new ImageFormatException($"not a bilevel image: photometric interpretation {photometric}", offset);
        }

        long fillOrder = ifd.Integer(TiffTag.FillOrder) ?? 1;
        long rowsPerStrip = ifd.Integer(TiffTag.RowsPerStrip) ?? height;
        if (rowsPerStrip <= 0 || rowsPerStrip > height)
        {
            rowsPerStrip = height;
        }

        long strips = (height + rowsPerStrip - 1) / rowsPerStrip;
        long[] offsets = ifd.Integers(TiffTag.StripOffsets, strips)
            ?? throw new ImageFormatException("StripOffsets is missing", offset);
        if (offsets.Length != strips)
        {
            throw new ImageFormatException($"{offsets.Length} strips where the image needs {strips}", offset);
        }

        long[] counts = ifd.Integers(TiffTag.StripByteCounts, strips) ?? [];
        counts = RepairByteCounts(counts, offsets, fileLength, compression, width, rowsPerStrip, height, warnings, pageIndex);
        for (int i = 0; i < offsets.Length; i++)
        {
            if (offsets[i] < 0 || offsets[i] + counts[i] > fileLength)
            {
                throw new ImageFormatException($"strip {i} lies outside the file", offset);
            }
        }

        return new TiffPageLayout
        {
            Width = (int)width,
            Height = (int)height,
            Compression = compression,
            Photometric = photometric,
            PaletteBlack = paletteBlack,
            LsbFirst = fillOrder == 2,
            RowsPerStrip = (int)rowsPerStrip,
            StripOffsets = offsets,
            StripByteCounts = counts,
            TwoDimensional = (t4 & 1) != 0,
            Resolution = ResolutionOf(ifd, (int)width, warnings, pageIndex),
            Description = ifd.Text(TiffTag.ImageDescription, 4096),
        };
    }

    private static long[] RepairByteCounts(long[] counts, long[] offsets, long fileLength, int compression, long width, long rowsPerStrip, long height, List<string> warnings, int page)
    {
        if (counts.Length == offsets.Length && counts.All(c => c > 0))
        {
            return counts;
        }

        // Missing or zero byte counts: uncompressed strips have a known size; otherwise a strip
        // runs to the next strip's start or to the end of the file.
        warnings.Add($"page {page + 1}: StripByteCounts missing or zero; strip sizes estimated");
        var repaired = new long[offsets.Length];
        long stride = (width + 7) / 8;
        long[] sorted = [.. offsets.Order()];
        for (int i = 0; i < offsets.Length; i++)
        {
            long rows = Math.Min(rowsPerStrip, height - (i * rowsPerStrip));
            int at = Array.BinarySearch(sorted, offsets[i] + 1);
            at = at < 0 ? ~at : at;
            long next = at < sorted.Length ? sorted[at] : fileLength;
            long estimate = compression == TiffCompression.None ? rows * stride : next - offsets[i];
            repaired[i] = Math.Clamp(estimate, 0, Math.Max(0, fileLength - offsets[i]));
        }

        return repaired;
    }

    private static bool[] PaletteToBlack(TiffDirectory ifd, long offset)
    {
        long[] map = ifd.Integers(TiffTag.ColorMap, 6) ?? throw new ImageFormatException("palette image without a ColorMap", offset);
        if (map.Length != 6)
        {
            throw new ImageFormatException($"a bilevel palette needs 6 ColorMap values, not {map.Length}", offset);
        }

        // ColorMap holds all red values, then all green, then all blue (0..65535).
        bool Dark(int index) => (0.299 * map[index]) + (0.587 * map[2 + index]) + (0.114 * map[4 + index]) < 32768;
        return [Dark(0), Dark(1)];
    }

    private static PageResolution ResolutionOf(TiffDirectory ifd, int width, List<string> warnings, int page)
    {
        double? x = ifd.Number(TiffTag.XResolution);
        double? y = ifd.Number(TiffTag.YResolution);
        long unit = ifd.Integer(TiffTag.ResolutionUnit) ?? 2;
        double scale = unit == 3 ? 2.54 : 1;
        x = x is > 0 and < 100_000 ? x * scale : null;
        y = y is > 0 and < 100_000 ? y * scale : null;
        if (x is null || y is null || x < 10 || y < 10)
        {
            // No usable resolution: fax widths tell the horizontal one, and pixels are taken as square.
            double guess = width switch
            {
                1728 or 2048 or 2432 => 204,
                2592 or 3072 or 3648 => 300,
                3456 or 4096 or 4864 => 408,
                _ => 200,
            };
            double gx = x is >= 10 ? x.Value : guess;
            double gy = y is >= 10 ? y.Value : gx;
            warnings.Add($"page {page + 1}: no usable resolution in the file; taken as {gx:0.##}x{gy:0.##} dpi");
            return new PageResolution(gx, gy);
        }

        return new PageResolution(x.Value, y.Value);
    }
}
