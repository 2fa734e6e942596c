using System.IO.Compression;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;

namespace Faxgate.Imaging.Tiff;

/// <summary>
/// Reads the pages of a bilevel TIFF: CCITT MH (compression 2 and 3), MR (3) and MMR (4),
/// uncompressed, PackBits, LZW and Deflate, either FillOrder, WhiteIsZero, BlackIsZero or a
/// two-colour palette, in strips of any size. Line errors in CCITT data are concealed as a fax
/// machine would and reported in each page's <see cref="BilevelPage.Quality"/>; anything that
/// leaves no usable page is an <see cref="ImageFormatException"/>.
/// </summary>
public static class TiffReader
{
    /// <summary>Whether the data starts like a TIFF file (either byte order, classic or BigTIFF).</summary>
    public static bool LooksLikeTiff(ReadOnlySpan<byte> header) =>
        header.Length >= 4
        && ((header[0] == 'I' && header[1] == 'I' && header[3] == 0 && header[2] is 42 or 43)
            || (header[0] == 'M' && header[1] == 'M' && header[2] == 0 && header[3] is 42 or 43));

    public static FaxDocument Read(string path, TiffReadOptions? options = null)
    {
        options ??= TiffReadOptions.Default;
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"{path}: no such file", path);
        }

        if (info.Length > options.MaxFileBytes)
        {
            throw new ImageFormatException($"the file is {info.Length} bytes, more than the limit of {options.MaxFileBytes}");
        }

        return Read(File.ReadAllBytes(path), options);
    }

    public static FaxDocument Read(byte[] file, TiffReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        options ??= TiffReadOptions.Default;
        if (file.Length > options.MaxFileBytes)
        {
            throw new ImageFormatException($"the file is {file.Length} bytes, more than the limit of {options.MaxFileBytes}");
        }

        if (file.Length < 8 || !LooksLikeTiff(file))
        {
            throw new ImageFormatException("not a TIFF file", 0);
        }

        bool bigEndian = file[0] == 'M';
        if (TiffDirectory.ReadUInt16(file, 2, bigEndian) == 43)
        {
            throw new ImageFormatException("BigTIFF files are not supported", 2);
        }

        var warnings = new List<string>();
        var pages = new List<BilevelPage>();
        var visited = new HashSet<long>();
        long pixelBytes = 0;
        long next = TiffDirectory.ReadUInt32(file, 4, bigEndian);
        while (next != 0)
        {
            if (!visited.Add(next))
            {
                warnings.Add($"the directory chain loops back to offset {next}; reading stopped after {pages.Count} page(s)");
                break;
            }

            if (visited.Count > options.MaxPages)
            {
                throw new ImageFormatException($"the file has more than the limit of {options.MaxPages} pages");
            }

            TiffDirectory ifd;
            try
            {
                ifd = TiffDirectory.Parse(file, bigEndian, next, options);
            }
            catch (ImageFormatException e) when (pages.Count > 0)
            {
                warnings.Add($"directory after page {pages.Count} is unreadable ({e.Message}); reading stopped");
                break;
            }

            next = ifd.NextOffset;
            long subfileType = ifd.Integer(TiffTag.NewSubfileType) ?? 0;
            if ((subfileType & 0b101) != 0)
            {
                warnings.Add($"directory at offset {ifd.Offset} is a thumbnail or mask, not a page; skipped");
                continue;
            }

            TiffPageLayout layout = TiffPageLayout.FromDirectory(ifd, file.Length, options, warnings, pages.Count);
            pixelBytes += (long)BilevelPage.StrideFor(layout.Width) * layout.Height;
            if (pixelBytes > options.MaxPixelBytes)
            {
                throw new ImageFormatException($"the pages would take more than the limit of {options.MaxPixelBytes >> 20} MiB of pixels", ifd.Offset);
            }

            pages.Add(DecodePage(file, layout, warnings, pages.Count));
        }

        if (pages.Count == 0)
        {
            throw new ImageFormatException("the file holds no page");
        }

        return new FaxDocument(pages, warnings);
    }

    private static BilevelPage DecodePage(byte[] file, TiffPageLayout layout, List<string> warnings, int index)
    {
        BilevelPage page = layout.Scheme is { } scheme
            ? DecodeCcitt(file, layout, scheme)
            : DecodeRaw(file, layout, warnings, index);
        if (page.Quality is { IsClean: false } quality)
        {
            warnings.Add($"page {index + 1}: {quality.BadLines} bad line(s){(quality.Truncated ? ", incomplete" : string.Empty)}: {quality.Error}");
        }

        return page;
    }

    private static BilevelPage DecodeCcitt(byte[] file, TiffPageLayout layout, CodingScheme scheme)
    {
        bool byteAligned = layout.Compression == TiffCompression.CcittRle;
        bool keepsMeaning = layout.Photometric == 0 || (layout.Photometric == 3 && layout.PaletteBlack is [false, true]);
        if (layout.StripOffsets.Length == 1)
        {
            ArraySegment<byte> strip = Strip(file, layout, 0);
            byte[] data = strip.Count == strip.Array!.Length ? strip.Array : strip.ToArray();
            var options = new DecoderOptions { Height = layout.Height, ByteAlignedLines = byteAligned };
            BilevelPage single = keepsMeaning
                ? PageDecoder.DecodeKeepingCoded(data, scheme, layout.Width, layout.Resolution, options)
                : PageDecoder.Decode(data, scheme, layout.Width, layout.Resolution, options);
            return keepsMeaning ? single.With(description: layout.Description) : Recolour(single, layout);
        }

        // Every strip is coded on its own; the page is their rows one after the other.
        int stride = BilevelPage.StrideFor(layout.Width);
        var pixels = new byte[(long)stride * layout.Height];
        int bad = 0;
        int longest = 0;
        bool truncated = false;
        string? error = null;
        for (int strip = 0; strip < layout.StripOffsets.Length; strip++)
        {
            int firstRow = strip * layout.RowsPerStrip;
            int rows = Math.Min(layout.RowsPerStrip, layout.Height - firstRow);
            var options = new DecoderOptions { Height = rows, ByteAlignedLines = byteAligned };
            BilevelPage part = PageDecoder.Decode(Strip(file, layout, strip), scheme, layout.Width, layout.Resolution, options);
            part.Pixels.CopyTo(pixels.AsSpan(firstRow * stride));
            LineQuality q = part.Quality!;
            bad += q.BadLines;
            longest = Math.Max(longest, q.LongestBadRun);
            truncated |= q.Truncated;
            error ??= q.Error is null ? null : $"strip {strip}: {q.Error}";
        }

        var page = new BilevelPage(layout.Width, layout.Height, layout.Resolution, pixels)
        {
            Quality = new LineQuality(layout.Height, bad, longest, truncated, error),
            Description = layout.Description,
        };
        return keepsMeaning ? page : Recolour(page, layout);
    }

    private static BilevelPage DecodeRaw(byte[] file, TiffPageLayout layout, List<string> warnings, int index)
    {
        int stride = BilevelPage.StrideFor(layout.Width);
        var pixels = new byte[(long)stride * layout.Height];
        bool complete = true;
        for (int strip = 0; strip < layout.StripOffsets.Length; strip++)
        {
            int firstRow = strip * layout.RowsPerStrip;
            int rows = Math.Min(layout.RowsPerStrip, layout.Height - firstRow);
            Span<byte> target = pixels.AsSpan(firstRow * stride, rows * stride);
            ArraySegment<byte> input = Strip(file, layout, strip);
            int produced = layout.Compression switch
            {
                TiffCompression.None => CopyRaw(input, target),
                TiffCompression.PackBits => PackBits.Decode(input, target),
                TiffCompression.Lzw => Lzw.Decode(input, target),
                _ => Inflate(input, target),
            };
            complete &= produced == target.Length;
        }

        if (!complete)
        {
            warnings.Add($"page {index + 1}: the image data ends before the last row; the rest is white");
        }

        var page = new BilevelPage(layout.Width, layout.Height, layout.Resolution, pixels) { Description = layout.Description };
        return Recolour(page, layout);
    }

    /// <summary>
    /// A strip's bytes as the decompressor takes them: the stored bytes where they are, or, for
    /// FillOrder 2, a copy with the bits of every byte reversed, compressed or not (as libtiff
    /// writes and reads them).
    /// </summary>
    private static ArraySegment<byte> Strip(byte[] file, TiffPageLayout layout, int strip)
    {
        var stored = new ArraySegment<byte>(file, (int)layout.StripOffsets[strip], (int)layout.StripByteCounts[strip]);
        return layout.LsbFirst ? BitOrder.ReversedCopy(stored) : stored;
    }

    private static int CopyRaw(ReadOnlySpan<byte> input, Span<byte> target)
    {
        int n = Math.Min(input.Length, target.Length);
        input[..n].CopyTo(target);
        return n;
    }

    private static int Inflate(ArraySegment<byte> input, Span<byte> target)
    {
        int total = 0;
        try
        {
            using var stream = new ZLibStream(new MemoryStream(input.Array!, input.Offset, input.Count, writable: false), CompressionMode.Decompress);
            while (total < target.Length)
            {
                int n = stream.Read(target[total..]);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // Broken Deflate data (the decompressor may also complain when it is closed): keep what decoded;
            // the caller reports an incomplete page.
        }

        return total;
    }

    /// <summary>Turns pixel values into Faxgate's 1 = black according to the photometric interpretation.</summary>
    private static BilevelPage Recolour(BilevelPage page, TiffPageLayout layout)
    {
        bool invert = layout.Photometric switch
        {
            1 => true,
            3 => layout.PaletteBlack[0],
            _ => false,
        };
        bool uniform = layout.Photometric == 3 && layout.PaletteBlack[0] == layout.PaletteBlack[1];
        if (!invert && !uniform)
        {
            return page;
        }

        byte[] pixels = page.ToArray();
        if (uniform)
        {
            Array.Fill(pixels, layout.PaletteBlack[0] ? (byte)0xFF : (byte)0);
        }
        else
        {
            for (int i = 0; i < pixels.Length; i++)
            {
                pixels[i] = (byte)~pixels[i];
            }
        }

        return new BilevelPage(page.Width, page.Height, page.Resolution, pixels) { Quality = page.Quality, Description = page.Description };
    }
}
