using Faxgate.Imaging;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Pdf;
using Faxgate.Imaging.Tiff;
using Faxgate.TestSupport;

namespace Faxgate.Interop.Tests.Pdf;

/// <summary>PDFs rewritten or made by other software (qpdf, tiff2pdf, ghostscript) read back by Faxgate's PDF reader.</summary>
public sealed class PdfReadBackTests
{
    public static TheoryData<CodingScheme, string> Rewrites()
    {
        var data = new TheoryData<CodingScheme, string>();
        foreach (CodingScheme scheme in Enum.GetValues<CodingScheme>())
        {
            data.Add(scheme, "--object-streams=generate");
            data.Add(scheme, "--stream-data=compress");
        }

        return data;
    }

    private static List<BilevelPage> Fax(CodingScheme scheme) =>
    [
        .. new[]
        {
            TestPages.Document(1728, 1143, 21, PageResolution.Standard),
            TestPages.Document(1728, 900, 22, PageResolution.Fine),
            TestPages.Document(2592, 600, 23, PageResolution.Dpi300),
        }.Select(p => p.With(coded: LineEncoder.EncodeToCodedPage(p, new EncoderOptions { Scheme = scheme, K = EncoderOptions.KFor(p.Resolution) }))),
    ];

    [SkippableTheory]
    [MemberData(nameof(Rewrites))]
    public void A_fax_pdf_rewritten_by_qpdf_reads_back_to_the_same_pages(CodingScheme scheme, string option)
    {
        ExternalTool.Require("qpdf");
        List<BilevelPage> pages = Fax(scheme);
        string dir = Repository.NewScratchDirectory("pdf-qpdf");
        string original = Path.Combine(dir, "fax.pdf");
        string rewritten = Path.Combine(dir, "rewritten.pdf");
        PdfWriter.Write(original, pages);
        ExternalTool.Result qpdf = ExternalTool.Run("qpdf", option, original, rewritten);
        Assert.True(qpdf.ExitCode == 0, qpdf.Describe("qpdf"));

        FaxDocument document = PdfReader.Read(File.ReadAllBytes(rewritten));
        Assert.Empty(document.Warnings);
        Assert.Equal(pages.Count, document.Pages.Count);
        for (int i = 0; i < pages.Count; i++)
        {
            PageAssert.SamePixels(pages[i], document.Pages[i], $"{scheme} {option} page {i + 1}");
            Assert.Equal(pages[i].Resolution, document.Pages[i].Resolution);
        }
    }

    [SkippableTheory]
    [InlineData(CodingScheme.Mmr)]
    [InlineData(CodingScheme.Mh)]
    public void A_pdf_made_by_tiff2pdf_reads_to_the_tiffs_pixels(CodingScheme scheme)
    {
        ExternalTool.Require("tiff2pdf");
        List<BilevelPage> pages =
        [
            TestPages.Document(1728, 2200, 31, PageResolution.Fine),
            TestPages.Document(1728, 1100, 32, PageResolution.Standard),
        ];
        string dir = Repository.NewScratchDirectory("pdf-tiff2pdf");
        string tiff = Path.Combine(dir, "fax.tif");
        string pdf = Path.Combine(dir, "fax.pdf");
        TiffWriter.Write(tiff, pages, new TiffWriteOptions { Scheme = scheme });
        ExternalTool.Result convert = ExternalTool.Run("tiff2pdf", "-o", pdf, tiff); // G4 in the PDF, from either
        Assert.True(convert.ExitCode == 0, convert.Describe("tiff2pdf"));

        FaxDocument document = PdfReader.Read(File.ReadAllBytes(pdf));
        Assert.Equal(pages.Count, document.Pages.Count);
        for (int i = 0; i < pages.Count; i++)
        {
            PageAssert.SamePixels(pages[i], document.Pages[i], $"tiff2pdf {scheme} page {i + 1}");
            Assert.Equal(pages[i].Resolution, document.Pages[i].Resolution);
        }
    }

    [SkippableFact]
    public void A_pdf_rewritten_by_ghostscript_reads_to_the_same_pixels()
    {
        ExternalTool.Require("gs");
        List<BilevelPage> pages = Fax(CodingScheme.Mmr);
        string dir = Repository.NewScratchDirectory("pdf-gs-rewrite");
        string original = Path.Combine(dir, "fax.pdf");
        string rewritten = Path.Combine(dir, "gs.pdf");
        PdfWriter.Write(original, pages);
        ExternalTool.Result gs = ExternalTool.Run("gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pdfwrite", $"-sOutputFile={rewritten}", original);
        Assert.True(gs.ExitCode == 0, gs.Describe("gs"));

        FaxDocument document = PdfReader.Read(File.ReadAllBytes(rewritten));
        Assert.Equal(pages.Count, document.Pages.Count);
        for (int i = 0; i < pages.Count; i++)
        {
            PageAssert.SamePixels(pages[i], document.Pages[i], $"ghostscript page {i + 1}");
            Assert.Equal(pages[i].Resolution, document.Pages[i].Resolution);
        }
    }

    [SkippableFact]
    public void A_text_pdf_made_by_ghostscript_is_refused_as_not_a_bilevel_image()
    {
        ExternalTool.Require("gs");
        string dir = Repository.NewScratchDirectory("pdf-gs-text");
        string pdf = Path.Combine(dir, "text.pdf");
        ExternalTool.Result gs = ExternalTool.Run("gs", "-q", "-dSAFER", "-sDEVICE=pdfwrite", "-o", pdf, "-c", "/Helvetica findfont 20 scalefont setfont 72 700 moveto (Hello) show showpage");
        Assert.True(gs.ExitCode == 0, gs.Describe("gs"));

        ImageFormatException e = Assert.Throws<ImageFormatException>(() => PdfReader.Read(File.ReadAllBytes(pdf)));
        Assert.Equal("page 1 is not a bilevel image: it has text", e.Message);
        Assert.True(PdfReader.IsNotBilevelImage(e));
    }
}
