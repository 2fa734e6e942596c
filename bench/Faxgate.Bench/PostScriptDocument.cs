using System.Globalization;
using System.Text;

namespace Faxgate.Bench;

/// <summary>
/// PostScript for pages that look like business fax traffic: letterheads, headings, paragraphs of
/// body text in several sizes, tables drawn with rules, boxes and a footer. The text is made of
/// ordinary English words so that the glyph shapes, and so the run lengths, are those of real text.
/// </summary>
public static class PostScriptDocument
{
    // A4 in points as the page is rendered: 1728 x 2292 pixels at 204 x 196 dpi.
    private const double PageWidth = 1728 * 72.0 / 204;
    private const double PageHeight = 2292 * 72.0 / 196;
    private const double Margin = 48;

    private static readonly string[] Words =
    [
        "the", "invoice", "attached", "please", "confirm", "delivery", "of", "order", "number", "and", "return",
        "signed", "copy", "to", "our", "office", "before", "end", "month", "payment", "terms", "are", "thirty",
        "days", "net", "from", "date", "shipment", "goods", "remain", "property", "seller", "until", "paid", "in",
        "full", "any", "claims", "must", "be", "made", "within", "eight", "receipt", "we", "thank", "you", "for",
        "your", "business", "contract", "agreement", "between", "parties", "hereby", "agree", "following",
        "conditions", "schedule", "appendix", "page", "section", "clause", "pursuant", "notice", "shall", "writing",
        "facsimile", "transmission", "is", "deemed", "received", "when", "sender", "machine", "reports", "success",
        "patient", "referral", "laboratory", "results", "prescription", "pharmacy", "dosage", "tablets", "daily",
        "with", "meals", "review", "weeks", "signature", "stamp", "customs", "declaration", "weight", "value",
    ];

    public static string Generate(int pages)
    {
        var random = new Random(1728_2292);
        var ps = new StringBuilder();
        ps.Append("%!PS-Adobe-3.0\n");
        ps.Append(CultureInfo.InvariantCulture, $"%%Pages: {pages}\n");
        ps.Append("/F { exch findfont exch scalefont setfont } bind def\n");
        ps.Append("/T { moveto show } bind def\n");
        ps.Append("/R { 4 dict begin /h exch def /w exch def /y exch def /x exch def newpath x y moveto w 0 rlineto 0 h rlineto w neg 0 rlineto closepath end } bind def\n");
        for (int page = 1; page <= pages; page++)
        {
            ps.Append(CultureInfo.InvariantCulture, $"%%Page: {page} {page}\n");
            WritePage(ps, random, page, pages);
            ps.Append("showpage\n");
        }

        ps.Append("%%EOF\n");
        return ps.ToString();
    }

    private static void WritePage(StringBuilder ps, Random random, int page, int pages)
    {
        double y = PageHeight - Margin;
        double right = PageWidth - Margin;

        // Letterhead: a black band with white lettering, a logo box and an address block.
        y -= 40;
        Line(ps, $"0 setgray {F(Margin)} {F(y)} {F(right - Margin)} 40 R fill");
        Line(ps, $"1 setgray /Helvetica-Bold 24 F ({Escape("NORTHWIND TRADING COMPANY")}) {F(Margin + 12)} {F(y + 11)} T 0 setgray");
        y -= 14;
        Line(ps, $"/Helvetica 8 F ({Escape($"Harbour Road 17, 2000 Portmouth  -  Telephone +44 20 7946 0{page:00}  -  Fax +44 20 7946 0999  -  page {page} of {pages}")}) {F(Margin)} {F(y)} T");
        y -= 30;
        Line(ps, $"/Times-Bold {14 + (page % 3) * 4} F ({Escape(Title(random))}) {F(Margin)} {F(y)} T");
        y -= 8;
        Line(ps, $"1.5 setlinewidth {F(Margin)} {F(y)} moveto {F(right)} {F(y)} lineto stroke");
        y -= 20;

        int[] bodySizes = [9, 10, 11, 12];
        while (y > Margin + 120)
        {
            int kind = random.Next(6);
            if (kind == 0 && y > Margin + 220)
            {
                y = Table(ps, random, y, right);
            }
            else if (kind == 1)
            {
                y = Boxed(ps, random, y, right);
            }
            else
            {
                int size = bodySizes[random.Next(bodySizes.Length)];
                string font = random.Next(4) == 0 ? "Helvetica" : "Times-Roman";
                y = Paragraph(ps, random, y, right, font, size);
            }

            y -= 10;
        }

        // Signature block and footer.
        Line(ps, $"/Times-Italic 16 F ({Escape("J. Smithson")}) {F(Margin + 20)} {F(Margin + 70)} T");
        Line(ps, $"0.7 setlinewidth {F(Margin)} {F(Margin + 62)} moveto {F(Margin + 200)} {F(Margin + 62)} lineto stroke");
        Line(ps, $"/Helvetica 7 F ({Escape("This facsimile is confidential and intended only for the addressee. If you received it in error, please call us.")}) {F(Margin)} {F(Margin + 20)} T");
    }

