using System.Globalization;
using System.Text;

namespace Faxgate.Imaging.Pdf;

/// <summary>
/// Splits PDF bytes into tokens (PDF 1.7, 7.2): white space and comments are skipped, names and
/// strings are unescaped. Broken input ends in a token or an <see cref="ImageFormatException"/>
/// with the offset, <paramref name="baseOffset"/> added for data that is not the file itself.
/// </summary>
internal ref struct PdfLexer(ReadOnlySpan<byte> data, int position = 0, long baseOffset = 0)
{
    private readonly ReadOnlySpan<byte> _data = data;

    public int Position { get; set; } = position;

    public readonly ReadOnlySpan<byte> Data => _data;

    public readonly long BaseOffset => baseOffset;

    public static bool IsWhiteSpace(byte b) => b is 0 or 9 or 10 or 12 or 13 or 32;

    public static bool IsDelimiter(byte b) => b is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    public readonly bool IsKeyword(PdfToken token, ReadOnlySpan<byte> word) =>
        token.Kind == PdfTokenKind.Keyword && _data.Slice(token.Start, token.Length).SequenceEqual(word);

    public readonly ImageFormatException Error(string message, int at) => new(message, baseOffset + at);

    public void SkipWhiteSpace()
    {
        while (Position < _data.Length)
        {
            byte b = _data[Position];
            if (IsWhiteSpace(b))
            {
                Position++;
            }
            else if (b == '%')
            {
                while (Position < _data.Length && _data[Position] is not ((byte)'\n' or (byte)'\r'))
                {
                    Position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    public PdfToken Next()
    {
        SkipWhiteSpace();
        int start = Position;
        if (start >= _data.Length)
        {
            return new PdfToken(PdfTokenKind.End, start, 0);
        }

        byte b = _data[Position++];
        switch (b)
        {
            case (byte)'[':
                return new PdfToken(PdfTokenKind.ArrayStart, start, 1);
            case (byte)']':
                return new PdfToken(PdfTokenKind.ArrayEnd, start, 1);
            case (byte)'<' when Position < _data.Length && _data[Position] == '<':
                Position++;
                return new PdfToken(PdfTokenKind.DictionaryStart, start, 2);
            case (byte)'>' when Position < _data.Length && _data[Position] == '>':
                Position++;
                return new PdfToken(PdfTokenKind.DictionaryEnd, start, 2);
            case (byte)'<':
                return HexString(start);
            case (byte)'(':
                return LiteralString(start);
            case (byte)'/':
                return Name(start);
            case (byte)'{' or (byte)'}' or (byte)')' or (byte)'>':
                return new PdfToken(PdfTokenKind.Keyword, start, 1);
            default:
                while (Position < _data.Length && !IsWhiteSpace(_data[Position]) && !IsDelimiter(_data[Position]))
                {
                    Position++;
                }

                return Regular(start);
        }
    }

    /// <summary>The next token without consuming it.</summary>
    public PdfToken Peek()
    {
        int at = Position;
        PdfToken token = Next();
        Position = at;
        return token;
    }

    private readonly PdfToken Regular(int start)
    {
        ReadOnlySpan<byte> text = _data[start..Position];
        bool numeric = text.Length > 0;
        int digits = 0;
        int dots = 0;
        for (int i = 0; i < text.Length && numeric; i++)
        {
            byte c = text[i];
            if (c is >= (byte)'0' and <= (byte)'9')
            {
                digits++;
            }
            else if (c == '.')
            {
                dots++;
            }
            else if (!(c is (byte)'+' or (byte)'-' && i == 0))
            {
                numeric = false;
            }
        }

        if (!numeric || digits == 0 || dots > 1)
        {
            return new PdfToken(PdfTokenKind.Keyword, start, text.Length);
        }

        if (dots == 0 && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
        {
            return new PdfToken(PdfTokenKind.Integer, start, text.Length, Integer: integer);
        }

        double real = double.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return new PdfToken(PdfTokenKind.Real, start, text.Length, Real: real);
    }

    private PdfToken Name(int start)
    {
        var name = new StringBuilder();
        while (Position < _data.Length && !IsWhiteSpace(_data[Position]) && !IsDelimiter(_data[Position]))
        {
            byte c = _data[Position++];
            if (c == '#' && Position + 1 < _data.Length && HexValue(_data[Position]) >= 0 && HexValue(_data[Position + 1]) >= 0)
            {
                c = (byte)((HexValue(_data[Position]) << 4) | HexValue(_data[Position + 1]));
                Position += 2;
            }

            name.Append((char)c);
        }

        return new PdfToken(PdfTokenKind.Name, start, Position - start, Value: new PdfName(name.ToString()));
    }

    private PdfToken HexString(int start)
    {
        var bytes = new List<byte>();
        int high = -1;
        while (true)
        {
            if (Position >= _data.Length)
            {
                throw Error("a hexadecimal string does not end", start);
            }

            byte c = _data[Position++];
            if (c == '>')
            {
                break;
            }

            int v = HexValue(c);
            if (v < 0)
            {
                if (IsWhiteSpace(c))
                {
                    continue;
                }

                throw Error("a hexadecimal string holds a character that is not a hex digit", Position - 1);
            }

            if (high < 0)
            {
                high = v;
            }
            else
            {
                bytes.Add((byte)((high << 4) | v));
                high = -1;
            }
        }

        if (high >= 0)
        {
            bytes.Add((byte)(high << 4));
        }

        return new PdfToken(PdfTokenKind.String, start, Position - start, Value: new PdfString([.. bytes]));
    }

    private PdfToken LiteralString(int start)
    {
        var bytes = new List<byte>();
        int depth = 1;
        while (true)
        {
            if (Position >= _data.Length)
            {
                throw Error("a string does not end", start);
            }

            byte c = _data[Position++];
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0)
            {
                break;
            }
            else if (c == '\\' && Position < _data.Length)
            {
                c = _data[Position++];
                switch (c)
                {
                    case (byte)'n': c = (byte)'\n'; break;
                    case (byte)'r': c = (byte)'\r'; break;
                    case (byte)'t': c = (byte)'\t'; break;
                    case (byte)'b': c = 8; break;
                    case (byte)'f': c = 12; break;
                    case (byte)'\r':
                        if (Position < _data.Length && _data[Position] == '\n')
                        {
                            Position++;
                        }

                        continue;
                    case (byte)'\n':
                        continue;
                    case >= (byte)'0' and <= (byte)'7':
                        int value = c - '0';
                        for (int i = 0; i < 2 && Position < _data.Length && _data[Position] is >= (byte)'0' and <= (byte)'7'; i++)
                        {
                            value = (value << 3) + (_data[Position++] - '0');
                        }

                        c = (byte)value;
                        break;
                }
            }

            bytes.Add(c);
        }

        return new PdfToken(PdfTokenKind.String, start, Position - start, Value: new PdfString([.. bytes]));
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
