using System.Buffers.Binary;
using System.Text;

namespace Faxgate.Storage.Documents;

/// <summary>
/// The associated data that binds ciphertext to its place: a chunk to its document, index and whether it is the last
/// one (so chunks cannot be reordered, moved between documents, dropped from the end or added after it); a key wrap to
/// its document and holder (so a wrap cannot be copied to another document or holder).
/// </summary>
internal static class DocumentSealing
{
    public const string ServerHolder = "server";
    public const string AccountHolder = "account";

    private static readonly byte[] ChunkLabel = Encoding.ASCII.GetBytes("faxgate/document-chunk/v1\0");
    private static readonly byte[] KeyLabel = Encoding.ASCII.GetBytes("faxgate/document-key/v1\0");

    public static byte[] ChunkData(long documentId, int index, bool last)
    {
        byte[] data = new byte[ChunkLabel.Length + 8 + 4 + 1];
        ChunkLabel.CopyTo(data, 0);
        BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(ChunkLabel.Length), documentId);
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(ChunkLabel.Length + 8), index);
        data[^1] = last ? (byte)1 : (byte)0;
        return data;
    }

    public static byte[] KeyData(long documentId, string holder)
    {
        byte[] holderBytes = Encoding.ASCII.GetBytes(holder);
        byte[] data = new byte[KeyLabel.Length + 8 + holderBytes.Length];
        KeyLabel.CopyTo(data, 0);
        BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(KeyLabel.Length), documentId);
        holderBytes.CopyTo(data, KeyLabel.Length + 8);
        return data;
    }
}
