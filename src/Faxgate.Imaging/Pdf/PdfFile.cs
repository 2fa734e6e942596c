namespace Faxgate.Imaging.Pdf;

/// <summary>
/// The objects of one PDF file (PDF 1.7, 7.5): found through the cross-reference sections, or by
/// scanning the file when those are damaged; parsed on first use and kept; streams decoded
/// through their filters within the limits.
/// </summary>
internal sealed class PdfFile
{
    private const int MaxReferenceHops = 32;

    private readonly byte[] _data;
    private readonly Dictionary<int, PdfXrefEntry> _entries = [];
    private readonly Dictionary<int, object?> _objects = [];
    private readonly Dictionary<int, ObjectStream> _objectStreams = [];
    private readonly HashSet<int> _resolving = [];
    private bool _scanned;

    private PdfFile(byte[] data, PdfReadOptions options)
    {
        _data = data;
        Options = options;
    }

    public ReadOnlySpan<byte> Data => _data;

    public PdfReadOptions Options { get; }

    public PdfDictionary Trailer { get; private set; } = new();

    public List<string> Warnings { get; } = [];

    public static PdfFile Open(byte[] data, PdfReadOptions options)
    {
        var file = new PdfFile(data, options);
        try
        {
            file.Trailer = PdfCrossReference.Read(file, file._entries);
            if (file.Trailer["Root"] is not PdfReference)
            {
                throw new ImageFormatException("the trailer has no /Root");
            }
        }
        catch (ImageFormatException e)
        {
            file.Warnings.Add($"the cross-reference table is unusable ({e.Message}); the objects were found by scanning the file");
            file.Rescan();
        }

        return file;
    }

    /// <summary>The value itself, or the object a reference points to (null for a missing object).</summary>
    public object? Resolve(object? value)
    {
        for (int hops = 0; value is PdfReference reference; hops++)
        {
            if (hops >= MaxReferenceHops)
            {
                throw new ImageFormatException($"object {reference.Number} is a chain of references too long to follow");
            }

            value = Get(reference.Number);
        }

        return value;
    }

    public PdfDictionary? Dictionary(object? value) => Resolve(value) switch
    {
        PdfDictionary d => d,
        PdfStream s => s.Dictionary,
        _ => null,
    };

    public long? Integer(object? value) => Resolve(value) switch
    {
        long l => l,
        double d when double.IsFinite(d) && Math.Abs(d) < long.MaxValue => (long)d,
        _ => null,
    };

    public double? Number(object? value) => Resolve(value) switch
    {
        long l => l,
        double d when double.IsFinite(d) => d,
        _ => null,
    };

    /// <summary>Parses "N G obj ... endobj" at <paramref name="offset"/>: a direct object or a <see cref="PdfStream"/>.</summary>
    public object? ParseIndirect(int offset, int? expected = null)
    {
        var lexer = new PdfLexer(_data, offset);
        PdfToken number = lexer.Next();
        PdfToken generation = lexer.Next();
        if (number.Kind != PdfTokenKind.Integer || generation.Kind != PdfTokenKind.Integer || !lexer.IsKeyword(lexer.Next(), "obj"u8)
            || (expected is { } n && number.Integer != n))
        {
            throw new ImageFormatException(expected is null ? "no object starts here" : $"object {expected} is not where the cross-reference table says", offset);
        }

        object? value = PdfParser.Parse(ref lexer, Options.MaxDepth);
        if (value is not PdfDictionary dictionary || !lexer.IsKeyword(lexer.Peek(), "stream"u8))
        {
            return value;
        }

        lexer.Next();
        int start = lexer.Position;
        if (start < _data.Length && _data[start] == '\r')
        {
            start++;
        }

        if (start < _data.Length && _data[start] == '\n')
        {
            start++;
        }

        return new PdfStream(dictionary, start, StreamLength(dictionary, start), (int)number.Integer);
    }

