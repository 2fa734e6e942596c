using Faxgate.Imaging.Pages;

namespace Faxgate.Imaging.Coding;

/// <summary>How a page is to be coded.</summary>
public sealed record EncoderOptions
{
    public CodingScheme Scheme { get; init; } = CodingScheme.Mh;

    /// <summary>MR only: one line in every K is coded one-dimensionally (T.4 4.2.1: 2 at standard, 4 at fine resolution).</summary>
    public int K { get; init; } = 2;

    /// <summary>
    /// T.4 only: an EOL precedes every line. MR always needs it (the 1D/2D tag follows the EOL);
    /// MH without EOL is the coding of TIFF compression 2 and of some ECM senders. T.6 has no EOLs.
    /// </summary>
    public bool EndOfLine { get; init; } = true;

    /// <summary>T.4 only: zero fill before each EOL so that the EOL (not MR's tag bit) ends on a byte boundary (TIFF T4Options "fill bits").</summary>
    public bool AlignEol { get; init; }

    /// <summary>
    /// MH without EOL, or MMR: every line starts on a byte boundary (TIFF compression 2, PDF
    /// EncodedByteAlign). With EOLs the readers of the world disagree on where the fill goes,
    /// so the encoder does not offer it.
    /// </summary>
    public bool ByteAlignedLines { get; init; }

    /// <summary>End the page with RTC (T.4) or EOFB (T.6).</summary>
    public bool EndOfPage { get; init; } = true;

    /// <summary>
    /// T.4 only: the fewest bits a coded line may take, its data, fill and following EOL together
    /// (T.4 4.1.2, the minimum transmission time of a line at the signalling rate); 0 for none.
    /// </summary>
    public int MinLineBits { get; init; }

    /// <summary>The conventional K for a vertical resolution: 4 above 150 lines per inch, else 2.</summary>
    public static int KFor(PageResolution resolution) => resolution.Y > 150 ? 4 : 2;

    /// <summary>
    /// Options for the data of a TIFF page: T.4 with an EOL before every line and no RTC (TIFF
    /// Class F), T.6 ending with EOFB (as libtiff writes it).
    /// </summary>
    public static EncoderOptions ForTiff(CodingScheme scheme, PageResolution resolution, bool fillBits = true) => new()
    {
        Scheme = scheme,
        K = KFor(resolution),
        EndOfLine = scheme != CodingScheme.Mmr,
        AlignEol = fillBits && scheme != CodingScheme.Mmr,
        EndOfPage = scheme == CodingScheme.Mmr,
    };

    internal void Validate()
    {
        if (!Enum.IsDefined(Scheme))
        {
            throw new ArgumentOutOfRangeException(nameof(Scheme));
        }

        if (Scheme == CodingScheme.Mr && (K < 1 || !EndOfLine))
        {
            throw new ArgumentException("MR coding needs K >= 1 and an EOL before every line");
        }

        if (ByteAlignedLines && Scheme != CodingScheme.Mmr && EndOfLine)
        {
            throw new ArgumentException("byte-aligned lines are coded without EOL (MH) or in MMR");
        }

        if (MinLineBits < 0)
        {
            throw new ArgumentException("the minimum line length cannot be negative");
        }
    }
}
