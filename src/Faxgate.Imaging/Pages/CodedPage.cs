using Faxgate.Imaging.Coding;

namespace Faxgate.Imaging.Pages;

/// <summary>
/// A page's data as coded by ITU-T T.4 or T.6, most significant bit first, with the layout a
/// decoder needs to read it again (the parameters of a PDF CCITTFaxDecode filter).
/// </summary>
public sealed record CodedPage
{
    public CodedPage(CodingScheme scheme, byte[] data, bool endOfLine, bool byteAlignedLines, bool endOfPage)
    {
        ArgumentNullException.ThrowIfNull(data);
        Scheme = scheme;
        Data = data;
        EndOfLine = endOfLine;
        ByteAlignedLines = byteAlignedLines;
        EndOfPage = endOfPage;
    }

    public CodingScheme Scheme { get; }

    /// <summary>The coded bits, most significant bit of each byte first.</summary>
    public byte[] Data { get; }

    /// <summary>Every line is preceded by an EOL code (T.4 only).</summary>
    public bool EndOfLine { get; }

    /// <summary>Every line's code begins on a byte boundary (TIFF compression 2).</summary>
    public bool ByteAlignedLines { get; }

    /// <summary>The data ends with RTC (T.4) or EOFB (T.6).</summary>
    public bool EndOfPage { get; }
}
