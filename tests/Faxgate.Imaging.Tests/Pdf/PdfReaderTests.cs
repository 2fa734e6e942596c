using System.Text;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Pdf;
using Faxgate.TestSupport;

namespace Faxgate.Imaging.Tests.Pdf;

public sealed class PdfReaderTests
{
    public static TheoryData<CodingScheme> Schemes() => [CodingScheme.Mh, CodingScheme.Mr, CodingScheme.Mmr];

    private static List<BilevelPage> Fax(CodingScheme scheme) =>
    [
        .. new[]
        {
            TestPages.Document(1728, 1143, 1, PageResolution.Standard),
            TestPages.Document(1728, 600, 2, PageResolution.Fine),
            TestPages.Document(1728, 700, 3, PageResolution.Superfine),
            TestPages.Document(2592, 500, 4, PageResolution.Dpi300),
            TestPages.Noise(1728, 120, 0.3, 5, PageResolution.Fine),
        }.Select(p => p.With(coded: LineEncoder.EncodeToCodedPage(p, new EncoderOptions { Scheme = scheme, K = EncoderOptions.KFor(p.Resolution) }))),
    ];

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Pages_written_by_PdfWriter_read_back_to_the_same_pixels_and_resolutions(CodingScheme scheme)
    {
        List<BilevelPage> pages = Fax(scheme);
        FaxDocument document = PdfReader.Read(PdfWriter.Write(pages));

        Assert.Empty(document.Warnings);
        Assert.Equal(pages.Count, document.Pages.Count);
        for (int i = 0; i < pages.Count; i++)
        {
            PageAssert.SamePixels(pages[i], document.Pages[i], $"{scheme} page {i + 1}");
            Assert.Equal(pages[i].Resolution, document.Pages[i].Resolution);
            Assert.Equal(scheme, document.Pages[i].Coded?.Scheme);
            Assert.Equal(pages[i].Coded!.Data, document.Pages[i].Coded!.Data);
        }
    }

