namespace Faxgate.Storage.Documents;

/// <summary>
/// A stored document does not decrypt as it was written: a chunk or key wrap was altered, reordered, swapped with
/// another document's, added or removed. The database was tampered with or damaged; the content is not returned.
/// </summary>
public sealed class DocumentIntegrityException : Exception
{
    public DocumentIntegrityException(long documentId, string message)
        : base($"document {documentId}: {message}")
    {
        DocumentId = documentId;
    }

    public DocumentIntegrityException(string message)
        : base(message)
    {
    }

    public DocumentIntegrityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DocumentIntegrityException()
    {
    }

    public long DocumentId { get; }
}
