namespace Faxgate.Storage.Documents;

/// <summary>
/// What is stored in clear about a document: whose it is, which fax it belongs to, what it is and when it may be
/// shredded. Everything else is encrypted.
/// </summary>
/// <param name="Kind">One of <see cref="DocumentKinds"/>.</param>
/// <param name="MediaType">e.g. <c>application/pdf</c>, <c>image/tiff</c>.</param>
/// <param name="RetainUntil">When retention ends (unix ms): <see cref="DocumentStore.ShredExpiredAsync"/> shreds it then. Null keeps it.</param>
public sealed record DocumentMetadata(string Kind, string MediaType, long? AccountId = null, long? FaxId = null, long? RetainUntil = null);

/// <summary>
/// Who can open a document: the server (its key-encryption key; for documents it must read later) and/or the owning
/// account (its public key; only the account's users can open it). At least one.
/// </summary>
public readonly record struct DocumentHolders(bool ForServer, bool ForAccount)
{
    public static DocumentHolders Server => new(true, false);

    public static DocumentHolders Account => new(false, true);

    public static DocumentHolders Both => new(true, true);
}

/// <summary>A stored document's metadata as read back; <see cref="Holders"/> are the key wraps it still has.</summary>
public sealed record DocumentInfo(
    long Id, long? AccountId, long? FaxId, string Kind, string MediaType, long Length, int ChunkCount, long CreatedAt,
    long? RetainUntil, long? ShreddedAt, DocumentHolders Holders);
