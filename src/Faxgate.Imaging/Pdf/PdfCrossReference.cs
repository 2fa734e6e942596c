namespace Faxgate.Imaging.Pdf;

/// <summary>
/// Reads the cross-reference sections of a file from the last one back along /Prev (PDF 1.7,
/// 7.5.4 to 7.5.8): classic tables, cross-reference streams and hybrid files; the newest entry
/// for an object wins. When they are unusable, <see cref="Scan"/> finds the objects by their
/// "N G obj" headers instead, as PDF readers commonly do.
/// </summary>
internal static class PdfCrossReference
{
    private const int MaxSections = 1000;

    /// <summary>Reads the sections into <paramref name="entries"/>; returns the newest trailer.</summary>
    public static PdfDictionary Read(PdfFile file, Dictionary<int, PdfXrefEntry> entries)
    {
        ReadOnlySpan<byte> data = file.Data;
        int startxref = data.LastIndexOf("startxref"u8);
        if (startxref < 0)
        {
            throw new ImageFormatException("the file has no startxref");
        }

        var lexer = new PdfLexer(data, startxref + 9);
        PdfToken offset = lexer.Next();
        if (offset.Kind != PdfTokenKind.Integer)
        {
            throw new ImageFormatException("startxref is not followed by an offset", startxref);
        }

        PdfDictionary? newest = null;
        var visited = new HashSet<long>();
        long? next = offset.Integer;
        while (next is { } at)
        {
            if (!visited.Add(at) || visited.Count > MaxSections)
            {
                break;
            }

            PdfDictionary trailer = ReadSection(file, at, entries);
            newest ??= trailer;
            if (trailer["XRefStm"] is long hybrid && visited.Add(hybrid))
            {
                ReadSection(file, hybrid, entries);
            }

            next = trailer["Prev"] is long prev ? prev : null;
        }

        return newest ?? throw new ImageFormatException("the file has no trailer");
    }

    /// <summary>Finds every "N G obj" in the file, the last of each number winning, and the trailer or catalog.</summary>
    public static PdfDictionary? Scan(PdfFile file, Dictionary<int, PdfXrefEntry> entries, int maxObjects)
    {
        ReadOnlySpan<byte> data = file.Data;
        int from = 0;
        while (true)
        {
            int found = data[from..].IndexOf("obj"u8);
            if (found < 0)
            {
                break;
            }

            int at = from + found;
            from = at + 3;
            if (ObjectHeaderStart(data, at) is { } header)
            {
                if (entries.Count >= maxObjects)
                {
                    throw new ImageFormatException($"the file has more than the limit of {maxObjects} objects");
                }

                entries[header.Number] = PdfXrefEntry.InFile(header.Start);
            }
        }

        PdfDictionary? trailer = null;
        int trailerAt = data.LastIndexOf("trailer"u8);
        if (trailerAt >= 0)
        {
            try
            {
                var lexer = new PdfLexer(data, trailerAt + 7);
                trailer = PdfParser.Parse(ref lexer, file.Options.MaxDepth) as PdfDictionary;
            }
            catch (ImageFormatException)
            {
                trailer = null;
            }
        }

        return trailer;
    }

    private static (int Number, int Start)? ObjectHeaderStart(ReadOnlySpan<byte> data, int obj)
    {
        if (obj + 3 < data.Length && !PdfLexer.IsWhiteSpace(data[obj + 3]) && !PdfLexer.IsDelimiter(data[obj + 3]))
        {
            return null;
        }

        int i = obj - 1;
        if (!SkipBack(data, ref i, white: true) || !SkipBack(data, ref i, white: false) || !SkipBack(data, ref i, white: true))
        {
            return null;
        }

        int numberEnd = i + 1;
        if (!SkipBack(data, ref i, white: false))
        {
            return null;
        }

        int start = i + 1;
        if (i >= 0 && !PdfLexer.IsWhiteSpace(data[i]) && !PdfLexer.IsDelimiter(data[i]))
        {
            return null;
        }

        return int.TryParse(data[start..numberEnd], out int number) && number >= 0 ? (number, start) : null;
    }

    /// <summary>Moves back over at least one white-space character, or at least one digit.</summary>
    private static bool SkipBack(ReadOnlySpan<byte> data, ref int i, bool white)
    {
        int from = i;
        while (i >= 0 && i > from - 12 && (white ? PdfLexer.IsWhiteSpace(data[i]) : data[i] is >= (byte)'0' and <= (byte)'9'))
        {
            i--;
        }

        return i < from;
    }

