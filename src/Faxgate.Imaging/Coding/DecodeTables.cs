namespace Faxgate.Imaging.Coding;

/// <summary>
/// Lookup tables for decoding, built once from <see cref="T4CodeWords"/>. A run table is indexed
/// by the next 12 (white) or 13 (black) bits; each entry holds the run length in its low 12 bits
/// and the code length above them, 0 for a bit pattern that starts no code word (which includes
/// the long zero runs of EOL and of data past the end).
/// </summary>
internal static class DecodeTables
{
    public const int WhitePeekBits = 12;
    public const int BlackPeekBits = 13;
    public const int ModePeekBits = 7;

    public const int ModePass = 7;
    public const int ModeHorizontal = 8;
    public const int ModeInvalid = 15;

    public static readonly ushort[] White = BuildRunTable(black: false, WhitePeekBits);
    public static readonly ushort[] Black = BuildRunTable(black: true, BlackPeekBits);

    /// <summary>
    /// Two-dimensional mode table indexed by the next 7 bits: mode in the high nibble (0..6 vertical
    /// with a1 - b1 = mode - 3, then pass, horizontal, invalid), code length in the low nibble.
    /// </summary>
    public static readonly byte[] Modes = BuildModeTable();

    private static ushort[] BuildRunTable(bool black, int peekBits)
    {
        var table = new ushort[1 << peekBits];
        T4CodeWords.CodeWord[] words = T4CodeWords.RunCodes(black);
        for (int index = 0; index < words.Length; index++)
        {
            int run = index < 64 ? index : (index - 63) * 64;
            Fill(table, peekBits, words[index], (ushort)((words[index].Length << 12) | run));
        }

        return table;
    }

    private static byte[] BuildModeTable()
    {
        var table = new byte[1 << ModePeekBits];
        Array.Fill(table, (byte)(ModeInvalid << 4));
        Fill(table, ModePeekBits, T4CodeWords.Parse(T4CodeWords.Pass), ModePass);
        Fill(table, ModePeekBits, T4CodeWords.Parse(T4CodeWords.Horizontal), ModeHorizontal);
        for (int mode = 0; mode < T4CodeWords.Vertical.Length; mode++)
        {
            Fill(table, ModePeekBits, T4CodeWords.Parse(T4CodeWords.Vertical[mode]), mode);
        }

        return table;
    }

    private static void Fill(ushort[] table, int peekBits, T4CodeWords.CodeWord word, ushort entry)
    {
        int spare = peekBits - word.Length;
        int first = word.Code << spare;
        for (int i = 0; i < 1 << spare; i++)
        {
            if (table[first + i] != 0)
            {
                throw new InvalidOperationException($"code table is not prefix-free at {word.Code}");
            }

            table[first + i] = entry;
        }
    }

    private static void Fill(byte[] table, int peekBits, T4CodeWords.CodeWord word, int mode)
    {
        int spare = peekBits - word.Length;
        int first = word.Code << spare;
        for (int i = 0; i < 1 << spare; i++)
        {
            table[first + i] = (byte)((mode << 4) | word.Length);
        }
    }
}
