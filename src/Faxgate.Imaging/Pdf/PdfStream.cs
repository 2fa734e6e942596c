namespace Faxgate.Imaging.Pdf;

/// <summary>A stream object: its dictionary and where its encoded data lies in the file (PDF 1.7, 7.3.8).</summary>
internal sealed record PdfStream(PdfDictionary Dictionary, int DataOffset, int DataLength, int Number);
