using Faxgate.Server.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Faxgate.Server.Hosting;

/// <summary>This server node's life: prepares the data folder and says when the node starts and stops.</summary>
internal sealed partial class NodeService(IOptions<ServerOptions> options, ILogger<NodeService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        ServerOptions settings = options.Value;
        Directory.CreateDirectory(settings.DataDirectory);
        LogStarted(logger, settings.NodeName, settings.DataDirectory);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        LogStopped(logger, options.Value.NodeName);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "node {Node} started, data folder {DataDirectory}")]
    private static partial void LogStarted(ILogger logger, string node, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Information, Message = "node {Node} stopped")]
    private static partial void LogStopped(ILogger logger, string node);
}