    /// <summary>All of a stream's filters applied; an image filter here is an error.</summary>
    public byte[] DecodeStream(PdfStream stream)
    {
        List<(string Name, PdfDictionary? Parameters)> filters = Filters(stream);
        foreach ((string name, _) in filters)
        {
            if (!PdfFilters.IsSupported(name))
            {
                throw new ImageFormatException($"object {stream.Number}: the {name} filter is not supported");
            }
        }

        return PdfFilters.Decode(RawData(stream), filters, Options.MaxStreamBytes);
    }

    /// <summary>The first of the stream's filters that <see cref="DecodeStream"/> does not apply, or null.</summary>
    public string? UnsupportedFilter(PdfStream stream) =>
        Filters(stream).Select(f => f.Name).FirstOrDefault(name => !PdfFilters.IsSupported(name));

    public ReadOnlySpan<byte> RawData(PdfStream stream) => _data.AsSpan(stream.DataOffset, stream.DataLength);

    /// <summary>The stream's filters in order, each with its parameters.</summary>
    public List<(string Name, PdfDictionary? Parameters)> Filters(PdfStream stream)
    {
        object? filter = Resolve(stream.Dictionary["Filter"] ?? stream.Dictionary["F"]);
        object? parameters = Resolve(stream.Dictionary["DecodeParms"] ?? stream.Dictionary["DP"]);
        List<object?> names = filter switch
        {
            PdfName name => [name],
            List<object?> list => list,
            null => [],
            _ => throw new ImageFormatException($"object {stream.Number}: /Filter is neither a name nor an array"),
        };
        var filters = new List<(string, PdfDictionary?)>();
        for (int i = 0; i < names.Count; i++)
        {
            if (Resolve(names[i]) is not PdfName name)
            {
                throw new ImageFormatException($"object {stream.Number}: a filter is not a name");
            }

            object? p = parameters is List<object?> each ? (i < each.Count ? each[i] : null) : (i == 0 ? parameters : null);
            filters.Add((name.Value, Dictionary(p)));
        }

        return filters;
    }

    private object? Get(int number)
    {
        if (_objects.TryGetValue(number, out object? cached))
        {
            return cached;
        }

        if (!_resolving.Add(number))
        {
            throw new ImageFormatException($"object {number} refers to itself");
        }

        try
        {
            object? value;
            try
            {
                value = Load(number);
            }
            catch (ImageFormatException) when (!_scanned)
            {
                Warnings.Add($"object {number} is not where the cross-reference table says; the objects were found by scanning the file");
                Rescan();
                value = Load(number);
            }

            _objects[number] = value;
            return value;
        }
        finally
        {
            _resolving.Remove(number);
        }
    }

    private object? Load(int number)
    {
        if (!_entries.TryGetValue(number, out PdfXrefEntry entry))
        {
            return null;
        }

        return entry.Kind switch
        {
            PdfXrefEntryKind.InFile when entry.Offset >= 0 && entry.Offset < _data.Length => ParseIndirect((int)entry.Offset, number),
            PdfXrefEntryKind.InFile => throw new ImageFormatException($"object {number} lies outside the file", entry.Offset),
            PdfXrefEntryKind.Compressed => FromObjectStream(number, entry.Stream, entry.Index),
            _ => null,
        };
    }

    private void Rescan()
    {
        _scanned = true;
        _entries.Clear();
        _objects.Clear();
        _objectStreams.Clear();
        PdfDictionary? trailer = PdfCrossReference.Scan(this, _entries, Options.MaxObjects);
        IndexObjectStreams();
        if (trailer?["Root"] is PdfReference)
        {
            Trailer = trailer;
            return;
        }

        foreach (int number in _entries.Keys.Order().ToList())
        {
            try
            {
                if (Dictionary(new PdfReference(number, 0)) is { } d && d.Is("Type", "Catalog"))
                {
                    Trailer = new PdfDictionary { ["Root"] = new PdfReference(number, 0) };
                    return;
                }
            }
            catch (ImageFormatException)
            {
                // An unreadable object is simply not the catalog.
            }
        }

        throw new ImageFormatException("the file has no document catalog");
    }

