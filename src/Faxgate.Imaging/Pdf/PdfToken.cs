namespace Faxgate.Imaging.Pdf;

/// <summary>One token: its kind, where it lies, and its value for numbers, names and strings.</summary>
internal readonly record struct PdfToken(PdfTokenKind Kind, int Start, int Length, long Integer = 0, double Real = 0, object? Value = null)
{
    public double Number => Kind == PdfTokenKind.Integer ? Integer : Real;

    public bool IsNumber => Kind is PdfTokenKind.Integer or PdfTokenKind.Real;
}
