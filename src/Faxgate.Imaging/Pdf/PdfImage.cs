using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;

namespace Faxgate.Imaging.Pdf;

/// <summary>
/// A bilevel image XObject (PDF 1.7, 8.9.5): one bit per pixel in DeviceGray, CalGray, a
/// one-component ICCBased space, a two-colour Indexed space, or an ImageMask; coded with
/// CCITTFaxDecode (after any general filters) or not coded at all. Anything else is not a
/// bilevel image, which <see cref="From"/> says so that the caller can render the page instead.
/// </summary>
internal sealed class PdfImage
{
    private readonly PdfFile _file;
    private readonly PdfStream _stream;
    private readonly List<(string Name, PdfDictionary? Parameters)> _filters;

    private PdfImage(PdfFile file, PdfStream stream, int width, int height, bool invert, List<(string, PdfDictionary?)> filters)
    {
        _file = file;
        _stream = stream;
        Width = width;
        Height = height;
        Invert = invert;
        _filters = filters;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Samples of value 1 are black once /Decode and the colour space are applied (the reverse of PDF's usual 0 = black).</summary>
    public bool Invert { get; }

    public static PdfImage From(PdfFile file, PdfStream stream, int page)
    {
        PdfDictionary d = stream.Dictionary;
        long width = file.Integer(d["Width"] ?? d["W"]) ?? 0;
        long height = file.Integer(d["Height"] ?? d["H"]) ?? 0;
        if (width is < 1 or > BilevelPage.MaxWidth || height < 1 || height > file.Options.MaxHeight)
        {
            throw new ImageFormatException($"page {page}: the image is {width}x{height} pixels, outside 1..{BilevelPage.MaxWidth} by 1..{file.Options.MaxHeight}");
        }

        bool mask = file.Resolve(d["ImageMask"] ?? d["IM"]) is true;
        long bits = mask ? 1 : file.Integer(d["BitsPerComponent"] ?? d["BPC"]) ?? 0;
        List<(string Name, PdfDictionary? Parameters)> filters = file.Filters(stream);
        string? coding = filters.Count > 0 && !PdfFilters.IsSupported(filters[^1].Name) ? filters[^1].Name : null;
        if (coding is "JBIG2Decode" or "DCTDecode" or "DCT" or "JPXDecode")
        {
            throw PdfReader.NotBilevel(page, $"its image is coded with {coding}, which the reader does not decode");
        }

        if (bits != 1)
        {
            throw PdfReader.NotBilevel(page, $"its image has {bits} bits per component");
        }

        bool paletteInverts = !mask && PaletteInverts(file, file.Resolve(d["ColorSpace"] ?? d["CS"]), page);
        bool decodeInverts = file.Resolve(d["Decode"] ?? d["D"]) is List<object?> { Count: 2 } decode
            && file.Number(decode[0]) > file.Number(decode[1]);
        string? unsupported = filters.Take(coding is "CCITTFaxDecode" or "CCF" ? filters.Count - 1 : filters.Count)
            .Select(f => f.Name).FirstOrDefault(n => !PdfFilters.IsSupported(n));
        if (unsupported is not null)
        {
            throw PdfReader.NotBilevel(page, $"its image is compressed with {unsupported}, which the reader does not decode");
        }

        return new PdfImage(file, stream, (int)width, (int)height, paletteInverts ^ decodeInverts, filters);
    }

    /// <summary>The page in Faxgate's 1 = black, at <paramref name="resolution"/>.</summary>
    public BilevelPage Decode(PageResolution resolution, int page, List<string> warnings)
    {
        (string Name, PdfDictionary? Parameters) last = _filters.Count > 0 ? _filters[^1] : (string.Empty, null);
        bool ccitt = last.Name is "CCITTFaxDecode" or "CCF";
        byte[] data = PdfFilters.Decode(_file.RawData(_stream), ccitt ? _filters[..^1] : _filters, _file.Options.MaxStreamBytes);
        return ccitt ? DecodeCcitt(data, last.Parameters, resolution, page, warnings) : DecodeRaw(data, resolution, page, warnings);
    }

    private static bool PaletteInverts(PdfFile file, object? space, int page)
    {
        switch (space)
        {
            case PdfName { Value: "DeviceGray" or "G" or "CalGray" }:
                return false;
            case List<object?> { Count: > 0 } array when file.Resolve(array[0]) is PdfName family:
                switch (family.Value)
                {
                    case "CalGray":
                        return false;
                    case "ICCBased" when array.Count > 1 && file.Resolve(array[1]) is PdfStream profile && file.Integer(profile.Dictionary["N"]) == 1:
                        return false;
                    case "Indexed" or "I" when array.Count == 4:
                        return IndexedInverts(file, array, page);
                }

                break;
            case null:
                throw PdfReader.NotBilevel(page, "its image has no colour space");
        }

        throw PdfReader.NotBilevel(page, "its image is in colour");
    }

    /// <summary>A two-entry palette: black-then-white is the usual meaning, white-then-black inverts it.</summary>
    private static bool IndexedInverts(PdfFile file, List<object?> array, int page)
    {
        object? space = file.Resolve(array[1]);
        int components = space switch
        {
            PdfName { Value: "DeviceGray" or "G" or "CalGray" } => 1,
            PdfName { Value: "DeviceRGB" or "RGB" or "CalRGB" } => 3,
            PdfName { Value: "DeviceCMYK" or "CMYK" } => 4,
            List<object?> { Count: > 1 } icc when file.Resolve(icc[0]) is PdfName { Value: "ICCBased" } && file.Resolve(icc[1]) is PdfStream p
                => (int)Math.Clamp(file.Integer(p.Dictionary["N"]) ?? 0, 0, 4),
            List<object?> { Count: > 0 } cal when file.Resolve(cal[0]) is PdfName { Value: "CalGray" } => 1,
            List<object?> { Count: > 0 } cal when file.Resolve(cal[0]) is PdfName { Value: "CalRGB" } => 3,
            _ => 0,
        };
        byte[]? lookup = file.Resolve(array[3]) switch
        {
            PdfString s => s.Bytes,
            PdfStream s => file.DecodeStream(s),
            _ => null,
        };
        if (components == 0 || lookup is null || lookup.Length < 2 * components)
        {
            throw PdfReader.NotBilevel(page, "its image has a palette the reader does not understand");
        }

        bool firstDark = Dark(lookup.AsSpan(0, components), components == 4);
        bool secondDark = Dark(lookup.AsSpan(components, components), components == 4);
        if (firstDark == secondDark)
        {
            throw PdfReader.NotBilevel(page, "its image's two colours are both light or both dark");
        }

        return secondDark;
    }

    private static bool Dark(ReadOnlySpan<byte> colour, bool cmyk)
    {
        double sum = 0;
        foreach (byte c in colour)
        {
            sum += c;
        }

        double level = sum / colour.Length / 255;
        return cmyk ? level > 0.5 : level < 0.5;
    }

    /// <summary>
    /// CCITTFaxDecode (PDF 1.7, Table 11): K picks MH, MR or MMR; BlackIs1 false, the default,
    /// means the filter's 0 samples are black, which after DeviceGray's 0 = black leaves the
    /// codec's 1 = black as it is. The coded data is kept on the page when its meaning is kept.
    /// </summary>
    private BilevelPage DecodeCcitt(byte[] data, PdfDictionary? parameters, PageResolution resolution, int page, List<string> warnings)
    {
        long k = _file.Integer(parameters?["K"]) ?? 0;
        long columns = _file.Integer(parameters?["Columns"]) ?? 1728;
        bool blackIs1 = _file.Resolve(parameters?["BlackIs1"]) is true;
        bool byteAlign = _file.Resolve(parameters?["EncodedByteAlign"]) is true;
        bool endOfLine = _file.Resolve(parameters?["EndOfLine"]) is true;
        if (columns != Width)
        {
            throw new ImageFormatException($"page {page}: the CCITT data is {columns} columns wide, the image {Width} pixels");
        }

        CodingScheme scheme = k < 0 ? CodingScheme.Mmr : k == 0 ? CodingScheme.Mh : CodingScheme.Mr;
        bool invert = blackIs1 ^ Invert;

        // With EOLs the fill that aligns a line may come before the EOL (which the decoder skips as
        // zeros anyway) or after it: try the first reading, and the second when the first is damaged.
        BilevelPage decoded = DecodeOnce(data, scheme, byteAlign && (scheme == CodingScheme.Mmr || !endOfLine), resolution, invert);
        if (byteAlign && endOfLine && scheme != CodingScheme.Mmr && decoded.Quality is { IsClean: false } first)
        {
            BilevelPage other = DecodeOnce(data, scheme, byteAligned: true, resolution, invert);
            if (other.Quality!.BadLines < first.BadLines || (first.Truncated && !other.Quality.Truncated))
            {
                decoded = other;
            }
        }

        if (decoded.Quality is { IsClean: false } quality)
        {
            warnings.Add($"page {page}: {quality.BadLines} bad line(s){(quality.Truncated ? ", incomplete" : string.Empty)}: {quality.Error}");
        }

        return decoded;
    }

    private BilevelPage DecodeOnce(byte[] data, CodingScheme scheme, bool byteAligned, PageResolution resolution, bool invert)
    {
        var options = new DecoderOptions { Height = Height, ByteAlignedLines = byteAligned };
        if (!invert)
        {
            return PageDecoder.DecodeKeepingCoded(data, scheme, Width, resolution, options);
        }

        BilevelPage page = PageDecoder.Decode(data, scheme, Width, resolution, options);
        byte[] pixels = page.ToArray();
        Flip(pixels);
        return new BilevelPage(Width, Height, resolution, pixels) { Quality = page.Quality };
    }

    /// <summary>Uncoded samples, each row starting on a byte boundary (PDF 1.7, 8.9.5.1), where 0 is black unless inverted.</summary>
    private BilevelPage DecodeRaw(byte[] data, PageResolution resolution, int page, List<string> warnings)
    {
        int stride = BilevelPage.StrideFor(Width);
        var pixels = new byte[(long)stride * Height];
        int n = Math.Min(data.Length, pixels.Length);
        data.AsSpan(0, n).CopyTo(pixels);
        if (!Invert)
        {
            Flip(pixels.AsSpan(0, n));
        }

        if (n < pixels.Length)
        {
            warnings.Add($"page {page}: the image data ends before the last row; the rest is white");
        }

        return new BilevelPage(Width, Height, resolution, pixels);
    }

    private static void Flip(Span<byte> pixels)
    {
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)~pixels[i];
        }
    }
}
