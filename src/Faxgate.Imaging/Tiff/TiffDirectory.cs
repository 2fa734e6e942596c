using System.Buffers.Binary;
using System.Text;

namespace Faxgate.Imaging.Tiff;

/// <summary>One image file directory: its entries by tag, read lazily and bounds-checked from the file.</summary>
internal sealed class TiffDirectory
{
    private const int EntrySize = 12;

    private readonly byte[] _file;
    private readonly bool _bigEndian;
    private readonly Dictionary<ushort, Entry> _entries;

    private TiffDirectory(byte[] file, bool bigEndian, long offset, Dictionary<ushort, Entry> entries, long next)
    {
        _file = file;
        _bigEndian = bigEndian;
        _entries = entries;
        Offset = offset;
        NextOffset = next;
    }

    public long Offset { get; }

    /// <summary>Offset of the next directory, 0 at the end of the chain.</summary>
    public long NextOffset { get; }

    private readonly record struct Entry(ushort Tag, TiffFieldType Type, long Count, long ValueOffset, long EntryOffset);

    public static TiffDirectory Parse(byte[] file, bool bigEndian, long offset, TiffReadOptions options)
    {
        if (offset < 8 || offset + 2 > file.Length)
        {
            throw new ImageFormatException("image file directory offset is outside the file", offset);
        }

        int count = ReadUInt16(file, offset, bigEndian);
        if (count == 0 || count > options.MaxDirectoryEntries)
        {
            throw new ImageFormatException($"image file directory has {count} entries (limit {options.MaxDirectoryEntries})", offset);
        }

        long end = offset + 2 + ((long)count * EntrySize);
        if (end + 4 > file.Length)
        {
            throw new ImageFormatException("image file directory runs past the end of the file", offset);
        }

        var entries = new Dictionary<ushort, Entry>(count);
        for (int i = 0; i < count; i++)
        {
            long at = offset + 2 + ((long)i * EntrySize);
            ushort tag = ReadUInt16(file, at, bigEndian);
            var type = (TiffFieldType)ReadUInt16(file, at + 2, bigEndian);
            long values = ReadUInt32(file, at + 4, bigEndian);
            int size = SizeOf(type);
            if (size == 0)
            {
                continue; // unknown field type: TIFF 6.0 says to ignore the entry
            }

            long bytes = values * size;
            long valueOffset = bytes <= 4 ? at + 8 : ReadUInt32(file, at + 8, bigEndian);
            if (valueOffset + bytes > file.Length)
            {
                throw new ImageFormatException($"the values of tag {tag} lie outside the file", at);
            }

            entries.TryAdd(tag, new Entry(tag, type, values, valueOffset, at));
        }

        return new TiffDirectory(file, bigEndian, offset, entries, ReadUInt32(file, end, bigEndian));
    }

    public bool Has(ushort tag) => _entries.ContainsKey(tag);

    /// <summary>The first value of an integer tag, or null when the tag is absent.</summary>
    public long? Integer(ushort tag)
    {
        if (!_entries.TryGetValue(tag, out Entry entry) || entry.Count == 0)
        {
            return null;
        }

        return IntegerAt(entry, 0);
    }

    /// <summary>All values of an integer tag, at most <paramref name="maxCount"/>.</summary>
    public long[]? Integers(ushort tag, long maxCount)
    {
        if (!_entries.TryGetValue(tag, out Entry entry))
        {
            return null;
        }

        if (entry.Count > maxCount)
        {
            throw new ImageFormatException($"tag {tag} has {entry.Count} values, more than the {maxCount} this image can have", entry.EntryOffset);
        }

        var values = new long[entry.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = IntegerAt(entry, i);
        }

        return values;
    }

    /// <summary>The first value of a RATIONAL (or integer) tag; null when absent or 0/0.</summary>
    public double? Number(ushort tag)
    {
        if (!_entries.TryGetValue(tag, out Entry entry) || entry.Count == 0)
        {
            return null;
        }

        switch (entry.Type)
        {
            case TiffFieldType.Rational:
            case TiffFieldType.SRational:
                long numerator = ReadUInt32(_file, entry.ValueOffset, _bigEndian);
                long denominator = ReadUInt32(_file, entry.ValueOffset + 4, _bigEndian);
                return denominator == 0 ? null : (double)numerator / denominator;
            case TiffFieldType.Float:
                return BitConverter.Int32BitsToSingle((int)ReadUInt32(_file, entry.ValueOffset, _bigEndian));
            case TiffFieldType.Double:
                long bits = _bigEndian
                    ? BinaryPrimitives.ReadInt64BigEndian(_file.AsSpan((int)entry.ValueOffset))
                    : BinaryPrimitives.ReadInt64LittleEndian(_file.AsSpan((int)entry.ValueOffset));
                return BitConverter.Int64BitsToDouble(bits);
            default:
                return IntegerAt(entry, 0);
        }
    }

    /// <summary>An ASCII tag up to its first NUL, at most <paramref name="maxLength"/> characters.</summary>
    public string? Text(ushort tag, int maxLength)
    {
        if (!_entries.TryGetValue(tag, out Entry entry) || entry.Type != TiffFieldType.Ascii)
        {
            return null;
        }

        var bytes = new ReadOnlySpan<byte>(_file, (int)entry.ValueOffset, (int)Math.Min(entry.Count, maxLength));
        int nul = bytes.IndexOf((byte)0);
        string text = Encoding.Latin1.GetString(nul >= 0 ? bytes[..nul] : bytes);
        return text.Length == 0 ? null : text;
    }

    private long IntegerAt(Entry entry, long index)
    {
        long at = entry.ValueOffset + (index * SizeOf(entry.Type));
        return entry.Type switch
        {
            TiffFieldType.Byte or TiffFieldType.Undefined => _file[at],
            TiffFieldType.SByte => (sbyte)_file[at],
            TiffFieldType.Short => ReadUInt16(_file, at, _bigEndian),
            TiffFieldType.SShort => (short)ReadUInt16(_file, at, _bigEndian),
            TiffFieldType.Long or TiffFieldType.Ifd => ReadUInt32(_file, at, _bigEndian),
            TiffFieldType.SLong => (int)ReadUInt32(_file, at, _bigEndian),
            TiffFieldType.Rational or TiffFieldType.SRational => (long)(Number(entry.Tag) ?? 0),
            _ => throw new ImageFormatException($"tag {entry.Tag} should be an integer, not {entry.Type}", entry.EntryOffset),
        };
    }

    private static int SizeOf(TiffFieldType type) => type switch
    {
        TiffFieldType.Byte or TiffFieldType.Ascii or TiffFieldType.SByte or TiffFieldType.Undefined => 1,
        TiffFieldType.Short or TiffFieldType.SShort => 2,
        TiffFieldType.Long or TiffFieldType.SLong or TiffFieldType.Float or TiffFieldType.Ifd => 4,
        TiffFieldType.Rational or TiffFieldType.SRational or TiffFieldType.Double => 8,
        _ => 0,
    };

    public static ushort ReadUInt16(byte[] file, long at, bool bigEndian) => bigEndian
        ? BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan((int)at, 2))
        : BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan((int)at, 2));

    public static uint ReadUInt32(byte[] file, long at, bool bigEndian) => bigEndian
        ? BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan((int)at, 4))
        : BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan((int)at, 4));
}
