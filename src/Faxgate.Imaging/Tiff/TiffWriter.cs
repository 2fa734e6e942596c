using System.Buffers.Binary;
using System.Text;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;

namespace Faxgate.Imaging.Tiff;

/// <summary>Settings for writing TIFF Class F.</summary>
public sealed record TiffWriteOptions
{
    /// <summary>MH or MR (compression 3) or MMR (compression 4).</summary>
    public CodingScheme Scheme { get; init; } = CodingScheme.Mmr;

    /// <summary>Write FillOrder 2 (least significant bit first), as some fax software expects.</summary>
    public bool LsbFirst { get; init; }

    /// <summary>T.4 only: fill bits so that every EOL ends on a byte boundary (T4Options bit 2).</summary>
    public bool FillBits { get; init; } = true;

    public string Software { get; init; } = "Faxgate";

    /// <summary>Written as DateTime on every page when set.</summary>
    public DateTimeOffset? Timestamp { get; init; }
}

/// <summary>
/// Writes pages as TIFF Class F (RFC 2306): one strip per page, CCITT coded, WhiteIsZero, with
/// resolution, page numbers and, for received pages, the bad-line counts. A page's coded form is
/// reused without re-encoding when it already has the coding asked for.
/// </summary>
public static class TiffWriter
{
    private const int Compression3 = TiffCompression.CcittT4;
    private const int Compression4 = TiffCompression.CcittT6;

