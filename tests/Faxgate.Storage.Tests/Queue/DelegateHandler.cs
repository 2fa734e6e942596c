using Faxgate.Storage.Queue;

namespace Faxgate.Storage.Tests.Queue;

/// <summary>A job handler made of a lambda, for tests.</summary>
internal sealed class DelegateHandler(string kind, Func<JobContext, CancellationToken, Task<JobResult>> handle) : IJobHandler
{
    public string Kind { get; } = kind;

    public Task<JobResult> HandleAsync(JobContext context, CancellationToken cancellationToken) => handle(context, cancellationToken);
}
