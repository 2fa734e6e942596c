using System.Globalization;
using System.Text.RegularExpressions;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Pdf;
using Faxgate.TestSupport;

namespace Faxgate.Interop.Tests.Pdf;

/// <summary>Faxgate's PDFs read by independent readers: ghostscript, poppler and qpdf.</summary>
public sealed partial class PdfReaderInteropTests
{
    /// <summary>Every way a page's coded data may come: each is embedded as it is.</summary>
    public static TheoryData<string> Codings() =>
    [
        "pixels only", "MH EOL", "MH EOL fill", "MH no EOL", "MH byte aligned", "MH RTC",
        "MR EOL", "MR EOL fill", "MR RTC", "MMR", "MMR EOFB", "MMR byte aligned",
    ];

    private static BilevelPage WithCoding(BilevelPage page, string coding)
    {
        EncoderOptions? options = coding switch
        {
            "MH EOL" => new() { Scheme = CodingScheme.Mh, EndOfPage = false },
            "MH EOL fill" => new() { Scheme = CodingScheme.Mh, AlignEol = true, EndOfPage = false },
            "MH no EOL" => new() { Scheme = CodingScheme.Mh, EndOfLine = false, EndOfPage = false },
            "MH byte aligned" => new() { Scheme = CodingScheme.Mh, EndOfLine = false, ByteAlignedLines = true, EndOfPage = false },
            "MH RTC" => new() { Scheme = CodingScheme.Mh },
            "MR EOL" => new() { Scheme = CodingScheme.Mr, K = 4, EndOfPage = false },
            "MR EOL fill" => new() { Scheme = CodingScheme.Mr, K = 2, AlignEol = true, EndOfPage = false },
            "MR RTC" => new() { Scheme = CodingScheme.Mr, K = 4 },
            "MMR" => new() { Scheme = CodingScheme.Mmr, EndOfPage = false },
            "MMR EOFB" => new() { Scheme = CodingScheme.Mmr },
            "MMR byte aligned" => new() { Scheme = CodingScheme.Mmr, ByteAlignedLines = true },
            _ => null,
        };
        return options is null ? page.WithoutCoded() : page.With(coded: LineEncoder.EncodeToCodedPage(page, options));
    }

    private static List<BilevelPage> Fax(string coding) =>
    [
        WithCoding(TestPages.Document(1728, 1143, 1, PageResolution.Standard), coding),
        WithCoding(TestPages.Document(1728, 2287, 2, PageResolution.Fine), coding),
        WithCoding(TestPages.Document(2048, 600, 3, PageResolution.Superfine), coding),
        WithCoding(TestPages.Document(2592, 900, 4, PageResolution.Dpi300), coding),
        WithCoding(TestPages.Noise(1728, 300, 0.2, 5, PageResolution.Fine), coding),
    ];

