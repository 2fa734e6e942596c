using System.Reflection;
using Faxgate.Server.Options;
using Faxgate.Storage;
using Faxgate.Storage.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Faxgate.Server.Hosting;

/// <summary>
/// This server node's life: registers the node in the shared nodes table, beats its heartbeat there while it runs
/// (so operators and other nodes see which nodes are alive), and says when the node starts and stops.
/// </summary>
internal sealed partial class NodeService(
    IOptions<ServerOptions> options, Database database, TimeProvider time, ILogger<NodeService> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _heartbeat = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ServerOptions settings = options.Value;
        Directory.CreateDirectory(settings.DataDirectory);
        var registry = new NodeRegistry(database);
        string version = typeof(NodeService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
        await registry.RegisterAsync(settings.NodeName, Environment.MachineName, Environment.ProcessId, version[..Math.Min(version.Length, 32)], cancellationToken)
            .ConfigureAwait(false);
        _heartbeat = BeatAsync(registry, settings, _stopping.Token);
        string described = database.Dialect.Describe();
        LogStarted(logger, settings.NodeName, settings.DataDirectory, described);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _heartbeat.ConfigureAwait(false);
        LogStopped(logger, options.Value.NodeName);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task BeatAsync(NodeRegistry registry, ServerOptions settings, CancellationToken stoppingToken)
    {
        TimeSpan interval = TimeSpan.FromSeconds(Math.Max(1, settings.HeartbeatSeconds));
        while (true)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
                await database.SyncClockAsync(stoppingToken).ConfigureAwait(false);
                await registry.HeartbeatAsync(settings.NodeName, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (System.Data.Common.DbException exception)
            {
                LogHeartbeatFailed(logger, exception, settings.NodeName);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "node {Node} started, data folder {DataDirectory}, database {Database}")]
    private static partial void LogStarted(ILogger logger, string node, string dataDirectory, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "node {Node} stopped")]
    private static partial void LogStopped(ILogger logger, string node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "node {Node} could not write its heartbeat")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception, string node);
}
