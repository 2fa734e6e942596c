using System.Security.Cryptography;
using System.Text;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;

namespace Faxgate.Imaging.Pdf;

/// <summary>
/// Writes fax pages as a PDF: one page per fax page, sized from the page's own pixels and
/// resolution (a standard-resolution page is not squashed, a long page is not cut, pages of
/// different sizes keep theirs), each showing one CCITTFaxDecode image. A page's own coded
/// data is embedded as it is; pages without it are coded in MMR.
/// </summary>
public static class PdfWriter
{
    private const int CatalogObject = 1;
    private const int PagesObject = 2;
    private const int InfoObject = 3;
    private const int FirstPageObject = 4;
    private const int ObjectsPerPage = 3;

    public static void Write(Stream output, IReadOnlyList<BilevelPage> pages, PdfDocumentInfo? info = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(pages);
        if (pages.Count == 0)
        {
            throw new ArgumentException("a PDF needs at least one page", nameof(pages));
        }

        info ??= new PdfDocumentInfo();
        var pdf = new ObjectStream(output);
        pdf.Raw("%PDF-1.4\n%\u00E2\u00E3\u00CF\u00D3\n");

        pdf.Begin(CatalogObject);
        pdf.Raw($"<< /Type /Catalog /Pages {PagesObject} 0 R >>\n");
        pdf.End();

        pdf.Begin(PagesObject);
        var kids = new StringBuilder();
        for (int i = 0; i < pages.Count; i++)
        {
            kids.Append(FirstPageObject + (i * ObjectsPerPage)).Append(" 0 R ");
        }

        pdf.Raw($"<< /Type /Pages /Count {pages.Count} /Kids [ {kids}] >>\n");
        pdf.End();

        pdf.Begin(InfoObject);
        pdf.Raw(InfoDictionary(info));
        pdf.End();

        // The document identifier comes from the content, so the same fax gives the same ID.
        using var id = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        id.AppendData(Encoding.UTF8.GetBytes($"{info.Title}|{info.CreationDate:O}|{pages.Count}"));
        for (int i = 0; i < pages.Count; i++)
        {
            WritePage(pdf, pages[i], FirstPageObject + (i * ObjectsPerPage), id);
        }

        pdf.Finish(InfoObject, CatalogObject, Convert.ToHexString(id.GetHashAndReset(), 0, 16));
    }

    public static byte[] Write(IReadOnlyList<BilevelPage> pages, PdfDocumentInfo? info = null)
    {
        using var stream = new MemoryStream();
        Write(stream, pages, info);
        return stream.ToArray();
    }

