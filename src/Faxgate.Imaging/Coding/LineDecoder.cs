using System.Runtime.CompilerServices;

namespace Faxgate.Imaging.Coding;

/// <summary>
/// Decodes one coded line into its changing elements: one-dimensionally (T.4 4.1) or
/// two-dimensionally against a reference line (T.4 4.2, T.6 2.2). A line that does not decode
/// returns <see cref="Invalid"/>; what to do about it is the page decoder's decision.
/// </summary>
internal static class LineDecoder
{
    public const int Invalid = -1;

    /// <summary>The 2D line starts with EOL: in T.6 data that is EOFB, the end of the page.</summary>
    public const int EndOfBlock = -2;

    /// <summary>Decodes a one-dimensional line; returns the number of changing elements or <see cref="Invalid"/>.</summary>
    public static int DecodeOneDimensional(ref BitReader reader, int width, Span<int> changes)
    {
        int a0 = 0;
        int count = 0;
        while (true)
        {
            int run = DecodeRun(ref reader, DecodeTables.White, DecodeTables.WhitePeekBits, width - a0);
            if (run < 0)
            {
                return Invalid;
            }

            a0 += run;
            if (a0 == width)
            {
                return count;
            }

            changes[count++] = a0;
            int whiteRun = run;
            run = DecodeRun(ref reader, DecodeTables.Black, DecodeTables.BlackPeekBits, width - a0);
            if (run < 0)
            {
                return Invalid;
            }

            a0 += run;
            if (a0 == width)
            {
                return count;
            }

            if (whiteRun == 0 && run == 0)
            {
                count--; // a white and a black run both empty say nothing: drop the pair
            }
            else
            {
                changes[count++] = a0;
            }
        }
    }

    /// <summary>
    /// Decodes a two-dimensional line against <paramref name="reference"/> (its changing elements
    /// followed by sentinels equal to the width); returns the number of changing elements,
    /// <see cref="Invalid"/> or <see cref="EndOfBlock"/>.
    /// </summary>
    public static int DecodeTwoDimensional(ref BitReader reader, int width, ReadOnlySpan<int> reference, Span<int> changes)
    {
        int a0 = -1;         // the imaginary position before the first pixel
        bool black = false;  // colour of a0
        int count = 0;
        int b = 0;           // index of b1 in the reference; even while a0 is white, odd while black
        bool first = true;
        int limit = ChangingElements.DecodeLimit(width);
        while (true)
        {
            if (count > limit)
            {
                return Invalid;
            }

            // Until the line has a changing element, b1 stays where pass modes put it.
            if (count > 0)
            {
                while (reference[b] <= a0)
                {
                    b += 2;
                }
            }

            reader.Ensure(DecodeTables.ModePeekBits);
            int entry = DecodeTables.Modes[reader.Peek(DecodeTables.ModePeekBits)];
            int mode = entry >> 4;
            if (mode < DecodeTables.ModePass)
            {
                reader.Skip(entry & 15);
                int a1 = reference[b] + mode - 3;
                if (a1 < a0 || a1 < 0 || a1 > width)
                {
                    return Invalid;
                }

                if (a1 == width)
                {
                    return count;
                }

                changes[count++] = a1;
                a0 = a1;
                black = !black;
                b = b > 0 ? b - 1 : b + 1;
            }
            else if (mode == DecodeTables.ModeHorizontal)
            {
                reader.Skip(entry & 15);
                int start = a0 < 0 ? 0 : a0;
                int run1 = black
                    ? DecodeRun(ref reader, DecodeTables.Black, DecodeTables.BlackPeekBits, width - start)
                    : DecodeRun(ref reader, DecodeTables.White, DecodeTables.WhitePeekBits, width - start);
                if (run1 < 0)
                {
                    return Invalid;
                }

                int a1 = start + run1;
                int run2 = black
                    ? DecodeRun(ref reader, DecodeTables.White, DecodeTables.WhitePeekBits, width - a1)
                    : DecodeRun(ref reader, DecodeTables.Black, DecodeTables.BlackPeekBits, width - a1);
                if (run2 < 0)
                {
                    return Invalid;
                }

                int a2 = a1 + run2;
                if (a1 < width)
                {
                    changes[count++] = a1;
                }

                if (a2 >= width)
                {
                    return count;
                }

                changes[count++] = a2;
                a0 = a2;
            }
            else if (mode == DecodeTables.ModePass)
            {
                reader.Skip(entry & 15);
                a0 = reference[b + 1];
                if (a0 >= width)
                {
                    return count;
                }

                b += 2;
            }
            else
            {
                return first && IsEol(ref reader) ? EndOfBlock : Invalid;
            }

            first = false;
        }
    }

    /// <summary>Decodes the make-up and terminating codes of one run no longer than <paramref name="limit"/>; -1 when invalid.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DecodeRun(ref BitReader reader, ushort[] table, int peekBits, int limit)
    {
        int run = 0;
        while (true)
        {
            reader.Ensure(T4CodeWords.MaxRunCodeLength);
            int entry = table[reader.Peek(peekBits)];
            int length = entry >> 12;
            if (length == 0)
            {
                return -1;
            }

            reader.Skip(length);
            int value = entry & 0xFFF;
            run += value;
            if (run > limit)
            {
                return -1;
            }

            if (value < 64)
            {
                return run;
            }
        }
    }

    private static bool IsEol(ref BitReader reader)
    {
        reader.Ensure(T4CodeWords.EolLength);
        return reader.Peek(T4CodeWords.EolLength) == T4CodeWords.Eol;
    }
}
