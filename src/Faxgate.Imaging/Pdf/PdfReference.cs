namespace Faxgate.Imaging.Pdf;

/// <summary>An indirect reference, "N G R" (PDF 1.7, 7.3.10).</summary>
internal readonly record struct PdfReference(int Number, int Generation)
{
    public override string ToString() => $"{Number} {Generation} R";
}
