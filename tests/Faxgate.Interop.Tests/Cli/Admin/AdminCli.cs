using System.Diagnostics;
using Faxgate.Storage;
using Faxgate.TestSupport;

namespace Faxgate.Interop.Tests.Cli.Admin;

/// <summary>
/// Runs the real ./faxgate admin verbs against a fresh database: SQLite in a scratch data folder, or a MariaDB
/// database named by FAXGATE__Storage__* environment variables, as an operator would configure it. Argon2 runs at a
/// test cost. <see cref="Database"/> opens the same database for checks behind the command's back.
/// </summary>
internal sealed class AdminCli : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment = new()
    {
        ["FAXGATE__Security__Argon2__MemoryKiB"] = "64",
        ["FAXGATE__Security__Argon2__Iterations"] = "1",
    };

    private AdminCli(string provider)
    {
        DataDirectory = Repository.NewScratchDirectory($"admin-{provider}");
        Options = TestDatabases.Create(provider, DataDirectory);
        if (provider == "mariadb")
        {
            _environment["FAXGATE__Storage__Provider"] = "mariadb";
            _environment["FAXGATE__Storage__ConnectionString"] = Options.ConnectionString!;
        }
    }

    public string DataDirectory { get; }

    public StorageOptions Options { get; }

    public Database Database { get; private set; } = null!;

    /// <summary>Everything the commands printed so far, stdout and stderr, for checks that something never appears.</summary>
    public List<string> Transcript { get; } = [];

    public static async Task<AdminCli> StartAsync(string provider, params string[] accounts)
    {
        // Built up front: a build says so on stderr, and the verbs' stderr is to hold only what they print.
        _ = ExternalTool.FaxgateBuilt;
        var cli = new AdminCli(provider);
        cli.Database = await Database.OpenAsync(cli.Options, cli.DataDirectory, TimeProvider.System, CancellationToken.None);
        foreach (string account in accounts)
        {
            await TestAccounts.AddAsync(cli.Database, account);
        }

        return cli;
    }

    public void Set(string variable, string value) => _environment[variable] = value;

    public ExternalTool.Result Run(params string[] arguments) => RunWithInput(null, arguments);

    /// <summary>Runs <c>./faxgate ARGUMENTS --data DIR</c> with <paramref name="input"/> on stdin (closed when null).</summary>
    public ExternalTool.Result RunWithInput(string? input, params string[] arguments)
    {
        var start = new ProcessStartInfo(Repository.FaxgateScript)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        foreach (string argument in arguments.Append("--data").Append(DataDirectory))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (string inherited in start.Environment.Keys.Where(k => k.StartsWith("FAXGATE__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        foreach ((string variable, string value) in _environment)
        {
            start.Environment[variable] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start ./faxgate");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            process.StandardInput.Write(input);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"faxgate {string.Join(' ', arguments)} did not finish in time");
        }

        string stdout = output.GetAwaiter().GetResult();
        string stderr = error.GetAwaiter().GetResult();
        Transcript.Add(stdout);
        Transcript.Add(stderr);
        return new ExternalTool.Result(process.ExitCode, stdout, stderr, System.Text.Encoding.UTF8.GetBytes(stdout));
    }

    public ValueTask DisposeAsync()
    {
        TestDatabases.Drop(Options);
        return ValueTask.CompletedTask;
    }
}
