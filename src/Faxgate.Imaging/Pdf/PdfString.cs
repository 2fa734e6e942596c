namespace Faxgate.Imaging.Pdf;

/// <summary>A literal or hexadecimal string's bytes (PDF 1.7, 7.3.4).</summary>
internal sealed record PdfString(byte[] Bytes);
