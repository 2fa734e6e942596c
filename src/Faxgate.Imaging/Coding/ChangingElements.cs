using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Faxgate.Imaging.Coding;

/// <summary>
/// Converts between a packed row of pixels and its changing elements (T.4 4.2.1.3.1): the
/// positions of pixels whose colour differs from the pixel before, the row starting after an
/// imaginary white pixel. Even entries start a black run, odd entries start a white one; a row
/// that ends black has an odd count. Both coders work on these lists, not on pixels.
/// Lists found in pixels are strictly increasing. Decoded lists may repeat a position: some
/// encoders code empty runs, and the next line's 2D codes refer to them as if they were changes
/// (as libtiff reads them), so the decoder keeps them.
/// </summary>
internal static class ChangingElements
{
    /// <summary>Entries a list for a row of <paramref name="width"/> may need, empty runs and sentinels included.</summary>
    public static int Capacity(int width) => (2 * width) + 8;

    /// <summary>Most entries a decoded line may have before it is taken as damaged (room for two more and the sentinels).</summary>
    public static int DecodeLimit(int width) => (2 * width) + 2;

    /// <summary>Finds the changing elements of <paramref name="row"/>; returns their number.</summary>
    public static int Find(ReadOnlySpan<byte> row, int width, Span<int> changes)
    {
        int count = 0;
        ulong previous = 0; // the colour of the pixel before each word, in bit 63
        int words = width >> 6;
        for (int w = 0; w < words; w++)
        {
            ulong bits = BinaryPrimitives.ReadUInt64BigEndian(row.Slice(w << 3, 8));
            ulong edges = bits ^ ((bits >> 1) | previous);
            previous = bits << 63;
            count = Collect(edges, w << 6, changes, count);
        }

        int rest = width & 63;
        if (rest != 0)
        {
            ulong bits = 0;
            int start = words << 3;
            int bytes = (rest + 7) >> 3;
            for (int i = 0; i < bytes; i++)
            {
                bits |= (ulong)row[start + i] << (56 - (i << 3));
            }

            bits &= ulong.MaxValue << (64 - rest);
            ulong edges = (bits ^ ((bits >> 1) | previous)) & (ulong.MaxValue << (64 - rest));
            count = Collect(edges, words << 6, changes, count);
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Collect(ulong edges, int basePosition, Span<int> changes, int count)
    {
        while (edges != 0)
        {
            int offset = BitOperations.LeadingZeroCount(edges);
            changes[count++] = basePosition + offset;
            edges &= ~(0x8000_0000_0000_0000UL >> offset);
        }

        return count;
    }

    /// <summary>Appends <paramref name="width"/> as sentinels after the list, as the 2D coders expect.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Terminate(Span<int> changes, int count, int width)
    {
        changes[count] = width;
        changes[count + 1] = width;
        changes[count + 2] = width;
        changes[count + 3] = width;
    }

    /// <summary>Draws the black runs of a changing-element list into a zeroed row.</summary>
    public static void Render(ReadOnlySpan<int> changes, int count, int width, Span<byte> row)
    {
        int i = 0;
        for (; i + 1 < count; i += 2)
        {
            FillBlack(row, changes[i], changes[i + 1]);
        }

        if (i < count)
        {
            FillBlack(row, changes[i], width);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FillBlack(Span<byte> row, int start, int end)
    {
        if (start >= end)
        {
            return;
        }

        int first = start >> 3;
        int last = (end - 1) >> 3;
        byte head = (byte)(0xFF >> (start & 7));
        byte tail = (byte)(0xFF << (7 - ((end - 1) & 7)));
        if (first == last)
        {
            row[first] |= (byte)(head & tail);
            return;
        }

        row[first] |= head;
        int middle = last - first - 1;
        if (middle > 0)
        {
            if (middle <= 4)
            {
                for (int b = first + 1; b < last; b++)
                {
                    row[b] = 0xFF;
                }
            }
            else
            {
                row.Slice(first + 1, middle).Fill(0xFF);
            }
        }

        row[last] |= tail;
    }
}
