using Faxgate.Imaging.Pages;

namespace Faxgate.Imaging.Pdf;

/// <summary>
/// Reads the pages of a fax-like PDF: every page shows one bilevel image scaled to the page
/// (as <see cref="PdfWriter"/>, tiff2pdf, scanners and fax services write them), CCITT-coded
/// (MH, MR, MMR), Flate-coded or uncoded. The file may use cross-reference streams and object
/// streams (PDF 1.5); damaged cross-reference tables are rebuilt by scanning. Each page's
/// resolution is the image's pixels over the page's MediaBox, snapped to a fax resolution
/// within 3%. A page that is anything else (text, drawings, colour or JPEG images) gives an
/// <see cref="ImageFormatException"/> that <see cref="IsNotBilevelImage"/> recognises, so that
/// the caller can render the file instead; every other problem is an ImageFormatException too.
/// </summary>
public static class PdfReader
{
    private const string NotBilevelMarker = " is not a bilevel image: ";
    private const double SnapTolerance = 0.03;

    private static readonly PageResolution[] FaxResolutions =
    [
        PageResolution.Standard, PageResolution.Fine, PageResolution.Superfine, PageResolution.UltraFine,
        PageResolution.Dpi200, PageResolution.Dpi300, PageResolution.Dpi400,
    ];

    /// <summary>Whether the data starts like a PDF file ("%PDF-" within the first 1024 bytes, as readers allow).</summary>
    public static bool LooksLikePdf(ReadOnlySpan<byte> header)
    {
        int found = header[..Math.Min(header.Length, 1024)].IndexOf("%PDF-"u8);
        return found >= 0;
    }

    /// <summary>True when the error says a page is something other than one bilevel image: rendering the file may still work.</summary>
    public static bool IsNotBilevelImage(ImageFormatException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Reason.StartsWith("page ", StringComparison.Ordinal) && error.Reason.Contains(NotBilevelMarker, StringComparison.Ordinal);
    }

    public static FaxDocument Read(string path, PdfReadOptions? options = null)
    {
        options ??= PdfReadOptions.Default;
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"{path}: no such file", path);
        }

        if (info.Length > options.MaxFileBytes)
        {
            throw new ImageFormatException($"the file is {info.Length} bytes, more than the limit of {options.MaxFileBytes}");
        }

        return ReadFile(File.ReadAllBytes(path), options);
    }

    public static FaxDocument Read(ReadOnlySpan<byte> pdf, PdfReadOptions? options = null)
    {
        options ??= PdfReadOptions.Default;
        if (pdf.Length > options.MaxFileBytes)
        {
            throw new ImageFormatException($"the file is {pdf.Length} bytes, more than the limit of {options.MaxFileBytes}");
        }

        return ReadFile(pdf.ToArray(), options);
    }

    internal static ImageFormatException NotBilevel(int page, string reason) => new($"page {page}{NotBilevelMarker}{reason}");

    private static FaxDocument ReadFile(byte[] data, PdfReadOptions options)
    {
        if (!LooksLikePdf(data))
        {
            throw new ImageFormatException("not a PDF file", 0);
        }

        PdfFile file = PdfFile.Open(data, options);
        PdfDictionary catalog = file.Dictionary(file.Trailer["Root"]) ?? throw new ImageFormatException("the document has no catalog");
        PdfDictionary tree = file.Dictionary(catalog["Pages"]) ?? throw new ImageFormatException("the document has no page tree");
        var leaves = new List<PdfPageNode>();
        PdfPageNode.Collect(file, tree, leaves);
        if (leaves.Count == 0)
        {
            throw new ImageFormatException("the document has no page");
        }

        var pages = new List<BilevelPage>(leaves.Count);
        long pixelBytes = 0;
        for (int i = 0; i < leaves.Count; i++)
        {
            int number = i + 1;
            PdfImage image = SingleImage(file, leaves[i], number);
            pixelBytes += (long)BilevelPage.StrideFor(image.Width) * image.Height;
            if (pixelBytes > options.MaxPixelBytes)
            {
                throw new ImageFormatException($"the pages would take more than the limit of {options.MaxPixelBytes >> 20} MiB of pixels");
            }

            pages.Add(image.Decode(Resolution(image, leaves[i], number), number, file.Warnings));
        }

        return new FaxDocument(pages, file.Warnings);
    }

    /// <summary>The one image the page shows, covering the page upright; anything else is not a bilevel page.</summary>
    private static PdfImage SingleImage(PdfFile file, PdfPageNode page, int number)
    {
        if (page.Rotate % 360 != 0)
        {
            throw NotBilevel(number, $"the page is rotated by {page.Rotate} degrees");
        }

        var content = new List<byte>();
        foreach (PdfStream stream in page.Contents)
        {
            if (file.UnsupportedFilter(stream) is { } filter)
            {
                throw NotBilevel(number, $"its content is compressed with {filter}, which the reader does not decode");
            }

            content.AddRange(file.DecodeStream(stream));
            content.Add((byte)'\n');
            if (content.Count > file.Options.MaxStreamBytes)
            {
                throw new ImageFormatException($"page {number}: the content is more than the limit of {file.Options.MaxStreamBytes} bytes");
            }
        }

        PdfPageContent drawn = PdfPageContent.Scan(file, [.. content], page.Resources);
        if (drawn.OtherMarks is { } marks)
        {
            throw NotBilevel(number, marks);
        }

        if (drawn.Images.Count != 1)
        {
            throw NotBilevel(number, drawn.Images.Count == 0 ? "it shows no image" : $"it shows {drawn.Images.Count} images");
        }

        (PdfStream stream1, PdfMatrix placed) = drawn.Images[0];
        if (Math.Abs(placed.B) > 1e-6 || Math.Abs(placed.C) > 1e-6 || placed.A <= 0 || placed.D <= 0)
        {
            throw NotBilevel(number, "its image is rotated, skewed or mirrored");
        }

        (double x0, double y0, double x1, double y1) = page.MediaBox;
        double width = x1 - x0;
        double height = y1 - y0;
        if (Math.Abs(placed.E - x0) > width * SnapTolerance || Math.Abs(placed.E + placed.A - x1) > width * SnapTolerance
            || Math.Abs(placed.F - y0) > height * SnapTolerance || Math.Abs(placed.F + placed.D - y1) > height * SnapTolerance)
        {
            throw NotBilevel(number, "its image does not cover the page");
        }

        return PdfImage.From(file, stream1, number);
    }

    /// <summary>The image's pixels over the page's size in inches, snapped to the nearest fax resolution within 3%.</summary>
    private static PageResolution Resolution(PdfImage image, PdfPageNode page, int number)
    {
        (double x0, double y0, double x1, double y1) = page.MediaBox;
        var measured = new PageResolution(Math.Round(image.Width * 72 / (x1 - x0), 2), Math.Round(image.Height * 72 / (y1 - y0), 2));
        if (!measured.IsValid)
        {
            throw new ImageFormatException($"page {number} has no usable MediaBox");
        }

        PageResolution best = measured;
        double bestError = SnapTolerance;
        foreach (PageResolution r in FaxResolutions)
        {
            double error = Math.Max(Math.Abs(measured.X - r.X) / r.X, Math.Abs(measured.Y - r.Y) / r.Y);
            if (error < bestError)
            {
                (best, bestError) = (r, error);
            }
        }

        return best;
    }
}
