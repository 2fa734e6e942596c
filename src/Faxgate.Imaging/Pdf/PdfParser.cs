namespace Faxgate.Imaging.Pdf;

/// <summary>Builds direct objects from tokens (PDF 1.7, 7.3), with a limit on nesting.</summary>
internal static class PdfParser
{
    public static object? Parse(ref PdfLexer lexer, int maxDepth) => Parse(ref lexer, lexer.Next(), maxDepth);

    public static object? Parse(ref PdfLexer lexer, PdfToken token, int depth)
    {
        switch (token.Kind)
        {
            case PdfTokenKind.Integer:
                return ReferenceOrInteger(ref lexer, token);
            case PdfTokenKind.Real:
                return token.Real;
            case PdfTokenKind.Name or PdfTokenKind.String:
                return token.Value;
            case PdfTokenKind.ArrayStart:
                return Array(ref lexer, token, depth);
            case PdfTokenKind.DictionaryStart:
                return Dictionary(ref lexer, token, depth);
            case PdfTokenKind.Keyword when lexer.IsKeyword(token, "true"u8):
                return true;
            case PdfTokenKind.Keyword when lexer.IsKeyword(token, "false"u8):
                return false;
            case PdfTokenKind.Keyword when lexer.IsKeyword(token, "null"u8):
                return null;
            case PdfTokenKind.End:
                throw lexer.Error("the data ends where an object was expected", token.Start);
            default:
                throw lexer.Error("an object was expected", token.Start);
        }
    }

    private static object ReferenceOrInteger(ref PdfLexer lexer, PdfToken number)
    {
        int after = lexer.Position;
        PdfToken generation = lexer.Next();
        if (generation.Kind == PdfTokenKind.Integer && lexer.IsKeyword(lexer.Next(), "R"u8)
            && number.Integer is >= 0 and <= int.MaxValue && generation.Integer is >= 0 and <= 65535)
        {
            return new PdfReference((int)number.Integer, (int)generation.Integer);
        }

        lexer.Position = after;
        return number.Integer;
    }

    private static List<object?> Array(ref PdfLexer lexer, PdfToken start, int depth)
    {
        if (depth <= 0)
        {
            throw lexer.Error("arrays and dictionaries are nested too deeply", start.Start);
        }

        var items = new List<object?>();
        while (true)
        {
            PdfToken token = lexer.Next();
            if (token.Kind == PdfTokenKind.ArrayEnd)
            {
                return items;
            }

            items.Add(Parse(ref lexer, token, depth - 1));
        }
    }

    private static PdfDictionary Dictionary(ref PdfLexer lexer, PdfToken start, int depth)
    {
        if (depth <= 0)
        {
            throw lexer.Error("arrays and dictionaries are nested too deeply", start.Start);
        }

        var dictionary = new PdfDictionary();
        while (true)
        {
            PdfToken key = lexer.Next();
            if (key.Kind == PdfTokenKind.DictionaryEnd)
            {
                return dictionary;
            }

            if (key.Kind != PdfTokenKind.Name)
            {
                throw lexer.Error(key.Kind == PdfTokenKind.End ? "a dictionary does not end" : "a dictionary key is not a name", key.Start);
            }

            PdfToken value = lexer.Next();
            if (value.Kind == PdfTokenKind.DictionaryEnd)
            {
                return dictionary; // a key without a value, as some writers leave it: the key is absent
            }

            dictionary[((PdfName)key.Value!).Value] = Parse(ref lexer, value, depth - 1);
        }
    }
}
