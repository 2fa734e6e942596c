using System.Globalization;
using System.Text;

namespace Faxgate.Imaging.Pdf;

/// <summary>Writing PDF's lexical pieces: numbers, strings and dates (PDF 1.7, 7.3 and 7.9.4).</summary>
internal static class PdfSyntax
{
    /// <summary>A real number with up to six decimals and no exponent.</summary>
    public static string Number(double value) =>
        Math.Round(value, 6).ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>A text string: literal when it is printable ASCII, otherwise UTF-16BE with a byte order mark.</summary>
    public static string Text(string text)
    {
        if (text.All(c => c is >= ' ' and <= '~'))
        {
            var literal = new StringBuilder("(");
            foreach (char c in text)
            {
                if (c is '(' or ')' or '\\')
                {
                    literal.Append('\\');
                }

                literal.Append(c);
            }

            return literal.Append(')').ToString();
        }

        return "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(text)) + ">";
    }

    /// <summary>A date string, D:YYYYMMDDHHmmSS+HH'mm'.</summary>
    public static string Date(DateTimeOffset when)
    {
        TimeSpan offset = when.Offset;
        string zone = offset == TimeSpan.Zero
            ? "Z"
            : string.Create(CultureInfo.InvariantCulture, $"{(offset < TimeSpan.Zero ? '-' : '+')}{Math.Abs(offset.Hours):00}'{Math.Abs(offset.Minutes):00}'");
        return "(D:" + when.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + zone + ")";
    }
}
