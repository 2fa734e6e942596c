namespace Faxgate.Storage.Documents;

/// <summary>Why a reader cannot open a document although nothing is damaged.</summary>
public enum DocumentUnavailableReason
{
    /// <summary>No such document.</summary>
    NotFound,

    /// <summary>Its retention ended or it was deleted: keys and content are gone for good.</summary>
    Shredded,

    /// <summary>It has no key wrap for this reader (never had one, or the server released its wrap after delivery).</summary>
    NoKeyForReader,

    /// <summary>It was sealed with another server key than the one this server holds.</summary>
    WrongServerKey,

    /// <summary>It belongs to another account than the unlocked one.</summary>
    OtherAccount,
}

/// <summary>A document that cannot be opened by this reader, with the reason (not corruption: see <see cref="DocumentIntegrityException"/>).</summary>
public sealed class DocumentUnavailableException : Exception
{
    public DocumentUnavailableException(long documentId, DocumentUnavailableReason reason, string message)
        : base($"document {documentId}: {message}")
    {
        DocumentId = documentId;
        Reason = reason;
    }

    public DocumentUnavailableException(string message)
        : base(message)
    {
    }

    public DocumentUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DocumentUnavailableException()
    {
    }

    public long DocumentId { get; }

    public DocumentUnavailableReason Reason { get; }
}
