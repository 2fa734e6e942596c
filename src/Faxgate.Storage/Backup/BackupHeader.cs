namespace Faxgate.Storage.Backup;

/// <summary>What a backup file says about itself in its first line.</summary>
public sealed record BackupHeader(int FormatVersion, int SchemaVersion, string Provider, long CreatedAt, IReadOnlyList<string> Tables);

/// <summary>One table's section of a backup: its columns in the order of the row arrays, and its id counter.</summary>
/// <param name="NextId">The id the source database would have given next (null for tables without an id column).</param>
public sealed record BackupTable(string Name, IReadOnlyList<string> Columns, long? NextId);

/// <summary>A backup written: where, how much.</summary>
/// <param name="Path">The file, or null when written to a stream.</param>
public sealed record BackupSummary(string? Path, int SchemaVersion, int Tables, long Rows, long Bytes);

/// <summary>A restore done: how many rows of how many tables, at which schema version.</summary>
public sealed record RestoreSummary(int SchemaVersion, int Tables, long Rows);
