using System.Text;
using System.Text.RegularExpressions;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Pdf;
using Faxgate.TestSupport;

namespace Faxgate.Imaging.Tests.Pdf;

public sealed partial class PdfWriterTests
{
    [Theory]
    [InlineData(CodingScheme.Mh, "/K 0", true)]
    [InlineData(CodingScheme.Mr, "/K 4", true)]
    [InlineData(CodingScheme.Mmr, "/K -1", false)]
    public void A_pages_own_coded_data_is_embedded_byte_for_byte(CodingScheme scheme, string k, bool endOfLine)
    {
        BilevelPage page = TestPages.Document(1728, 300, 9);
        CodedPage coded = LineEncoder.EncodeToCodedPage(page, new EncoderOptions { Scheme = scheme, K = 4 });
        byte[] pdf = PdfWriter.Write([page.With(coded: coded)]);

        Assert.Equal(1, Occurrences(pdf, coded.Data));
        string text = Encoding.Latin1.GetString(pdf);
        Assert.Contains($"/DecodeParms << {k} /Columns 1728 /Rows 300", text, StringComparison.Ordinal);
        Assert.Equal(endOfLine, text.Contains("/EndOfLine true", StringComparison.Ordinal));
        Assert.DoesNotContain("/EndOfBlock false", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_without_coded_data_is_coded_in_MMR()
    {
        BilevelPage page = TestPages.Document(1728, 100, 1);
        byte[] mmr = LineEncoder.Encode(page, new EncoderOptions { Scheme = CodingScheme.Mmr });
        byte[] pdf = PdfWriter.Write([page]);
        Assert.Equal(1, Occurrences(pdf, mmr));
        Assert.Contains("/K -1", Encoding.Latin1.GetString(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public void Page_size_is_the_pixels_at_the_pages_own_resolution()
    {
        string text = Encoding.Latin1.GetString(PdfWriter.Write(
        [
            BilevelPage.Blank(1728, 2287, PageResolution.Fine),
            BilevelPage.Blank(1728, 1143, PageResolution.Standard),
            BilevelPage.Blank(2592, 3300, PageResolution.Dpi300),
        ]));
        string[] boxes = [.. MediaBox().Matches(text).Select(m => m.Groups[1].Value)];
        Assert.Equal(["609.882353 840.122449", "609.882353 839.755102", "622.08 792"], boxes);
    }

    [Fact]
    public void The_cross_reference_table_points_at_every_object()
    {
        byte[] pdf = PdfWriter.Write([TestPages.Document(1728, 50, 2), TestPages.Document(2048, 60, 3)], new PdfDocumentInfo { Title = "a (b) \\ c" });
        string text = Encoding.Latin1.GetString(pdf);
        int xref = int.Parse(StartXref().Match(text).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("xref\n0 10\n", text[xref..], StringComparison.Ordinal);
        string[] entries = text[(xref + 10)..].Split('\n').Skip(1).Take(9).ToArray();
        for (int n = 1; n <= 9; n++)
        {
            int offset = int.Parse(entries[n - 1][..10], System.Globalization.CultureInfo.InvariantCulture);
            Assert.StartsWith($"{n} 0 obj\n", text[offset..], StringComparison.Ordinal);
        }

        Assert.Contains("/Title (a \\(b\\) \\\\ c)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Dates_and_non_ascii_titles_are_written_as_pdf_strings()
    {
        string text = Encoding.Latin1.GetString(PdfWriter.Write(
            [BilevelPage.Blank(8, 8, PageResolution.Fine)],
            new PdfDocumentInfo { Title = "Grüße", CreationDate = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)) }));
        Assert.Contains("/Title <FEFF0047007200FC00DF0065>", text, StringComparison.Ordinal);
        Assert.Contains("/CreationDate (D:20260102030405+02'00')", text, StringComparison.Ordinal);
    }

    private static int Occurrences(byte[] haystack, byte[] needle)
    {
        int count = 0;
        ReadOnlySpan<byte> rest = haystack;
        int at;
        while ((at = rest.IndexOf(needle)) >= 0)
        {
            count++;
            rest = rest[(at + 1)..];
        }

        return count;
    }

    [GeneratedRegex(@"/MediaBox \[0 0 ([0-9.]+ [0-9.]+)\]")]
    private static partial Regex MediaBox();

    [GeneratedRegex(@"startxref\n(\d+)\n%%EOF")]
    private static partial Regex StartXref();
}