    private static PdfDictionary ReadSection(PdfFile file, long at, Dictionary<int, PdfXrefEntry> entries)
    {
        if (at < 0 || at >= file.Data.Length)
        {
            throw new ImageFormatException("a cross-reference offset points outside the file", at);
        }

        var lexer = new PdfLexer(file.Data, (int)at);
        return lexer.IsKeyword(lexer.Peek(), "xref"u8)
            ? ReadTable(file, ref lexer, entries)
            : ReadStream(file, (int)at, entries);
    }

    private static PdfDictionary ReadTable(PdfFile file, ref PdfLexer lexer, Dictionary<int, PdfXrefEntry> entries)
    {
        lexer.Next();
        while (true)
        {
            PdfToken token = lexer.Next();
            if (lexer.IsKeyword(token, "trailer"u8))
            {
                return PdfParser.Parse(ref lexer, file.Options.MaxDepth) as PdfDictionary
                    ?? throw lexer.Error("the trailer is not a dictionary", token.Start);
            }

            PdfToken count = lexer.Next();
            if (token.Kind != PdfTokenKind.Integer || count.Kind != PdfTokenKind.Integer || token.Integer < 0 || count.Integer < 0)
            {
                throw lexer.Error("a cross-reference subsection does not start with two numbers", token.Start);
            }

            CheckCount(file, entries, token.Integer + count.Integer);
            for (long i = 0; i < count.Integer; i++)
            {
                PdfToken offset = lexer.Next();
                PdfToken generation = lexer.Next();
                PdfToken kind = lexer.Next();
                bool inUse = lexer.IsKeyword(kind, "n"u8);
                if (offset.Kind != PdfTokenKind.Integer || generation.Kind != PdfTokenKind.Integer || !(inUse || lexer.IsKeyword(kind, "f"u8)))
                {
                    throw lexer.Error("a cross-reference entry is not \"offset generation n|f\"", offset.Start);
                }

                entries.TryAdd((int)(token.Integer + i), inUse ? PdfXrefEntry.InFile(offset.Integer) : PdfXrefEntry.Free);
            }
        }
    }

    private static PdfDictionary ReadStream(PdfFile file, int at, Dictionary<int, PdfXrefEntry> entries)
    {
        if (file.ParseIndirect(at) is not PdfStream stream || !stream.Dictionary.Is("Type", "XRef"))
        {
            throw new ImageFormatException("startxref points at neither a cross-reference table nor a stream", at);
        }

        PdfDictionary dictionary = stream.Dictionary;
        if (dictionary["W"] is not List<object?> { Count: 3 } w || w.Any(x => x is not long width || width is < 0 or > 8))
        {
            throw new ImageFormatException("a cross-reference stream has no usable /W", at);
        }

        int[] widths = [.. w.Select(x => (int)(long)x!)];
        long size = dictionary["Size"] as long? ?? 0;
        List<object?> index = dictionary["Index"] as List<object?> ?? [0L, size];
        byte[] data = file.DecodeStream(stream);
        int entryLength = widths.Sum();
        int position = 0;
        for (int i = 0; i + 1 < index.Count; i += 2)
        {
            if (index[i] is not long first || index[i + 1] is not long count || first < 0 || count < 0)
            {
                throw new ImageFormatException("a cross-reference stream has a broken /Index", at);
            }

            CheckCount(file, entries, first + count);
            for (long n = 0; n < count && position + entryLength <= data.Length; n++)
            {
                long type = widths[0] == 0 ? 1 : Field(data, ref position, widths[0]);
                long field2 = Field(data, ref position, widths[1]);
                long field3 = Field(data, ref position, widths[2]);
                PdfXrefEntry entry = type switch
                {
                    0 => PdfXrefEntry.Free,
                    1 => PdfXrefEntry.InFile(field2),
                    2 when field2 <= int.MaxValue && field3 <= int.MaxValue => PdfXrefEntry.Compressed((int)field2, (int)field3),
                    _ => PdfXrefEntry.Free,
                };
                entries.TryAdd((int)(first + n), entry);
            }
        }

        return dictionary;
    }

    private static long Field(byte[] data, ref int position, int width)
    {
        long value = 0;
        for (int i = 0; i < width; i++)
        {
            value = (value << 8) | data[position++];
        }

        return value;
    }

    private static void CheckCount(PdfFile file, Dictionary<int, PdfXrefEntry> entries, long highest)
    {
        if (highest > file.Options.MaxObjects || entries.Count > file.Options.MaxObjects)
        {
            throw new ImageFormatException($"the file has more than the limit of {file.Options.MaxObjects} objects");
        }
    }
}
