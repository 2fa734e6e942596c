namespace Faxgate.Storage.Accounts;

/// <summary>What an administrator may see of an account: metadata, never keys or content.</summary>
public sealed record AccountSummary(long Id, string Handle, string Name, bool Active, int Users, int Numbers, long CreatedAt);
