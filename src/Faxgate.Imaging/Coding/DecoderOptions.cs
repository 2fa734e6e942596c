namespace Faxgate.Imaging.Coding;

/// <summary>How coded page data is laid out and the limits a decoder keeps to.</summary>
public sealed record DecoderOptions
{
    /// <summary>
    /// Every line's data starts on a byte boundary: TIFF compression 2 ("CCITT RLE") and PDF's
    /// EncodedByteAlign without EOLs; in a T.4 stream with EOLs, the fill follows each EOL (as
    /// some raw fax streams have it).
    /// </summary>
    public bool ByteAlignedLines { get; init; }

    /// <summary>
    /// Rows the page has when that is known (TIFF ImageLength): decoding stops there, and missing
    /// rows make the page truncated. Null when the page ends with RTC/EOFB or with the data.
    /// </summary>
    public int? Height { get; init; }

    /// <summary>Most rows accepted in a page of unknown height (20,000 rows is 1.3 m at 15.4 lines/mm).</summary>
    public int MaxLines { get; init; } = 20_000;

    /// <summary>Consecutive EOLs taken as the end of the page (RTC is six, T.4 4.1.4).</summary>
    public int EolsForEndOfPage { get; init; } = 6;

    /// <summary>Most coded bytes a streaming decoder holds while waiting for a line to complete.</summary>
    public int MaxPendingBytes { get; init; } = 1 << 20;

    public static DecoderOptions Default { get; } = new();
}
