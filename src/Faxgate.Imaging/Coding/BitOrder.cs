namespace Faxgate.Imaging.Coding;

/// <summary>
/// Bit order within bytes. Faxgate keeps coded data most significant bit first; TIFF FillOrder 2
/// and the fax line itself (T.4 data and HDLC frames are sent least significant bit first) use
/// the other order.
/// </summary>
public static class BitOrder
{
    private static readonly byte[] Reversed = BuildTable();

    /// <summary>Reverses the bit order of every byte in place.</summary>
    public static void ReverseInPlace(Span<byte> data)
    {
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = Reversed[data[i]];
        }
    }

    /// <summary>A copy of <paramref name="data"/> with the bit order of every byte reversed.</summary>
    public static byte[] ReversedCopy(ReadOnlySpan<byte> data)
    {
        byte[] copy = data.ToArray();
        ReverseInPlace(copy);
        return copy;
    }

    private static byte[] BuildTable()
    {
        var table = new byte[256];
        for (int i = 0; i < 256; i++)
        {
            int r = 0;
            for (int bit = 0; bit < 8; bit++)
            {
                r |= ((i >> bit) & 1) << (7 - bit);
            }

            table[i] = (byte)r;
        }

        return table;
    }
}
