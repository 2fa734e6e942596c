namespace Faxgate.Sip.Messages;

/// <summary>
/// A cursor over an unfolded header value, with the RFC 3261 section 25.1 separators (SEMI, COMMA, EQUAL, SLASH,
/// COLON) that allow linear whitespace on either side.
/// </summary>
internal ref struct SipValueReader(ReadOnlySpan<char> text)
{
    private readonly ReadOnlySpan<char> _text = text;

    public int Position { get; set; }

    public readonly bool AtEnd => Position >= _text.Length;

    public readonly char Peek => Position < _text.Length ? _text[Position] : '\0';

    public readonly ReadOnlySpan<char> Rest => _text[Position..];

    public readonly ReadOnlySpan<char> Slice(int start, int end) => _text[start..end];

    public void SkipWhitespace()
    {
        while (Position < _text.Length && SipSyntax.IsWhitespace(_text[Position]))
        {
            Position++;
        }
    }

    /// <summary>SWS c SWS: true (and past it) when the next non-blank character is <paramref name="c"/>.</summary>
    public bool TrySeparator(char c)
    {
        int start = Position;
        SkipWhitespace();
        if (Peek == c)
        {
            Position++;
            SkipWhitespace();
            return true;
        }

        Position = start;
        return false;
    }

    public ReadOnlySpan<char> ReadToken()
    {
        int start = Position;
        while (Position < _text.Length && SipSyntax.IsTokenChar(_text[Position]))
        {
            Position++;
        }

        return _text[start..Position];
    }

    /// <summary>Reads while <paramref name="accept"/> holds for the character.</summary>
    public ReadOnlySpan<char> ReadWhile(Func<char, bool> accept)
    {
        int start = Position;
        while (Position < _text.Length && accept(_text[Position]))
        {
            Position++;
        }

        return _text[start..Position];
    }

    /// <summary>A quoted-string at the cursor, returned with its quotes; false when it is not terminated.</summary>
    public bool TryReadQuoted(out ReadOnlySpan<char> quoted)
    {
        quoted = default;
        if (Peek != '"')
        {
            return false;
        }

        int start = Position;
        int i = Position + 1;
        while (i < _text.Length)
        {
            char c = _text[i];
            if (c == '\\')
            {
                i += 2;
                continue;
            }

            if (c == '"')
            {
                Position = i + 1;
                quoted = _text[start..Position];
                return true;
            }

            i++;
        }

        return false;
    }

    /// <summary>The content of a quoted string (with quotes) with its quoted-pairs resolved.</summary>
    public static string Unquote(ReadOnlySpan<char> quoted)
    {
        ReadOnlySpan<char> inner = quoted[1..^1];
        if (!inner.Contains('\\'))
        {
            return inner.ToString();
        }

        var chars = new char[inner.Length];
        int n = 0;
        for (int i = 0; i < inner.Length; i++)
        {
            if (inner[i] == '\\' && i + 1 < inner.Length)
            {
                i++;
            }

            chars[n++] = inner[i];
        }

        return new string(chars, 0, n);
    }
}