    public static void Write(Stream output, IReadOnlyList<BilevelPage> pages, TiffWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(pages);
        options ??= new TiffWriteOptions();
        if (pages.Count is 0 or > ushort.MaxValue)
        {
            throw new ArgumentException("a TIFF needs 1 to 65535 pages", nameof(pages));
        }

        Span<byte> header = stackalloc byte[8];
        "II*\0"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], 8);
        output.Write(header);
        long position = 8;
        for (int i = 0; i < pages.Count; i++)
        {
            byte[] data = CodedData(pages[i], options);
            var ifd = Directory(pages[i], options, i, pages.Count, data.Length);
            byte[] block = ifd.Serialize(position, data.Length, last: i == pages.Count - 1);
            output.Write(block);
            output.Write(data);
            position += block.Length + data.Length;
            if ((position & 1) != 0 && i < pages.Count - 1)
            {
                output.WriteByte(0);
                position++;
            }
        }
    }

    public static byte[] Write(IReadOnlyList<BilevelPage> pages, TiffWriteOptions? options = null)
    {
        using var stream = new MemoryStream();
        Write(stream, pages, options);
        return stream.ToArray();
    }

    public static void Write(string path, IReadOnlyList<BilevelPage> pages, TiffWriteOptions? options = null)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Write(stream, pages, options);
    }

    private static byte[] CodedData(BilevelPage page, TiffWriteOptions options)
    {
        byte[] data = Reusable(page.Coded, options) ?? LineEncoder.Encode(page, EncoderOptions.ForTiff(options.Scheme, page.Resolution, options.FillBits));
        return options.LsbFirst ? BitOrder.ReversedCopy(data) : data;
    }

    /// <summary>The page's own coded data when a TIFF reader can take it as it is.</summary>
    private static byte[]? Reusable(CodedPage? coded, TiffWriteOptions options)
    {
        if (coded is null || coded.Scheme != options.Scheme || coded.ByteAlignedLines)
        {
            return null;
        }

        return coded.Scheme == CodingScheme.Mmr || coded.EndOfLine ? coded.Data : null;
    }

    private static DirectoryBuilder Directory(BilevelPage page, TiffWriteOptions options, int index, int count, int dataLength)
    {
        var ifd = new DirectoryBuilder();
        ifd.Long(TiffTag.NewSubfileType, 2);
        ifd.Long(TiffTag.ImageWidth, (uint)page.Width);
        ifd.Long(TiffTag.ImageLength, (uint)page.Height);
        ifd.Short(TiffTag.BitsPerSample, 1);
        ifd.Short(TiffTag.Compression, options.Scheme == CodingScheme.Mmr ? (ushort)Compression4 : (ushort)Compression3);
        ifd.Short(TiffTag.PhotometricInterpretation, 0);
        ifd.Short(TiffTag.FillOrder, options.LsbFirst ? (ushort)2 : (ushort)1);
        if (page.Description is { Length: > 0 } description)
        {
            ifd.Ascii(TiffTag.ImageDescription, description);
        }

        ifd.StripOffset();
        ifd.Short(TiffTag.SamplesPerPixel, 1);
        ifd.Long(TiffTag.RowsPerStrip, (uint)page.Height);
        ifd.Long(TiffTag.StripByteCounts, (uint)dataLength);
        ifd.Rational(TiffTag.XResolution, page.Resolution.X);
        ifd.Rational(TiffTag.YResolution, page.Resolution.Y);
        ifd.Short(TiffTag.PlanarConfiguration, 1);
        if (options.Scheme == CodingScheme.Mmr)
        {
            ifd.Long(TiffTag.T6Options, 0);
        }
        else
        {
            uint t4 = (options.Scheme == CodingScheme.Mr ? 1u : 0u) | (options.FillBits ? 4u : 0u);
            ifd.Long(TiffTag.T4Options, t4);
        }

        ifd.Short(TiffTag.ResolutionUnit, 2);
        ifd.Shorts(TiffTag.PageNumber, (ushort)index, (ushort)count);
        ifd.Ascii(TiffTag.Software, options.Software);
        if (options.Timestamp is { } timestamp)
        {
            ifd.Ascii(TiffTag.DateTime, timestamp.ToString("yyyy:MM:dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (page.Quality is { } quality)
        {
            ifd.Long(TiffTag.BadFaxLines, (uint)quality.BadLines);
            ifd.Short(TiffTag.CleanFaxData, quality.BadLines == 0 ? (ushort)0 : (ushort)1);
            ifd.Long(TiffTag.ConsecutiveBadFaxLines, (uint)quality.LongestBadRun);
        }

        return ifd;
    }

    /// <summary>Collects the entries of one directory and lays it out: entries, then their out-of-line values.</summary>
    private sealed class DirectoryBuilder
    {
        private readonly List<(ushort Tag, TiffFieldType Type, uint Count, byte[] Value)> _entries = [];

        public void Short(ushort tag, ushort value) => Shorts(tag, value);

        public void Shorts(ushort tag, params ushort[] values)
        {
            var bytes = new byte[values.Length * 2];
            for (int i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
            }

            _entries.Add((tag, TiffFieldType.Short, (uint)values.Length, bytes));
        }

        public void Long(ushort tag, uint value)
        {
            var bytes = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
            _entries.Add((tag, TiffFieldType.Long, 1, bytes));
        }

        public void Rational(ushort tag, double value)
        {
            (uint numerator, uint denominator) = ToRational(value);
            var bytes = new byte[8];
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, numerator);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), denominator);
            _entries.Add((tag, TiffFieldType.Rational, 1, bytes));
        }

        public void Ascii(ushort tag, string text)
        {
            byte[] bytes = [.. Encoding.Latin1.GetBytes(text.Replace('\0', ' ')), 0];
            _entries.Add((tag, TiffFieldType.Ascii, (uint)bytes.Length, bytes));
        }

        /// <summary>StripOffsets, whose value is only known when the directory is laid out.</summary>
        public void StripOffset()
        {
            _entries.Add((TiffTag.StripOffsets, TiffFieldType.Long, 1, new byte[4]));
        }

        /// <summary>The directory placed at <paramref name="position"/>, followed by its values; the strip follows the block.</summary>
        public byte[] Serialize(long position, int dataLength, bool last)
        {
            _entries.Sort((a, b) => a.Tag.CompareTo(b.Tag));
            int directorySize = 2 + (_entries.Count * 12) + 4;
            int valuesSize = _entries.Where(e => e.Value.Length > 4).Sum(e => (e.Value.Length + 1) & ~1);
            var block = new byte[directorySize + valuesSize];
            long dataOffset = position + block.Length;
            long nextOffset = last ? 0 : dataOffset + dataLength + ((dataOffset + dataLength) & 1);
            if (nextOffset > uint.MaxValue)
            {
                throw new InvalidOperationException("the TIFF would exceed 4 GiB");
            }

            BinaryPrimitives.WriteUInt16LittleEndian(block, (ushort)_entries.Count);
            int valueAt = directorySize;
            for (int i = 0; i < _entries.Count; i++)
            {
                (ushort tag, TiffFieldType type, uint count, byte[] value) = _entries[i];
                if (tag == TiffTag.StripOffsets)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(value, (uint)dataOffset);
                }

                Span<byte> entry = block.AsSpan(2 + (i * 12), 12);
                BinaryPrimitives.WriteUInt16LittleEndian(entry, tag);
                BinaryPrimitives.WriteUInt16LittleEndian(entry[2..], (ushort)type);
                BinaryPrimitives.WriteUInt32LittleEndian(entry[4..], count);
                if (value.Length <= 4)
                {
                    value.CopyTo(entry[8..]);
                }
                else
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], (uint)(position + valueAt));
                    value.CopyTo(block.AsSpan(valueAt));
                    valueAt += (value.Length + 1) & ~1;
                }
            }

            BinaryPrimitives.WriteUInt32LittleEndian(block.AsSpan(directorySize - 4), (uint)nextOffset);
            return block;
        }

        private static (uint Numerator, uint Denominator) ToRational(double value)
        {
            if (Math.Abs(value - Math.Round(value)) < 1e-9)
            {
                return ((uint)Math.Round(value), 1);
            }

            const uint denominator = 10000;
            return ((uint)Math.Round(value * denominator), denominator);
        }
    }
}
