namespace Faxgate.Imaging.Pdf;

/// <summary>Where one object lives (PDF 1.7, 7.5.4 and 7.5.8.3): free, at an offset in the file, or inside an object stream.</summary>
internal readonly record struct PdfXrefEntry(PdfXrefEntryKind Kind, long Offset, int Stream, int Index)
{
    public static PdfXrefEntry Free { get; } = new(PdfXrefEntryKind.Free, 0, 0, 0);

    public static PdfXrefEntry InFile(long offset) => new(PdfXrefEntryKind.InFile, offset, 0, 0);

    public static PdfXrefEntry Compressed(int stream, int index) => new(PdfXrefEntryKind.Compressed, 0, stream, index);
}

/// <summary>The kinds of cross-reference entry.</summary>
internal enum PdfXrefEntryKind
{
    Free,
    InFile,
    Compressed,
}