    public static void Write(string path, IReadOnlyList<BilevelPage> pages, PdfDocumentInfo? info = null)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Write(stream, pages, info);
    }

    /// <summary>The page's size in points: its pixels at its resolution.</summary>
    public static (double Width, double Height) PageSizeInPoints(BilevelPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return (page.Width * 72.0 / page.Resolution.X, page.Height * 72.0 / page.Resolution.Y);
    }

    private static void WritePage(ObjectStream pdf, BilevelPage page, int pageObject, IncrementalHash id)
    {
        int contentObject = pageObject + 1;
        int imageObject = pageObject + 2;
        (double width, double height) = PageSizeInPoints(page);
        string w = PdfSyntax.Number(width);
        string h = PdfSyntax.Number(height);

        pdf.Begin(pageObject);
        pdf.Raw($"<< /Type /Page /Parent {PagesObject} 0 R /MediaBox [0 0 {w} {h}] /Resources << /XObject << /Im0 {imageObject} 0 R >> >> /Contents {contentObject} 0 R >>\n");
        pdf.End();

        byte[] content = Encoding.ASCII.GetBytes($"q {w} 0 0 {h} 0 0 cm /Im0 Do Q\n");
        pdf.Begin(contentObject);
        pdf.Stream($"<< /Length {content.Length} >>", content);
        pdf.End();

        (CodedPage coded, string parameters) = Embeddable(page);
        id.AppendData(coded.Data);
        pdf.Begin(imageObject);
        pdf.Stream(
            $"<< /Type /XObject /Subtype /Image /Width {page.Width} /Height {page.Height} /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /CCITTFaxDecode /DecodeParms {parameters} /Length {coded.Data.Length} >>",
            coded.Data);
        pdf.End();
    }

    /// <summary>The coded data to embed and its CCITTFaxDecode parameters (PDF 1.7, Table 11).</summary>
    private static (CodedPage Coded, string Parameters) Embeddable(BilevelPage page)
    {
        // Byte-aligned lines with EOLs mean different things to different PDF readers: re-code those.
        CodedPage coded = page.Coded is { ByteAlignedLines: true, EndOfLine: true } or null
            ? LineEncoder.EncodeToCodedPage(page, new EncoderOptions { Scheme = CodingScheme.Mmr })
            : page.Coded;
        int k = coded.Scheme switch
        {
            CodingScheme.Mh => 0,
            CodingScheme.Mr => EncoderOptions.KFor(page.Resolution),
            _ => -1,
        };
        var parameters = new StringBuilder($"<< /K {k} /Columns {page.Width} /Rows {page.Height}");
        if (coded.EndOfLine)
        {
            parameters.Append(" /EndOfLine true");
        }

        if (coded.ByteAlignedLines)
        {
            parameters.Append(" /EncodedByteAlign true");
        }

        if (!coded.EndOfPage)
        {
            parameters.Append(" /EndOfBlock false");
        }

        return (coded, parameters.Append(" >>").ToString());
    }

    private static string InfoDictionary(PdfDocumentInfo info)
    {
        var dictionary = new StringBuilder("<<");
        if (info.Title is { Length: > 0 })
        {
            dictionary.Append(" /Title ").Append(PdfSyntax.Text(info.Title));
        }

        if (info.Author is { Length: > 0 })
        {
            dictionary.Append(" /Author ").Append(PdfSyntax.Text(info.Author));
        }

        if (info.Subject is { Length: > 0 })
        {
            dictionary.Append(" /Subject ").Append(PdfSyntax.Text(info.Subject));
        }

        dictionary.Append(" /Creator ").Append(PdfSyntax.Text(info.Creator));
        dictionary.Append(" /Producer ").Append(PdfSyntax.Text(info.Producer));
        dictionary.Append(" /CreationDate ").Append(PdfSyntax.Date(info.CreationDate));
        return dictionary.Append(" >>\n").ToString();
    }

    /// <summary>Writes numbered objects and remembers where each starts, for the cross-reference table.</summary>
    private sealed class ObjectStream(Stream output)
    {
        private readonly List<long> _offsets = [];
        private long _position;

        public void Raw(string text) => Raw(Encoding.Latin1.GetBytes(text));

        public void Begin(int number)
        {
            while (_offsets.Count < number)
            {
                _offsets.Add(-1);
            }

            _offsets[number - 1] = _position;
            Raw($"{number} 0 obj\n");
        }

        public void Stream(string dictionary, byte[] data)
        {
            Raw(dictionary + "\nstream\n");
            Raw(data);
            Raw("\nendstream\n");
        }

        public void End() => Raw("endobj\n");

        public void Finish(int info, int root, string id)
        {
            long xref = _position;
            var table = new StringBuilder();
            table.Append("xref\n0 ").Append(_offsets.Count + 1).Append('\n');
            table.Append("0000000000 65535 f \n");
            foreach (long offset in _offsets)
            {
                table.Append(offset.ToString("D10", System.Globalization.CultureInfo.InvariantCulture)).Append(" 00000 n \n");
            }

            table.Append($"trailer\n<< /Size {_offsets.Count + 1} /Root {root} 0 R /Info {info} 0 R /ID [<{id}> <{id}>] >>\n");
            table.Append($"startxref\n{xref}\n%%EOF\n");
            Raw(table.ToString());
            output.Flush();
        }

        private void Raw(byte[] bytes)
        {
            output.Write(bytes);
            _position += bytes.Length;
        }
    }
}