    [SkippableTheory]
    [MemberData(nameof(Codings))]
    public void Ghostscript_renders_every_page_at_its_own_resolution_to_exactly_the_fax_pixels(string coding)
    {
        ExternalTool.Require("gs");
        List<BilevelPage> pages = Fax(coding);
        string dir = Repository.NewScratchDirectory("pdf-gs");
        string pdf = Path.Combine(dir, "fax.pdf");
        PdfWriter.Write(pdf, pages, new PdfDocumentInfo { Title = coding });
        for (int i = 0; i < pages.Count; i++)
        {
            BilevelPage page = pages[i];
            string output = Path.Combine(dir, $"page{i + 1}.pbm");
            string resolution = $"-r{Number(page.Resolution.X)}x{Number(page.Resolution.Y)}";
            ExternalTool.Result gs = ExternalTool.Run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pbmraw", resolution,
                $"-dFirstPage={i + 1}", $"-dLastPage={i + 1}", $"-sOutputFile={output}", pdf);
            Assert.True(gs.ExitCode == 0 && gs.StandardError.Length == 0, gs.Describe("gs"));
            (int width, int height, byte[] pixels) = Pbm.Read(output);
            PageAssert.SamePixels(page.Width, page.Height, page.Pixels, width, height, pixels, $"{coding}: ghostscript page {i + 1}");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Codings))]
    public void Pdfimages_extracts_exactly_the_fax_pixels_and_lists_each_pages_resolution(string coding)
    {
        ExternalTool.Require("pdfimages");
        List<BilevelPage> pages = Fax(coding);
        string dir = Repository.NewScratchDirectory("pdf-poppler");
        string pdf = Path.Combine(dir, "fax.pdf");
        PdfWriter.Write(pdf, pages);

        ExternalTool.Result extract = ExternalTool.Run("pdfimages", pdf, Path.Combine(dir, "img"));
        Assert.True(extract.ExitCode == 0 && extract.StandardError.Length == 0, extract.Describe("pdfimages"));
        for (int i = 0; i < pages.Count; i++)
        {
            (int width, int height, byte[] pixels) = Pbm.Read(Path.Combine(dir, $"img-{i:000}.pbm"));
            PageAssert.SamePixels(pages[i].Width, pages[i].Height, pages[i].Pixels, width, height, pixels, $"{coding}: pdfimages page {i + 1}");
        }

        ExternalTool.Result list = ExternalTool.Run("pdfimages", "-list", pdf);
        Assert.Equal(0, list.ExitCode);
        string[] rows = [.. list.StandardOutput.Split('\n').Skip(2).Where(l => l.Trim().Length > 0)];
        Assert.Equal(pages.Count, rows.Length);
        for (int i = 0; i < pages.Count; i++)
        {
            // page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
            string[] fields = rows[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal((i + 1).ToString(CultureInfo.InvariantCulture), fields[0]);
            Assert.Equal(pages[i].Width.ToString(CultureInfo.InvariantCulture), fields[3]);
            Assert.Equal(pages[i].Height.ToString(CultureInfo.InvariantCulture), fields[4]);
            Assert.Equal("ccitt", fields[8]);
            Assert.Equal(Math.Round(pages[i].Resolution.X), double.Parse(fields[12], CultureInfo.InvariantCulture));
            Assert.Equal(Math.Round(pages[i].Resolution.Y), double.Parse(fields[13], CultureInfo.InvariantCulture));
        }
    }

    [SkippableFact]
    public void Qpdf_finds_no_fault_and_pdfinfo_shows_metadata_and_true_page_sizes()
    {
        ExternalTool.Require("qpdf");
        ExternalTool.Require("pdfinfo");
        var pages = new List<BilevelPage>
        {
            TestPages.Document(1728, 2287, 1, PageResolution.Fine),          // A4 at fine resolution
            TestPages.Document(1728, 1143, 2, PageResolution.Standard),      // A4 at standard: same size, not squashed
            TestPages.Document(1728, 6000, 3, PageResolution.Fine),          // a long page, not cut
            TestPages.Document(2432, 3225, 4, PageResolution.Fine),          // A3
            TestPages.Document(2048, 2780, 5, PageResolution.Fine),          // B4
        };
        string pdf = Path.Combine(Repository.NewScratchDirectory("pdf-check"), "fax.pdf");
        var created = new DateTimeOffset(2026, 11, 29, 10, 15, 30, TimeSpan.Zero);
        PdfWriter.Write(pdf, pages, new PdfDocumentInfo { Title = "Fax from +27 11 555 1234 (Grüße)", CreationDate = created });

        ExternalTool.Result check = ExternalTool.Run("qpdf", "--check", pdf);
        Assert.True(check.ExitCode == 0 && check.StandardOutput.Contains("No syntax or stream encoding errors found", StringComparison.Ordinal), check.Describe("qpdf --check"));

        ExternalTool.Result info = ExternalTool.Run("pdfinfo", "-f", "1", "-l", pages.Count.ToString(CultureInfo.InvariantCulture), "-isodates", pdf);
        Assert.True(info.ExitCode == 0, info.Describe("pdfinfo"));
        Assert.Contains("Title:           Fax from +27 11 555 1234 (Grüße)", info.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Producer:        Faxgate", info.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("CreationDate:    2026-11-29T10:15:30Z", info.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"Pages:           {pages.Count}", info.StandardOutput, StringComparison.Ordinal);

        MatchCollection sizes = PageSize().Matches(info.StandardOutput);
        Assert.Equal(pages.Count, sizes.Count);
        double[][] millimetres = [.. sizes.Select(m => new[] { ToMm(m.Groups[1].Value), ToMm(m.Groups[2].Value) })];
        AssertClose(215.1, 296.4, millimetres[0], "A4 fine");
        AssertClose(215.1, 296.2, millimetres[1], "A4 standard");
        AssertClose(215.1, 777.6, millimetres[2], "long page");
        AssertClose(302.8, 417.9, millimetres[3], "A3");
        AssertClose(255.0, 360.3, millimetres[4], "B4");
    }

    private static void AssertClose(double width, double height, double[] actual, string what)
    {
        Assert.True(Math.Abs(actual[0] - width) < 0.5 && Math.Abs(actual[1] - height) < 0.5,
            $"{what}: {actual[0]:0.0} x {actual[1]:0.0} mm, expected {width} x {height}");
    }

    private static double ToMm(string points) => double.Parse(points, CultureInfo.InvariantCulture) * 25.4 / 72;

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Page +\d+ size: +([0-9.]+) x ([0-9.]+) pts")]
    private static partial Regex PageSize();
}
