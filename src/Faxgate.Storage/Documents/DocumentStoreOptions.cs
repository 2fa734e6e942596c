namespace Faxgate.Storage.Documents;

/// <summary>How documents are cut for storage.</summary>
public sealed class DocumentStoreOptions
{
    /// <summary>Largest chunk MariaDB accepts in one packet by default is well above this.</summary>
    public const int MaxChunkBytes = 8 * 1024 * 1024;

    /// <summary>Plaintext bytes per stored chunk (default 1 MiB); each chunk is one document_chunks row.</summary>
    public int ChunkBytes { get; set; } = 1024 * 1024;

    internal int CheckedChunkBytes => ChunkBytes is >= 1 and <= MaxChunkBytes
        ? ChunkBytes
        : throw new StorageConfigurationException($"document chunk size {ChunkBytes} is out of range 1..{MaxChunkBytes}");
}
