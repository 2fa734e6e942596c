namespace Faxgate.Imaging.Pdf;

/// <summary>A PDF name object, /Value, with #xx escapes decoded (PDF 1.7, 7.3.5).</summary>
internal readonly record struct PdfName(string Value)
{
    public override string ToString() => "/" + Value;
}