    private static double Paragraph(StringBuilder ps, Random random, double y, double right, string font, int size)
    {
        double leading = size * 1.25;
        int lines = 3 + random.Next(8);
        double averageWidth = font == "Helvetica" ? 0.53 : 0.47;  // of the font size, for this vocabulary
        int charsPerLine = (int)((right - Margin) / (size * averageWidth));
        Line(ps, $"/{font} {size} F");
        for (int i = 0; i < lines && y > Margin + 120; i++)
        {
            string text = Sentence(random, i == lines - 1 ? charsPerLine / 2 : charsPerLine);
            Line(ps, $"({Escape(text)}) {F(Margin)} {F(y)} T");
            y -= leading;
        }

        return y;
    }

    private static double Table(StringBuilder ps, Random random, double y, double right)
    {
        const double rowHeight = 15;
        int rows = 5 + random.Next(6);
        double[] columns = [Margin, Margin + 60, Margin + 300, Margin + 370, Margin + 440, right];
        double top = y;
        Line(ps, "0.6 setlinewidth /Courier 9 F");
        Line(ps, $"0.8 setgray {F(Margin)} {F(top - rowHeight)} {F(right - Margin)} {F(rowHeight)} R fill 0 setgray");
        Line(ps, $"/Courier-Bold 9 F (ITEM) {F(columns[0] + 4)} {F(top - 11)} T (DESCRIPTION) {F(columns[1] + 4)} {F(top - 11)} T (QTY) {F(columns[2] + 4)} {F(top - 11)} T (PRICE) {F(columns[3] + 4)} {F(top - 11)} T (AMOUNT) {F(columns[4] + 4)} {F(top - 11)} T /Courier 9 F");
        for (int r = 1; r <= rows; r++)
        {
            double baseline = top - (r * rowHeight) - 11;
            int quantity = 1 + random.Next(250);
            double price = Math.Round(random.NextDouble() * 400, 2);
            Line(ps, string.Create(CultureInfo.InvariantCulture,
                $"({r:000}) {F(columns[0] + 4)} {F(baseline)} T ({Escape(Sentence(random, 36))}) {F(columns[1] + 4)} {F(baseline)} T ({quantity}) {F(columns[2] + 4)} {F(baseline)} T ({price:0.00}) {F(columns[3] + 4)} {F(baseline)} T ({quantity * price:0.00}) {F(columns[4] + 4)} {F(baseline)} T"));
        }

        double bottom = top - ((rows + 1) * rowHeight);
        for (int r = 0; r <= rows + 1; r++)
        {
            double ry = top - (r * rowHeight);
            Line(ps, $"{F(Margin)} {F(ry)} moveto {F(right)} {F(ry)} lineto stroke");
        }

        foreach (double x in columns)
        {
            Line(ps, $"{F(x)} {F(top)} moveto {F(x)} {F(bottom)} lineto stroke");
        }

        return bottom - 6;
    }

    private static double Boxed(StringBuilder ps, Random random, double y, double right)
    {
        const double height = 54;
        double width = 180 + random.Next(200);
        Line(ps, $"2 setlinewidth {F(Margin)} {F(y - height)} {F(width)} {F(height)} R stroke");
        Line(ps, $"/Helvetica-Bold 12 F ({Escape(Title(random))}) {F(Margin + 8)} {F(y - 18)} T");
        Line(ps, $"/Helvetica 9 F ({Escape(Sentence(random, (int)(width / 5)))}) {F(Margin + 8)} {F(y - 34)} T");
        Line(ps, $"({Escape(Sentence(random, (int)(width / 6)))}) {F(Margin + 8)} {F(y - 46)} T");
        if (right - Margin - width > 140)
        {
            Line(ps, $"1 setlinewidth [4 2] 0 setdash {F(Margin + width + 20)} {F(y - height)} {F(right - Margin - width - 20)} {F(height)} R stroke [] 0 setdash");
            Line(ps, $"/Courier 10 F (REF {random.Next(100000, 999999)}/{random.Next(10, 99)}) {F(Margin + width + 30)} {F(y - 30)} T");
        }

        return y - height - 6;
    }

    private static string Title(Random random)
    {
        string text = Sentence(random, 30);
        return string.Concat(text[..1].ToUpperInvariant(), text[1..]);
    }

    private static string Sentence(Random random, int length)
    {
        var text = new StringBuilder();
        bool capital = true;
        while (text.Length < length)
        {
            string word = Words[random.Next(Words.Length)];
            if (capital)
            {
                word = string.Concat(word[..1].ToUpperInvariant(), word[1..]);
                capital = false;
            }

            text.Append(word);
            int punctuation = random.Next(12);
            if (punctuation == 0)
            {
                text.Append('.');
                capital = true;
            }
            else if (punctuation == 1)
            {
                text.Append(',');
            }

            text.Append(' ');
        }

        return text.ToString().TrimEnd();
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("(", "\\(").Replace(")", "\\)");

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder ps, string text) => ps.Append(text).Append('\n');
}
