using System.IO.Compression;

namespace Faxgate.Imaging.Pdf;

/// <summary>
/// The general-purpose stream filters (PDF 1.7, 7.4): FlateDecode with PNG and TIFF predictors,
/// ASCIIHexDecode, ASCII85Decode and RunLengthDecode. Output is bounded; damaged data gives
/// what decoded before the damage.
/// </summary>
internal static class PdfFilters
{
    /// <summary>Whether <see cref="Decode"/> applies the filter (abbreviated names included).</summary>
    public static bool IsSupported(string name) => name is "FlateDecode" or "Fl" or "ASCIIHexDecode" or "AHx" or "ASCII85Decode" or "A85" or "RunLengthDecode" or "RL";

    public static byte[] Decode(ReadOnlySpan<byte> data, IReadOnlyList<(string Name, PdfDictionary? Parameters)> filters, int maxBytes)
    {
        byte[] current = data.ToArray();
        foreach ((string name, PdfDictionary? parameters) in filters)
        {
            current = name switch
            {
                "FlateDecode" or "Fl" => Predict(Inflate(current, maxBytes), parameters, maxBytes),
                "ASCIIHexDecode" or "AHx" => AsciiHex(current),
                "ASCII85Decode" or "A85" => Ascii85(current),
                "RunLengthDecode" or "RL" => RunLength(current, maxBytes),
                _ => throw new ImageFormatException($"the {name} filter is not supported"),
            };
        }

        return current;
    }

    private static byte[] Inflate(byte[] data, int maxBytes)
    {
        using var output = new MemoryStream();
        byte[] buffer = new byte[1 << 16];
        try
        {
            // Inside the try: disposing the decompressor of damaged data may throw too.
            using var stream = new ZLibStream(new MemoryStream(data, writable: false), CompressionMode.Decompress);
            while (true)
            {
                int n = stream.Read(buffer);
                if (n == 0)
                {
                    break;
                }

                if (output.Length + n > maxBytes)
                {
                    throw new ImageFormatException($"a stream decodes to more than the limit of {maxBytes} bytes");
                }

                output.Write(buffer, 0, n);
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException && output.Length > 0)
        {
            // Damaged Deflate data after some output: keep what decoded, as PDF readers do.
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new ImageFormatException("a FlateDecode stream is damaged", e);
        }

        return output.ToArray();
    }

    /// <summary>Undoes a PNG (10 to 15) or TIFF (2) predictor (PDF 1.7, 7.4.4.4).</summary>
    private static byte[] Predict(byte[] data, PdfDictionary? parameters, int maxBytes)
    {
        long predictor = parameters?["Predictor"] as long? ?? 1;
        if (predictor == 1)
        {
            return data;
        }

        long colors = parameters!["Colors"] as long? ?? 1;
        long bits = parameters["BitsPerComponent"] as long? ?? 8;
        long columns = parameters["Columns"] as long? ?? 1;
        if (colors is < 1 or > 32 || bits is not (1 or 2 or 4 or 8 or 16) || columns is < 1 or > 1 << 24)
        {
            throw new ImageFormatException("a predictor has unusable /Colors, /BitsPerComponent or /Columns");
        }

        int rowBytes = (int)(((colors * bits * columns) + 7) / 8);
        int pixelBytes = (int)Math.Max(1, colors * bits / 8);
        if (predictor == 2)
        {
            if (bits != 8)
            {
                throw new ImageFormatException("the TIFF predictor is supported for 8-bit components only");
            }

            byte[] output = data.ToArray();
            for (int row = 0; row + rowBytes <= output.Length; row += rowBytes)
            {
                for (int i = pixelBytes; i < rowBytes; i++)
                {
                    output[row + i] += output[row + i - pixelBytes];
                }
            }

            return output;
        }

        if (predictor is < 10 or > 15)
        {
            throw new ImageFormatException($"predictor {predictor} is not defined");
        }

        int rows = data.Length / (rowBytes + 1);
        if ((long)rows * rowBytes > maxBytes)
        {
            throw new ImageFormatException($"a stream decodes to more than the limit of {maxBytes} bytes");
        }

        var result = new byte[rows * rowBytes];
        for (int row = 0; row < rows; row++)
        {
            int type = data[row * (rowBytes + 1)];
            ReadOnlySpan<byte> input = data.AsSpan((row * (rowBytes + 1)) + 1, rowBytes);
            Span<byte> line = result.AsSpan(row * rowBytes, rowBytes);
            ReadOnlySpan<byte> above = row == 0 ? new byte[rowBytes] : result.AsSpan((row - 1) * rowBytes, rowBytes);
            for (int i = 0; i < rowBytes; i++)
            {
                int left = i >= pixelBytes ? line[i - pixelBytes] : 0;
                int up = above[i];
                int upLeft = i >= pixelBytes ? above[i - pixelBytes] : 0;
                line[i] = (byte)(input[i] + type switch
                {
                    1 => left,
                    2 => up,
                    3 => (left + up) >> 1,
                    4 => Paeth(left, up, upLeft),
                    _ => 0,
                });
            }
        }

        return result;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a);
        int pb = Math.Abs(p - b);
        int pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static byte[] AsciiHex(byte[] data)
    {
        var output = new List<byte>(data.Length / 2);
        int high = -1;
        foreach (byte c in data)
        {
            if (c == '>')
            {
                break;
            }

            int v = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
                _ => -1,
            };
            if (v < 0)
            {
                continue;
            }

            if (high < 0)
            {
                high = v;
            }
            else
            {
                output.Add((byte)((high << 4) | v));
                high = -1;
            }
        }

        if (high >= 0)
        {
            output.Add((byte)(high << 4));
        }

        return [.. output];
    }

    private static byte[] Ascii85(byte[] data)
    {
        var output = new List<byte>(data.Length);
        Span<int> group = stackalloc int[5];
        int count = 0;
        for (int i = 0; i < data.Length; i++)
        {
            byte c = data[i];
            if (c == '~')
            {
                break;
            }

            if (c == 'z' && count == 0)
            {
                output.AddRange([0, 0, 0, 0]);
                continue;
            }

            if (c is < (byte)'!' or > (byte)'u')
            {
                continue;
            }

            group[count++] = c - '!';
            if (count == 5)
            {
                Emit(output, group, 4);
                count = 0;
            }
        }

        if (count > 1)
        {
            for (int i = count; i < 5; i++)
            {
                group[i] = 84;
            }

            Emit(output, group, count - 1);
        }

        return [.. output];
    }

    private static void Emit(List<byte> output, ReadOnlySpan<int> group, int bytes)
    {
        uint value = 0;
        foreach (int digit in group)
        {
            value = unchecked((value * 85) + (uint)digit);
        }

        for (int i = 0; i < bytes; i++)
        {
            output.Add((byte)(value >> (24 - (8 * i))));
        }
    }

    private static byte[] RunLength(byte[] data, int maxBytes)
    {
        var output = new List<byte>(data.Length * 2);
        int i = 0;
        while (i < data.Length && data[i] != 128)
        {
            int length = data[i++];
            if (length < 128)
            {
                int n = Math.Min(length + 1, data.Length - i);
                output.AddRange(data.AsSpan(i, n));
                i += n;
            }
            else if (i < data.Length)
            {
                output.AddRange(Enumerable.Repeat(data[i++], 257 - length));
            }

            if (output.Count > maxBytes)
            {
                throw new ImageFormatException($"a stream decodes to more than the limit of {maxBytes} bytes");
            }
        }

        return [.. output];
    }
}
