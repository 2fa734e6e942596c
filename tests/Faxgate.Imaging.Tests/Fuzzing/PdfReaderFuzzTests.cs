using System.Diagnostics;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Pdf;
using Faxgate.Imaging.Tests.Pdf;
using Faxgate.TestSupport;

namespace Faxgate.Imaging.Tests.Fuzzing;

/// <summary>Mutated PDFs thrown at the reader: a document or an <see cref="ImageFormatException"/>, nothing else, never a hang.</summary>
public sealed class PdfReaderFuzzTests
{
    private static readonly TimeSpan Budget = FuzzInputs.Budget(3);

    [Fact]
    public void Mutated_pdfs_give_pages_or_a_format_error()
    {
        var random = FuzzInputs.Seeded(2027);
        var seeds = new List<byte[]>();
        foreach (CodingScheme scheme in Enum.GetValues<CodingScheme>())
        {
            BilevelPage page = TestPages.Document(1728, 60, 1, PageResolution.Standard);
            seeds.Add(PdfWriter.Write(
            [
                page.With(coded: LineEncoder.EncodeToCodedPage(page, new EncoderOptions { Scheme = scheme })),
                TestPages.Noise(64, 16, 0.5, 2, PageResolution.Fine),
            ]));
        }

        BilevelPage small = TestPages.Document(200, 40, 3, PageResolution.Dpi200);
        byte[] mmr = LineEncoder.Encode(small, new EncoderOptions { Scheme = CodingScheme.Mmr });
        seeds.Add(TestPdf.SinglePage(
            "/MediaBox [0 0 72 14.4]",
            "q 72 0 0 14.4 0 0 cm /Im1 Do Q",
            "/Subtype /Image /Width 200 /Height 40 /ImageMask true /Filter [/FlateDecode /CCITTFaxDecode] /DecodeParms [null << /K -1 /Columns 200 >>]",
            TestPdf.Deflate(mmr),
            modern: true));

        var options = new PdfReadOptions { MaxPages = 50, MaxPixelBytes = 64L << 20, MaxStreamBytes = 8 << 20 };
        DocumentReaderFuzz.Run(seeds, random, Budget, options.MaxPages, input => PdfReader.Read(input, options));
    }

    [Fact]
    public void Random_bytes_after_a_pdf_header_give_a_format_error()
    {
        var random = new Random(11);
        for (int i = 0; i < 500; i++)
        {
            byte[] input = [.. "%PDF-1.4\n"u8, .. FuzzInputs.Random(random, 512)];
            Assert.Throws<ImageFormatException>(() => PdfReader.Read(input));
        }
    }
}