    /// <summary>After a scan: the objects inside object streams, where no object of that number lies in the file.</summary>
    private void IndexObjectStreams()
    {
        foreach (int number in _entries.Keys.ToList())
        {
            try
            {
                if (Resolve(new PdfReference(number, 0)) is PdfStream { } s && s.Dictionary.Is("Type", "ObjStm"))
                {
                    ObjectStream objects = Objects(number);
                    for (int i = 0; i < objects.Numbers.Length; i++)
                    {
                        if (_entries.Count >= Options.MaxObjects)
                        {
                            throw new ImageFormatException($"the file has more than the limit of {Options.MaxObjects} objects");
                        }

                        _entries.TryAdd(objects.Numbers[i], PdfXrefEntry.Compressed(number, i));
                    }
                }
            }
            catch (ImageFormatException e) when (!e.Message.Contains("limit", StringComparison.Ordinal))
            {
                // A damaged object stream gives no objects.
            }
        }
    }

    private object? FromObjectStream(int number, int streamNumber, int index)
    {
        ObjectStream objects = Objects(streamNumber);
        if (index >= objects.Numbers.Length || objects.Numbers[index] != number)
        {
            index = Array.IndexOf(objects.Numbers, number);
        }

        if (index < 0)
        {
            return null;
        }

        var lexer = new PdfLexer(objects.Data, objects.Offsets[index]);
        return PdfParser.Parse(ref lexer, Options.MaxDepth);
    }

    private ObjectStream Objects(int streamNumber)
    {
        if (_objectStreams.TryGetValue(streamNumber, out ObjectStream? known))
        {
            return known;
        }

        if (Resolve(new PdfReference(streamNumber, 0)) is not PdfStream stream)
        {
            throw new ImageFormatException($"object stream {streamNumber} is missing");
        }

        byte[] data = DecodeStream(stream);
        long count = Integer(stream.Dictionary["N"]) ?? -1;
        long first = Integer(stream.Dictionary["First"]) ?? -1;
        if (count < 0 || count > Options.MaxObjects || first < 0 || first > data.Length)
        {
            throw new ImageFormatException($"object stream {streamNumber} has a broken /N or /First");
        }

        var numbers = new int[count];
        var offsets = new int[count];
        var lexer = new PdfLexer(data);
        for (int i = 0; i < count; i++)
        {
            PdfToken n = lexer.Next();
            PdfToken offset = lexer.Next();
            if (n.Kind != PdfTokenKind.Integer || offset.Kind != PdfTokenKind.Integer || n.Integer is < 0 or > int.MaxValue || offset.Integer < 0 || first + offset.Integer > data.Length)
            {
                throw new ImageFormatException($"object stream {streamNumber} has a broken header");
            }

            numbers[i] = (int)n.Integer;
            offsets[i] = (int)(first + offset.Integer);
        }

        var objects = new ObjectStream(data, numbers, offsets);
        _objectStreams[streamNumber] = objects;
        return objects;
    }

    /// <summary>/Length when it is right; otherwise the data up to "endstream".</summary>
    private int StreamLength(PdfDictionary dictionary, int start)
    {
        long? length = null;
        try
        {
            length = Integer(dictionary["Length"]);
        }
        catch (ImageFormatException)
        {
            // An unreadable /Length: measured below.
        }

        if (length is { } l && l >= 0 && l <= _data.Length - start)
        {
            var lexer = new PdfLexer(_data, start + (int)l);
            if (lexer.IsKeyword(lexer.Next(), "endstream"u8))
            {
                return (int)l;
            }
        }

        int end = _data.AsSpan(start).IndexOf("endstream"u8);
        if (end < 0)
        {
            throw new ImageFormatException("a stream does not end", start);
        }

        if (end > 0 && _data[start + end - 1] == '\n')
        {
            end--;
        }

        if (end > 0 && _data[start + end - 1] == '\r')
        {
            end--;
        }

        return end;
    }

    private sealed record ObjectStream(byte[] Data, int[] Numbers, int[] Offsets);
}
