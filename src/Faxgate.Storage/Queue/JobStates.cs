namespace Faxgate.Storage.Queue;

/// <summary>
/// The states of a job, as stored in <c>jobs.state</c>. A job is <see cref="Queued"/> until a worker claims it, then
/// <see cref="Running"/> under that worker's lease, and ends <see cref="Done"/>, <see cref="Dead"/> (failed for good or
/// out of attempts, kept for an operator to retry) or <see cref="Cancelled"/> (by an operator).
/// </summary>
public static class JobStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
    public const string Dead = "dead";
    public const string Cancelled = "cancelled";

    public static IReadOnlyList<string> All { get; } = [Queued, Running, Done, Dead, Cancelled];
}
