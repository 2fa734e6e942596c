using Faxgate.Server.Calls;
using Faxgate.Server.Options;
using Faxgate.Server.Workers;
using Faxgate.Storage;
using Faxgate.Storage.Backup;
using Faxgate.Storage.Crypto;
using Faxgate.Storage.Documents;
using Faxgate.Storage.Faxes;
using Faxgate.Storage.Queue;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Faxgate.Server.Hosting;

/// <summary>Builds the Faxgate server host, configured as <see cref="ServerConfiguration"/> says.</summary>
public static class ServerHost
{
    /// <summary>
    /// Builds the host after opening the configured database (migrating it to this build's schema), so that a wrong
    /// setting or an unreachable database stops the start with one clear error instead of a half-started server.
    /// </summary>
    public static async Task<IHost> BuildAsync(string dataDirectory, string? configFile, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        string data = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(data);
        IConfiguration configuration = ServerConfiguration.Build(data, configFile);
        var storage = new StorageOptions();
        configuration.GetSection(StorageOptions.Section).Bind(storage);
        ServerSettings settings = ServerSettings.Read(configuration, data);
        SipSettings sip = SipSettings.Read(configuration);
        Database database = await Database.OpenAsync(storage, data, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        ServerKey key = ServerKey.Load(storage, data);
        return Build(configuration, database, key, settings, sip);
    }

    private static IHost Build(IConfiguration configuration, Database database, ServerKey key, ServerSettings settings, SipSettings sip)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
        });

        builder.Configuration.AddConfiguration(configuration);

        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            console.UseUtcTimestamp = true;
        });
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));

        builder.Services.AddOptions<ServerOptions>().Bind(builder.Configuration.GetSection(ServerOptions.Section));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<JobsOptions>().Bind(builder.Configuration.GetSection(JobsOptions.Section));
        builder.Services.AddOptions<BackupOptions>().Bind(builder.Configuration.GetSection(BackupOptions.Section));
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton(key);
        builder.Services.AddSingleton(new JobQueue(database, settings.Queue));
        builder.Services.AddSingleton(new DocumentStore(database, key));
        builder.Services.AddSingleton(new FaxStore(database));
        builder.Services.AddSingleton(sip);
        builder.Services.AddSingleton(new MediaPortPool(sip.MediaPorts));
        builder.Services.AddSingleton<IJobHandler, BackupJobHandler>();
        builder.Services.AddSingleton<IJobHandler, RetentionJobHandler>();
        foreach (DailyJob daily in settings.DailyJobs)
        {
            builder.Services.AddSingleton(daily);
        }

        builder.Services.AddHostedService<NodeService>();
        builder.Services.AddHostedService<JobWorker>();
        builder.Services.AddHostedService<DailyJobScheduler>();
        builder.Services.AddHostedService<SipCallService>();
        return builder.Build();
    }
}
