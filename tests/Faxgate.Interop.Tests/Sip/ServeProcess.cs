using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Faxgate.Storage;
using Faxgate.Storage.Crypto;
using Faxgate.Storage.Documents;
using Faxgate.TestSupport;

namespace Faxgate.Interop.Tests.Sip;

/// <summary>
/// `faxgate serve` as a process for the SIP end-to-end tests: a fresh data folder with one account and its numbers
/// made by the CLI (`account add --password-stdin`, `number add`, `number disable`), SIP on udp:127.0.0.1 port 0 (the
/// real port read from the log), media ports from a random range, and a SIGTERM to stop. Its log is kept line by line
/// and can be waited on.
/// </summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    public const string Account = "acme";

    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(3);

    private readonly Dictionary<string, string> _environment;
    private readonly List<string> _log = [];
    private readonly object _gate = new();
    private TaskCompletionSource _logged = NewSignal();
    private Process? _process;

    private ServeProcess(string dataDirectory, Dictionary<string, string> environment)
    {
        DataDirectory = dataDirectory;
        _environment = environment;
    }

    public string DataDirectory { get; }

    /// <summary>The SIP port serve listens on (udp, 127.0.0.1).</summary>
    public int SipPort { get; private set; }

    public IPEndPoint SipEndPoint => new(IPAddress.Loopback, SipPort);

    /// <summary>The first of the media ports given to serve (<c>Sip:MediaPorts</c>).</summary>
    public int FirstMediaPort { get; private set; }

    public int LastMediaPort { get; private set; }

    public int Pid => _process?.Id ?? throw new InvalidOperationException("serve is not running");

    /// <summary>Every line serve wrote so far (stdout and stderr).</summary>
    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_gate)
            {
                return [.. _log];
            }
        }
    }

    /// <summary>
    /// Makes the data folder with account <see cref="Account"/> and <paramref name="numbers"/> (E.164; those in
    /// <paramref name="disabled"/> are disabled), then starts serve with <paramref name="settings"/> (configuration
    /// keys such as <c>Sip:T38ReinviteDelayMilliseconds</c>) and waits until it listens for SIP.
    /// </summary>
    public static async Task<ServeProcess> StartAsync(string purpose, IReadOnlyDictionary<string, string>? settings = null,
        IEnumerable<string>? numbers = null, IEnumerable<string>? disabled = null, int mediaPortCount = 100)
    {
        Assert.True(ExternalTool.FaxgateBuilt, "./faxgate does not build");
        string data = Path.Combine(Repository.NewScratchDirectory(purpose), "data");
        int first = Random.Shared.Next(42000, 59000 - mediaPortCount);
        var environment = new Dictionary<string, string>
        {
            ["FAXGATE__Security__Argon2__MemoryKiB"] = "64",
            ["FAXGATE__Security__Argon2__Iterations"] = "1",
            ["FAXGATE__Server__NodeName"] = $"{purpose}-node",
            ["FAXGATE__Sip__Listen__0"] = "udp:127.0.0.1:0",
            ["FAXGATE__Sip__MediaPorts"] = $"{first}-{first + mediaPortCount - 1}",
        };
        foreach ((string key, string value) in settings ?? new Dictionary<string, string>())
        {
            environment["FAXGATE__" + key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var serve = new ServeProcess(data, environment) { FirstMediaPort = first, LastMediaPort = first + mediaPortCount - 1 };
        serve.Cli("correct horse battery staple\n", "account", "add", Account, "--name", "Acme Ltd", "--login", "owner@acme.example", "--password-stdin");
        foreach (string number in numbers ?? [])
        {
            serve.Cli(null, "number", "add", number, "--account", Account, "--email", "fax@acme.example");
        }

        foreach (string number in disabled ?? [])
        {
            serve.Cli(null, "number", "disable", number);
        }

        await serve.StartProcessAsync();
        return serve;
    }

    /// <summary>Runs <c>./faxgate ARGUMENTS --data DIR</c> with serve's environment; asserts exit 0 and returns stdout.</summary>
    public string Cli(string? input, params string[] arguments)
    {
        var start = NewStartInfo([.. arguments, "--data", DataDirectory]);
        start.RedirectStandardInput = true;
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start ./faxgate");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            process.StandardInput.Write(input);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"faxgate {string.Join(' ', arguments)} did not finish in time");
        }

        process.WaitForExit();
        string stdout = output.GetAwaiter().GetResult();
        Assert.True(process.ExitCode == 0, $"faxgate {string.Join(' ', arguments)} exited {process.ExitCode}\nstdout: {stdout}\nstderr: {error.GetAwaiter().GetResult()}");
        return stdout;
    }

    /// <summary>The rows of `faxgate fax list` (header left out), each split on runs of two or more spaces.</summary>
    public IReadOnlyList<string[]> FaxList(params string[] filter) =>
        [.. Cli(null, ["fax", "list", .. filter]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => ColumnGap().Split(line.Trim()))];

    /// <summary>Waits for a log line that matches; returns its match.</summary>
    public async Task<Match> WaitForLogAsync(Regex pattern, TimeSpan timeout, int skip = 0)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        DateTimeOffset deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            Task logged;
            lock (_gate)
            {
                Match? found = _log.Select(l => pattern.Match(l)).Where(m => m.Success).Skip(skip).FirstOrDefault();
                if (found is not null)
                {
                    return found;
                }

                logged = _logged.Task;
            }

            TimeSpan left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero || _process is { HasExited: true })
            {
                throw new TimeoutException($"serve logged no line like /{pattern}/ within {timeout.TotalSeconds} s:\n{string.Join('\n', Log)}");
            }

            try
            {
                await logged.WaitAsync(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
            }
            catch (TimeoutException)
            {
                // Look again (and whether serve is still running).
            }
        }
    }

    /// <summary>Waits for serve's "fax N STATUS, P pages" line of the call <paramref name="callId"/>; returns (fax id, status, pages).</summary>
    public async Task<(long FaxId, string Status, int Pages)> WaitForFaxFinishedAsync(string callId, TimeSpan timeout)
    {
        Match finished = await WaitForLogAsync(new Regex($@"Call {Regex.Escape(callId)} fax (\d+) (\w+), (\d+) pages"), timeout);
        return (long.Parse(finished.Groups[1].Value, CultureInfo.InvariantCulture), finished.Groups[2].Value, int.Parse(finished.Groups[3].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>How many log lines match.</summary>
    public int CountLog(Regex pattern) => Log.Count(pattern.IsMatch);

    /// <summary>The number of open sockets of the serve process (its /proc/PID/fd links to socket:[...]).</summary>
    public int OpenSockets()
    {
        int count = 0;
        foreach (string fd in Directory.EnumerateFileSystemEntries($"/proc/{Pid}/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:", StringComparison.Ordinal))
                {
                    count++;
                }
            }
            catch (IOException)
            {
                // Closed while we looked.
            }
        }

        return count;
    }

    /// <summary>Stops serve with SIGTERM; asserts that it exits 0 in time.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process || process.HasExited)
        {
            return;
        }

        Assert.Equal(0, ExternalTool.Run("kill", "-TERM", process.Id.ToString(CultureInfo.InvariantCulture)).ExitCode);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail("serve did not stop on SIGTERM within 30 s:\n" + string.Join('\n', Log));
        }

        Assert.True(process.ExitCode == 0, $"serve exited {process.ExitCode}:\n{string.Join('\n', Log)}");
    }

    /// <summary>The received document of fax <paramref name="faxId"/>, decrypted with the server key of the data folder.</summary>
    public async Task<byte[]> ReadReceivedDocumentAsync(long faxId)
    {
        var options = new StorageOptions();
        Database database = await Database.OpenAsync(options, DataDirectory, TimeProvider.System, CancellationToken.None);
        using ServerKey key = ServerKey.Load(options, DataDirectory);
        long documentId = await database.ReadAsync(
            connection => Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT id FROM documents WHERE fax_id = @faxId", new { faxId }),
            CancellationToken.None);
        Assert.True(documentId > 0, $"fax {faxId} has no stored document");
        return await new DocumentStore(database, key).ReadForServerAsync(documentId, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [GeneratedRegex(@"SIP listening on (?:udp|tcp|tls):127\.0\.0\.1:(\d+)")]
    private static partial Regex Listening();

    [GeneratedRegex(" {2,}")]
    private static partial Regex ColumnGap();

    private ProcessStartInfo NewStartInfo(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Repository.FaxgateScript)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root,
        };
        foreach (string argument in arguments)
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

        return start;
    }

    private async Task StartProcessAsync()
    {
        Process process = Process.Start(NewStartInfo(["serve", "--data", DataDirectory])) ?? throw new InvalidOperationException("could not start faxgate serve");
        _process = process;
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Match listening = await WaitForLogAsync(Listening(), StartLimit);
        SipPort = int.Parse(listening.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        TaskCompletionSource signal;
        lock (_gate)
        {
            _log.Add(line);
            signal = _logged;
            _logged = NewSignal();
        }

        signal.TrySetResult();
    }
}
