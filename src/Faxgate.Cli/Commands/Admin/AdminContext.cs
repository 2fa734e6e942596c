using System.CommandLine;
using System.Data.Common;
using Faxgate.Server.Options;
using Faxgate.Storage;
using Microsoft.Extensions.Configuration;

namespace Faxgate.Cli.Commands.Admin;

/// <summary>
/// What every admin verb shares: <c>--data DIR</c> and <c>--config FILE</c>, the database they select (read exactly as
/// <c>faxgate serve</c> reads it), who is acting (for the audit log), and one way to report failures: one line on
/// stderr and exit 1 for the operator's mistakes and for an unreachable database.
/// </summary>
internal sealed class AdminContext
{
    private readonly Option<string> _data = new("--data") { Description = "Data folder (database, keys)", DefaultValueFactory = _ => "data" };
    private readonly Option<string?> _config = new("--config") { Description = "Configuration file (JSON), in addition to DATA/faxgate.json" };

    /// <summary>Adds --data and --config to a verb (and its subcommands, recursively).</summary>
    public void AddTo(Command command)
    {
        _data.Recursive = true;
        _config.Recursive = true;
        command.Options.Add(_data);
        command.Options.Add(_config);
    }

    /// <summary>Who the audit log says acted: the operating system user running the command.</summary>
    public static string Actor => $"cli:{Environment.UserName}";

    public string DataDirectory(ParseResult result) => Path.GetFullPath(result.GetValue(_data)!);

    public IConfiguration Configuration(ParseResult result) => ServerConfiguration.Build(DataDirectory(result), result.GetValue(_config));

    /// <summary>The storage settings in force for this invocation.</summary>
    public StorageOptions StorageOptions(ParseResult result)
    {
        var options = new StorageOptions();
        Configuration(result).GetSection(Storage.StorageOptions.Section).Bind(options);
        return options;
    }

    /// <summary>Opens (and migrates) the configured database.</summary>
    public Task<Database> OpenAsync(ParseResult result, CancellationToken cancellationToken) =>
        Database.OpenAsync(StorageOptions(result), DataDirectory(result), TimeProvider.System, cancellationToken);

    /// <summary>
    /// Runs an admin action and turns the failures an operator can fix into one line on stderr and exit 1:
    /// bad input, bad configuration, an unreachable or refusing database.
    /// </summary>
    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (InvalidRequestException exception)
        {
            return Fail(exception.Message);
        }
        catch (StorageConfigurationException exception)
        {
            return Fail(exception.Message);
        }
        catch (DbException exception)
        {
            return Fail($"database error: {exception.Message}");
        }
        catch (InvalidDataException exception)
        {
            return Fail(exception.Message);
        }
        catch (IOException exception)
        {
            return Fail(exception.Message);
        }
        catch (UnauthorizedAccessException exception)
        {
            return Fail(exception.Message);
        }
    }

    public static int Fail(string message)
    {
        Console.Error.WriteLine($"faxgate: {message}");
        return ExitCodes.Failed;
    }
}
