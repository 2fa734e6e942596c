using Faxgate.Server.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Faxgate.Server.Hosting;

/// <summary>
/// Builds the Faxgate server host. Configuration comes, later sources winning, from built-in
/// defaults (the embedded default needs no file), faxgate.json in the data folder, the file
/// given with --config, and environment variables FAXGATE__SECTION__KEY.
/// </summary>
public static class ServerHost
{
    public static IHost Build(string dataDirectory, string? configFile)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        string data = Path.GetFullPath(dataDirectory);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
        });

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{ServerOptions.Section}:{nameof(ServerOptions.DataDirectory)}"] = data,
        });
        builder.Configuration.AddJsonFile(Path.Combine(data, "faxgate.json"), optional: true, reloadOnChange: false);
        if (configFile is not null)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false);
        }

        builder.Configuration.AddEnvironmentVariables("FAXGATE__");

        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            console.UseUtcTimestamp = true;
        });
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));

        builder.Services.AddOptions<ServerOptions>().Bind(builder.Configuration.GetSection(ServerOptions.Section));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<NodeService>();
        return builder.Build();
    }
}
