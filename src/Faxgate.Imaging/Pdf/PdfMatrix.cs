namespace Faxgate.Imaging.Pdf;

/// <summary>A transformation matrix [a b c d e f] (PDF 1.7, 8.3.3).</summary>
internal readonly record struct PdfMatrix(double A, double B, double C, double D, double E, double F)
{
    public static PdfMatrix Identity { get; } = new(1, 0, 0, 1, 0, 0);

    /// <summary>This transformation followed by <paramref name="then"/> (as "cm" concatenates onto the CTM).</summary>
    public PdfMatrix Then(PdfMatrix then) => new(
        (A * then.A) + (B * then.C),
        (A * then.B) + (B * then.D),
        (C * then.A) + (D * then.C),
        (C * then.B) + (D * then.D),
        (E * then.A) + (F * then.C) + then.E,
        (E * then.B) + (F * then.D) + then.F);
}
