namespace Faxgate.Storage.Backup;

/// <summary>
/// The Faxgate backup file: gzip of JSON lines, the same for both engines, so a backup of SQLite restores into MariaDB
/// and back. Line 1 is the header (format, format version, schema version, source engine, time, tables); then, per
/// table in foreign-key order, a line naming the table and its columns followed by one JSON array per row (integers as
/// numbers, text as strings, blobs as <c>{"b64":"..."}</c>, NULL as null); the last line is the trailer with the row
/// count of every table and the SHA-256 (hex) of every byte before it, so a truncated or damaged file is recognised
/// before anything is restored.
/// </summary>
public static class BackupFormat
{
    /// <summary>The header's <c>format</c>: what says that a file is a Faxgate backup.</summary>
    public const string Name = "faxgate-backup";

    /// <summary>The layout written by this build; a restore refuses a newer one.</summary>
    public const int Version = 1;

    /// <summary>The file name extension of scheduled backups.</summary>
    public const string Extension = ".fgbackup";

    /// <summary>The longest line a restore accepts (a row with its blobs in base64).</summary>
    /// <summary>
    /// The longest line a backup may hold: the largest legitimate row is one document chunk (at most
    /// <see cref="Documents.DocumentStoreOptions.MaxChunkBytes"/>) in base64 with its JSON around it. A longer line is a
    /// damaged or hostile file, refused before it can take the restoring process's memory.
    /// </summary>
    internal const int MaxLineBytes = Documents.DocumentStoreOptions.MaxChunkBytes / 3 * 4 + (1 << 20);

    // Property names, one place for writer and reader.
    internal const string Format = "format";
    internal const string FormatVersion = "formatVersion";
    internal const string SchemaVersion = "schemaVersion";
    internal const string Provider = "provider";
    internal const string CreatedAt = "createdAt";
    internal const string CreatedAtUtc = "createdAtUtc";
    internal const string Tables = "tables";
    internal const string Table = "table";
    internal const string Columns = "columns";
    internal const string NextId = "nextId";
    internal const string End = "end";
    internal const string Rows = "rows";
    internal const string TotalRows = "totalRows";
    internal const string Sha256 = "sha256";
    internal const string Blob = "b64";
}
