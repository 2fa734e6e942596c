using System.Text;

namespace Faxgate.Sip.Messages;

/// <summary>The character classes of the RFC 3261 section 25.1 grammar, and its escapes.</summary>
public static class SipSyntax
{
    private const string Marks = "-_.!~*'()";

    /// <summary>token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~").</summary>
    public static bool IsTokenChar(int c) => IsAlphanumeric(c) || c is '-' or '.' or '!' or '%' or '*' or '_' or '+' or '`' or '\'' or '~';

    public static bool IsAlphanumeric(int c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9';

    public static bool IsDigit(int c) => c is >= '0' and <= '9';

    /// <summary>unreserved = alphanum / mark.</summary>
    public static bool IsUnreserved(int c) => IsAlphanumeric(c) || Marks.Contains((char)c, StringComparison.Ordinal);

    /// <summary>user = 1*( unreserved / escaped / user-unreserved ).</summary>
    public static bool IsUserChar(int c) => IsUnreserved(c) || c is '&' or '=' or '+' or '$' or ',' or ';' or '?' or '/';

    /// <summary>password = *( unreserved / escaped / "&amp;" / "=" / "+" / "$" / "," ).</summary>
    public static bool IsPasswordChar(int c) => IsUnreserved(c) || c is '&' or '=' or '+' or '$' or ',';

    /// <summary>paramchar = param-unreserved / unreserved / escaped.</summary>
    public static bool IsParamChar(int c) => IsUnreserved(c) || c is '[' or ']' or '/' or ':' or '&' or '+' or '$';

    /// <summary>hname/hvalue characters = hnv-unreserved / unreserved / escaped.</summary>
    public static bool IsHeaderChar(int c) => IsUnreserved(c) || c is '[' or ']' or '/' or '?' or ':' or '+' or '$';

    public static bool IsDigits(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!IsDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsHostChar(int c) => IsAlphanumeric(c) || c is '-' or '.' or '_';

    public static bool IsWhitespace(int c) => c is ' ' or '\t';

    public static bool IsToken(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!IsTokenChar(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Decodes %HH escapes; false when a '%' is not followed by two hex digits or a character is outside the class.</summary>
    public static bool TryUnescape(ReadOnlySpan<char> text, Func<int, bool> allowed, out string value)
    {
        value = string.Empty;
        if (!text.Contains('%'))
        {
            foreach (char c in text)
            {
                if (!allowed(c))
                {
                    return false;
                }
            }

            value = text.ToString();
            return true;
        }

        var bytes = new List<byte>(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '%')
            {
                if (i + 2 >= text.Length || !IsHex(text[i + 1]) || !IsHex(text[i + 2]))
                {
                    return false;
                }

                bytes.Add((byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2])));
                i += 2;
            }
            else if (allowed(c))
            {
                bytes.Add((byte)c);
            }
            else
            {
                return false;
            }
        }

        value = Encoding.UTF8.GetString([.. bytes]);
        return true;
    }

    /// <summary>Writes <paramref name="value"/> with every character outside <paramref name="allowed"/> (and '%') escaped as %HH of its UTF-8.</summary>
    public static void AppendEscaped(StringBuilder builder, string value, Func<int, bool> allowed)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(allowed);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (Rune rune in value.EnumerateRunes())
        {
            if (rune.Value < 0x80 && rune.Value != '%' && allowed(rune.Value))
            {
                builder.Append((char)rune.Value);
                continue;
            }

            int length = rune.EncodeToUtf8(utf8);
            for (int i = 0; i < length; i++)
            {
                builder.Append('%').Append(utf8[i].ToString("X2"));
            }
        }
    }

    /// <summary>A quoted-string with '"' and '\' escaped by quoted-pairs.</summary>
    public static void AppendQuoted(StringBuilder builder, string value)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(value);
        builder.Append('"');
        foreach (char c in value)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        builder.Append('"');
    }

    private static bool IsHex(char c) => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F';

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
