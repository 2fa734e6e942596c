namespace Faxgate.Imaging.Pdf;

/// <summary>The lexical tokens of PDF (PDF 1.7, 7.2 and 7.3).</summary>
internal enum PdfTokenKind
{
    End,
    Integer,
    Real,
    Name,
    String,
    ArrayStart,
    ArrayEnd,
    DictionaryStart,
    DictionaryEnd,

    /// <summary>A run of regular characters that is not a number: obj, R, stream, true, an operator.</summary>
    Keyword,
}
