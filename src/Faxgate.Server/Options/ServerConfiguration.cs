using Microsoft.Extensions.Configuration;

namespace Faxgate.Server.Options;

/// <summary>
/// Faxgate's configuration, later sources winning: built-in defaults (the embedded default needs no file),
/// faxgate.json in the data folder, the file given with --config, and environment variables FAXGATE__SECTION__KEY.
/// The server and every admin verb read it the same way, so they always agree on the database.
/// </summary>
public static class ServerConfiguration
{
    /// <summary>Adds Faxgate's configuration sources for <paramref name="dataDirectory"/> to a builder.</summary>
    public static void AddSources(IConfigurationBuilder builder, string dataDirectory, string? configFile)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        string data = Path.GetFullPath(dataDirectory);
        builder.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{ServerOptions.Section}:{nameof(ServerOptions.DataDirectory)}"] = data,
        });
        builder.AddJsonFile(Path.Combine(data, "faxgate.json"), optional: true, reloadOnChange: false);
        if (configFile is not null)
        {
            builder.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables("FAXGATE__");
    }

    /// <summary>Reads the configuration for <paramref name="dataDirectory"/> on its own (for admin verbs).</summary>
    public static IConfiguration Build(string dataDirectory, string? configFile)
    {
        var builder = new ConfigurationBuilder();
        AddSources(builder, dataDirectory, configFile);
        return builder.Build();
    }
}
