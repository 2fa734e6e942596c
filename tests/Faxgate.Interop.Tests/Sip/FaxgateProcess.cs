using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Faxgate.TestSupport;

namespace Faxgate.Interop.Tests.Sip;

/// <summary>
/// ./faxgate as a process for the SIP end-to-end tests: its stdout and stderr lines are collected as they come,
/// and a test can wait for a line (a log line of `faxgate serve`, the progress of `faxgate fax send`).
/// </summary>
internal sealed partial class FaxgateProcess : IDisposable
{
    private readonly Process _process;
    private readonly object _gate = new();
    private readonly List<string> _output = [];
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private bool _disposed;

    private FaxgateProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Line(e.Data, stdout: true);
        process.ErrorDataReceived += (_, e) => Line(e.Data, stdout: false);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>
    /// Starts ./faxgate with <paramref name="arguments"/> and extra environment variables. `env --default-signal`
    /// gives it the default signal dispositions, which a test run started in the background does not pass on.
    /// </summary>
    public static FaxgateProcess Start(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        Assert.True(ExternalTool.FaxgateBuilt, "./faxgate does not build");
        var start = new ProcessStartInfo("env")
        {
            ArgumentList = { "--default-signal=INT,TERM", Repository.FaxgateScript },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Repository.Root,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return new FaxgateProcess(process);
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Time since the process was started.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Every line so far, stdout and stderr interleaved as they came.</summary>
    public string Lines
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>Waits for the first line (so far or to come) that matches.</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_lines.FirstOrDefault(match) is { } line)
            {
                return Task.FromResult(line);
            }

            _waiters.Add((match, found));
        }

        return WaitAsync(found.Task, timeout);
    }

    /// <summary>Waits for the process to end; its exit code, its stdout and everything it printed.</summary>
    public async Task<(int ExitCode, string Output, string All)> FinishAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"faxgate did not finish within {timeout.TotalSeconds} s:\n{Lines}");
        }

        lock (_gate)
        {
            return (_process.ExitCode, string.Join('\n', _output), string.Join('\n', _lines));
        }
    }

    /// <summary>Sends SIGTERM (a clean stop).</summary>
    public void Terminate() =>
        Assert.Equal(0, ExternalTool.Run("kill", "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)).ExitCode);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        _process.Dispose();
    }

    private async Task<string> WaitAsync(Task<string> found, TimeSpan timeout)
    {
        try
        {
            return await found.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"faxgate printed no such line within {timeout.TotalSeconds} s:\n{Lines}");
        }
    }

    private void Line(string? line, bool stdout)
    {
        if (line is null)
        {
            return;
        }

        List<TaskCompletionSource<string>> found = [];
        lock (_gate)
        {
            _lines.Add(line);
            if (stdout)
            {
                _output.Add(line);
            }

            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(line))
                {
                    found.Add(_waiters[i].Found);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (TaskCompletionSource<string> waiter in found)
        {
            waiter.TrySetResult(line);
        }
    }
}