    [Fact]
    public void Pages_without_coded_data_come_back_from_their_MMR()
    {
        BilevelPage page = TestPages.Document(1728, 400, 6, PageResolution.Fine);
        FaxDocument document = PdfReader.Read(PdfWriter.Write([page]));
        PageAssert.SamePixels(page, document.Pages[0], "MMR page");
        Assert.Equal(CodingScheme.Mmr, document.Pages[0].Coded?.Scheme);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Object_streams_and_cross_reference_streams_are_read(bool modern)
    {
        BilevelPage page = TestPages.Document(1728, 300, 7, PageResolution.Fine);
        byte[] mmr = LineEncoder.Encode(page, new EncoderOptions { Scheme = CodingScheme.Mmr });
        byte[] pdf = TestPdf.SinglePage(
            "/MediaBox [0 0 609.882353 110.204082]",
            "q 609.882353 0 0 110.204082 0 0 cm /Im1 Do Q",
            "/Type /XObject /Subtype /Image /Width 1728 /Height 300 /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter [/FlateDecode /CCITTFaxDecode] /DecodeParms [null << /K -1 /Columns 1728 >>]",
            TestPdf.Deflate(mmr),
            modern);

        FaxDocument document = PdfReader.Read(pdf);
        Assert.Empty(document.Warnings);
        PageAssert.SamePixels(page, document.Pages[0], modern ? "object stream" : "table");
        Assert.Equal(PageResolution.Fine, document.Pages[0].Resolution);
    }

    [Theory]
    [InlineData("/ColorSpace /DeviceGray /BitsPerComponent 1", true)]
    [InlineData("/ColorSpace /DeviceGray /BitsPerComponent 1 /Decode [1 0]", false)]
    [InlineData("/ImageMask true", true)]
    [InlineData("/ColorSpace [/Indexed /DeviceRGB 1 <FFFFFF000000>] /BitsPerComponent 1", false)]
    public void Uncoded_and_flate_images_take_their_colours_from_decode_and_colour_space(string colour, bool zeroIsBlack)
    {
        BilevelPage page = TestPages.Document(816, 100, 8, PageResolution.Dpi200);
        byte[] samples = page.ToArray();
        if (zeroIsBlack)
        {
            for (int i = 0; i < samples.Length; i++)
            {
                samples[i] = (byte)~samples[i];
            }
        }

        byte[] pdf = TestPdf.SinglePage(
            "/MediaBox [0 0 293.76 36]",
            "q 293.76 0 0 36 0 0 cm /Im1 Do Q",
            $"/Type /XObject /Subtype /Image /Width 816 /Height 100 {colour} /Filter /FlateDecode",
            TestPdf.Deflate(samples));

        FaxDocument document = PdfReader.Read(pdf);
        PageAssert.SamePixels(page, document.Pages[0], colour);
        Assert.Equal(PageResolution.Dpi200, document.Pages[0].Resolution);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BlackIs1_and_an_inverting_decode_array_each_flip_the_CCITT_pixels(bool blackIs1)
    {
        BilevelPage page = TestPages.Document(1728, 200, 9, PageResolution.Standard);
        byte[] mh = LineEncoder.Encode(page, new EncoderOptions { Scheme = CodingScheme.Mh });
        string decode = blackIs1 ? "/BlackIs1 true" : string.Empty;
        string array = blackIs1 ? string.Empty : "/Decode [1 0]";
        byte[] pdf = TestPdf.SinglePage(
            "/MediaBox [0 0 609.882353 146.938776]",
            "q 609.882353 0 0 146.938776 0 0 cm /Im1 Do Q",
            $"/Subtype /Image /Width 1728 /Height 200 /ColorSpace /DeviceGray /BitsPerComponent 1 {array} /Filter /CCITTFaxDecode /DecodeParms << /K 0 /Columns 1728 /Rows 200 {decode} >>",
            mh);

        BilevelPage read = PdfReader.Read(pdf).Pages[0];
        byte[] inverted = page.ToArray();
        for (int i = 0; i < inverted.Length; i++)
        {
            inverted[i] = (byte)~inverted[i];
        }

        PageAssert.SamePixels(new BilevelPage(1728, 200, PageResolution.Standard, inverted), read, "inverted");
        Assert.Null(read.Coded);
    }

    [Theory]
    [InlineData("BT /F1 12 Tf 72 700 Td (Hello) Tj ET q 609 0 0 840 0 0 cm /Im1 Do Q", "it has text")]
    [InlineData("0 0 100 100 re f q 609 0 0 840 0 0 cm /Im1 Do Q", "it draws lines or shapes")]
    [InlineData("q 300 0 0 400 0 0 cm /Im1 Do Q", "its image does not cover the page")]
    [InlineData("q 0 840 -609 0 609 0 cm /Im1 Do Q", "its image is rotated, skewed or mirrored")]
    [InlineData("", "it shows no image")]
    [InlineData("q 609 0 0 840 0 0 cm /Im1 Do Q q 609 0 0 840 0 0 cm /Im1 Do Q", "it shows 2 images")]
    public void A_page_that_is_not_one_image_covering_it_is_not_a_bilevel_image(string content, string reason)
    {
        byte[] pdf = TestPdf.SinglePage("/MediaBox [0 0 609 840]", content, "/Subtype /Image /Width 8 /Height 8 /ImageMask true", new byte[8]);
        ImageFormatException e = Assert.Throws<ImageFormatException>(() => PdfReader.Read(pdf));
        Assert.Equal($"page 1 is not a bilevel image: {reason}", e.Message);
        Assert.True(PdfReader.IsNotBilevelImage(e));
    }

    [Fact]
    public void Invisible_text_over_a_scan_does_not_stop_the_page_being_read()
    {
        byte[] pdf = TestPdf.SinglePage("/MediaBox [0 0 72 72]", "q 72 0 0 72 0 0 cm /Im1 Do Q BT 3 Tr (searchable) Tj ET", "/Subtype /Image /Width 200 /Height 200 /ImageMask true", new byte[25 * 200]);
        BilevelPage page = PdfReader.Read(pdf).Pages[0];
        Assert.Equal(PageResolution.Dpi200, page.Resolution);
        Assert.False(page.Pixels.ContainsAnyExcept((byte)0xFF)); // mask samples of 0 paint black
    }

    [Theory]
    [InlineData("/ColorSpace /DeviceRGB /BitsPerComponent 8", "its image has 8 bits per component")]
    [InlineData("/ColorSpace /DeviceRGB /BitsPerComponent 1", "its image is in colour")]
    [InlineData("/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode", "its image is coded with DCTDecode, which the reader does not decode")]
    public void Colour_and_JPEG_images_are_not_bilevel(string dictionary, string reason)
    {
        byte[] pdf = TestPdf.SinglePage("/MediaBox [0 0 72 72]", "q 72 0 0 72 0 0 cm /Im1 Do Q", $"/Subtype /Image /Width 8 /Height 8 {dictionary}", new byte[64]);
        ImageFormatException e = Assert.Throws<ImageFormatException>(() => PdfReader.Read(pdf));
        Assert.Equal($"page 1 is not a bilevel image: {reason}", e.Message);
    }

    [Fact]
    public void Resolution_is_snapped_to_the_nearest_fax_resolution_within_three_percent()
    {
        // 1728 pixels over 8.5 inches is 203.3 dpi: standard fax width on US Letter.
        byte[] pdf = TestPdf.SinglePage("/MediaBox [0 0 612 792]", "q 612 0 0 792 0 0 cm /Im1 Do Q", "/Subtype /Image /Width 1728 /Height 1078 /ImageMask true", new byte[216 * 1078]);
        Assert.Equal(PageResolution.Standard, PdfReader.Read(pdf).Pages[0].Resolution);

        byte[] odd = TestPdf.SinglePage("/MediaBox [0 0 72 72]", "q 72 0 0 72 0 0 cm /Im1 Do Q", "/Subtype /Image /Width 150 /Height 150 /ImageMask true", new byte[19 * 150]);
        Assert.Equal(new PageResolution(150, 150), PdfReader.Read(odd).Pages[0].Resolution);
    }

    [Fact]
    public void Wrong_cross_reference_offsets_are_repaired_by_scanning_with_a_warning()
    {
        byte[] pdf = PdfWriter.Write([TestPages.Document(1728, 100, 10)]);
        string text = Encoding.Latin1.GetString(pdf);
        int xref = text.LastIndexOf("xref\n0 ", StringComparison.Ordinal);
        byte[] shifted = [.. "%junk\n"u8, .. pdf.AsSpan(0, xref), .. pdf.AsSpan(xref)];
        FaxDocument document = PdfReader.Read(shifted);
        Assert.Single(document.Pages);
        Assert.Contains(document.Warnings, w => w.Contains("scanning", StringComparison.Ordinal));
    }

    [Fact]
    public void Trailing_data_after_the_end_of_file_marker_is_ignored()
    {
        BilevelPage page = TestPages.Document(1728, 100, 13);
        byte[] pdf = [.. PdfWriter.Write([page]), .. "\r\n\0\0 trailing junk from a mail gateway"u8];
        FaxDocument document = PdfReader.Read(pdf);
        Assert.Empty(document.Warnings);
        PageAssert.SamePixels(page, document.Pages[0], "with trailing data");
    }

    [Fact]
    public void An_incremental_update_replaces_objects_through_its_own_cross_reference_section()
    {
        BilevelPage first = TestPages.Document(1728, 100, 14);
        BilevelPage second = TestPages.Document(1728, 100, 15);
        byte[] original = PdfWriter.Write([first]);
        byte[] replacement = PdfWriter.Write([second]);
        string text = Encoding.Latin1.GetString(original);
        int previous = int.Parse(text[(text.LastIndexOf("startxref\n", StringComparison.Ordinal) + 10)..].Split('\n')[0], System.Globalization.CultureInfo.InvariantCulture);

        // Object 6 (the first page's image) again, with the second page's data, appended with a new section.
        string replacementText = Encoding.Latin1.GetString(replacement);
        int image = replacementText.IndexOf("6 0 obj", StringComparison.Ordinal);
        int end = replacementText.IndexOf("endobj", image, StringComparison.Ordinal) + 7;
        var update = new MemoryStream();
        update.Write(original);
        long offset = update.Length;
        update.Write(replacement.AsSpan(image, end - image));
        long xref = update.Length;
        update.Write(Encoding.Latin1.GetBytes($"xref\n6 1\n{offset:D10} 00000 n \ntrailer\n<< /Size 7 /Root 1 0 R /Prev {previous} >>\nstartxref\n{xref}\n%%EOF\n"));

        FaxDocument document = PdfReader.Read(update.ToArray());
        Assert.Empty(document.Warnings);
        PageAssert.SamePixels(second, document.Pages[0], "updated page");
    }

    [Fact]
    public void Limits_are_kept()
    {
        byte[] pdf = PdfWriter.Write([TestPages.Document(1728, 100, 11), TestPages.Document(1728, 100, 12)]);
        Assert.Contains("limit of 1 pages", Assert.Throws<ImageFormatException>(() => PdfReader.Read(pdf, new PdfReadOptions { MaxPages = 1 })).Message, StringComparison.Ordinal);
        Assert.Contains("limit of 100", Assert.Throws<ImageFormatException>(() => PdfReader.Read(pdf, new PdfReadOptions { MaxFileBytes = 100 })).Message, StringComparison.Ordinal);
        Assert.Contains("MiB of pixels", Assert.Throws<ImageFormatException>(() => PdfReader.Read(pdf, new PdfReadOptions { MaxPixelBytes = 30000 })).Message, StringComparison.Ordinal);

        byte[] bomb = TestPdf.SinglePage("/MediaBox [0 0 72 72]", "q 72 0 0 72 0 0 cm /Im1 Do Q", "/Subtype /Image /Width 8000 /Height 8000 /ImageMask true /Filter /FlateDecode", TestPdf.Deflate(new byte[8_000_000]));
        Assert.Contains("limit of 1000000 bytes", Assert.Throws<ImageFormatException>(() => PdfReader.Read(bomb, new PdfReadOptions { MaxStreamBytes = 1_000_000 })).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a pdf at all", "not a PDF file")]
    [InlineData("%PDF-1.4\n1 0 obj << /Type /Pages >> endobj\n", "the file has no document catalog")]
    public void Files_that_are_no_PDF_or_have_no_pages_fail_with_a_format_error(string content, string message)
    {
        ImageFormatException e = Assert.Throws<ImageFormatException>(() => PdfReader.Read(Encoding.Latin1.GetBytes(content)));
        Assert.False(PdfReader.IsNotBilevelImage(e));
        Assert.Equal(message, e.Reason);
    }

    [Fact]
    public void Sniffing_finds_the_PDF_header()
    {
        Assert.True(PdfReader.LooksLikePdf("%PDF-1.7\n"u8));
        Assert.False(PdfReader.LooksLikePdf("II*\0"u8));
    }
}
