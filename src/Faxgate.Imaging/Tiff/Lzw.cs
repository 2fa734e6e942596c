namespace Faxgate.Imaging.Tiff;

/// <summary>
/// TIFF LZW decoding (TIFF 6.0 section 13): variable-width codes of 9 to 12 bits, most
/// significant bit first, with the early code-width change TIFF uses, Clear (256) and EOI (257).
/// </summary>
internal static class Lzw
{
    private const int Clear = 256;
    private const int EndOfInformation = 257;
    private const int TableSize = 4096;

    /// <summary>Decodes into <paramref name="output"/>; returns the bytes produced. Broken data ends decoding early.</summary>
    public static int Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        // Each entry is a string: its last byte, the entry it extends, and its length.
        Span<ushort> prefix = stackalloc ushort[TableSize];
        Span<byte> suffix = stackalloc byte[TableSize];
        Span<ushort> length = stackalloc ushort[TableSize];
        for (int i = 0; i < 256; i++)
        {
            suffix[i] = (byte)i;
            length[i] = 1;
        }

        int next = 258;
        int width = 9;
        int previous = -1;
        int o = 0;
        long bitPosition = 0;
        long totalBits = (long)input.Length * 8;
        while (o < output.Length && bitPosition + width <= totalBits)
        {
            int code = ReadCode(input, bitPosition, width);
            bitPosition += width;
            if (code == EndOfInformation)
            {
                break;
            }

            if (code == Clear)
            {
                next = 258;
                width = 9;
                previous = -1;
                continue;
            }

            if (previous < 0)
            {
                if (code > 255)
                {
                    break;
                }

                output[o++] = (byte)code;
                previous = code;
                continue;
            }

            int first;
            if (code < next)
            {
                first = Emit(code, prefix, suffix, length, output, ref o);
            }
            else if (code == next)
            {
                // The KwKwK case: the new string is the previous one plus its own first byte.
                first = Emit(previous, prefix, suffix, length, output, ref o);
                if (o < output.Length)
                {
                    output[o++] = (byte)first;
                }
            }
            else
            {
                break;
            }

            if (next < TableSize)
            {
                prefix[next] = (ushort)previous;
                suffix[next] = (byte)first;
                length[next] = (ushort)Math.Min(length[previous] + 1, ushort.MaxValue);
                next++;
            }

            // TIFF switches to the wider code one entry early.
            width = next + 1 >= 2048 ? 12 : next + 1 >= 1024 ? 11 : next + 1 >= 512 ? 10 : 9;
            previous = code;
        }

        return o;
    }

    private static int ReadCode(ReadOnlySpan<byte> input, long bitPosition, int width)
    {
        int at = (int)(bitPosition >> 3);
        int value = input[at] << 16;
        if (at + 1 < input.Length)
        {
            value |= input[at + 1] << 8;
        }

        if (at + 2 < input.Length)
        {
            value |= input[at + 2];
        }

        int shift = 24 - width - (int)(bitPosition & 7);
        return (value >> shift) & ((1 << width) - 1);
    }

    /// <summary>Writes the string for <paramref name="code"/> (truncated at the end of the output); returns its first byte.</summary>
    private static int Emit(int code, Span<ushort> prefix, Span<byte> suffix, Span<ushort> length, Span<byte> output, ref int o)
    {
        int n = length[code];
        int end = o + n;
        int c = code;
        for (int i = end - 1; i >= o; i--)
        {
            if (i < output.Length)
            {
                output[i] = suffix[c];
            }

            if (i > o)
            {
                c = prefix[c];
            }
        }

        o = Math.Min(end, output.Length);
        return suffix[c];
    }
}
