using Faxgate.Server.Options;
using Faxgate.Storage.Queue;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Faxgate.Server.Workers;

/// <summary>This node's share of the job queue: runs every handler registered with the host on jobs claimed with leases.</summary>
internal sealed class JobWorker(
    JobQueue queue,
    IEnumerable<IJobHandler> handlers,
    IOptions<JobsOptions> jobs,
    IOptions<ServerOptions> server,
    ILogger<JobRunner> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var runner = new JobRunner(queue, handlers, jobs.Value.ToRunnerOptions(server.Value.NodeName), logger);
        return runner.RunAsync(stoppingToken);
    }
}
