namespace Faxgate.Storage.Audit;

/// <summary>One line of the audit log: who did what to which record, when. Never content, never a secret.</summary>
public sealed record AuditEntry(long Id, long At, string Actor, string Action, string Subject, string? Detail);
