using System.Data.Common;

namespace Faxgate.Storage.Queue;

/// <summary>How an attempt ended, as a handler reports it.</summary>
public sealed class JobResult
{
    private JobResult(bool succeeded, bool retryable, string? error, Func<DbConnection, DbTransaction, Task>? alsoInTransaction)
    {
        Succeeded = succeeded;
        Retryable = retryable;
        Error = error;
        AlsoInTransaction = alsoInTransaction;
    }

    public bool Succeeded { get; }

    /// <summary>For a failure: whether a later attempt may succeed (a relay that is down) or not (a bad address).</summary>
    public bool Retryable { get; }

    /// <summary>For a failure: why, for operators (no content, no secrets).</summary>
    public string? Error { get; }

    /// <summary>For a success: database changes that commit together with the completion.</summary>
    public Func<DbConnection, DbTransaction, Task>? AlsoInTransaction { get; }

    public static JobResult Done() => new(true, false, null, null);

    /// <summary>The attempt was cut short because its worker stopped (a restart, a deploy): not the job's failure.</summary>
    internal static JobResult WorkerStopped { get; } = new(false, true, "the worker stopped during the attempt", null);

    /// <summary>Done, with database changes that commit exactly when the completion does (and never when it does not).</summary>
    public static JobResult Done(Func<DbConnection, DbTransaction, Task> alsoInTransaction)
    {
        ArgumentNullException.ThrowIfNull(alsoInTransaction);
        return new(true, false, null, alsoInTransaction);
    }

    /// <summary>Failed for now: run again after the back-off, while attempts are left.</summary>
    public static JobResult Retry(string error) => new(false, true, error ?? throw new ArgumentNullException(nameof(error)), null);

    /// <summary>Failed for good: dead-letter the job.</summary>
    public static JobResult Fail(string error) => new(false, false, error ?? throw new ArgumentNullException(nameof(error)), null);
}
