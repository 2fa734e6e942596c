namespace Faxgate.Imaging.Pdf;

/// <summary>The document information a fax PDF carries (PDF 1.7, 14.3.3).</summary>
public sealed record PdfDocumentInfo
{
    public string? Title { get; init; }

    public string? Author { get; init; }

    public string? Subject { get; init; }

    public string Creator { get; init; } = "Faxgate";

    public string Producer { get; init; } = "Faxgate";

    /// <summary>When the document was made; for a received fax, when it was received.</summary>
    public DateTimeOffset CreationDate { get; init; } = DateTimeOffset.UtcNow;
}
