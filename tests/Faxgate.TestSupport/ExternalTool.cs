using System.Diagnostics;

using Xunit;

namespace Faxgate.TestSupport;

/// <summary>Runs a program (a reference tool such as tiffcp, or ./faxgate) and captures what it says.</summary>
public static class ExternalTool
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError, byte[] RawOutput)
    {
        public string Describe(string command) => $"{command} exited {ExitCode}\nstdout: {StandardOutput}\nstderr: {StandardError}";
    }

    public static bool Exists(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator)
            .Any(dir => File.Exists(Path.Combine(dir, program)));

    /// <summary>Skips the calling test when a reference tool is not installed (the test command installs them).</summary>
    public static void Require(string program) =>
        Skip.IfNot(Exists(program), $"{program} is not installed; ./test.sh installs it");

    public static Result Run(string program, IEnumerable<string> arguments, TimeSpan? timeout = null, string? workingDirectory = null, string? standardInput = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = standardInput is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
            process.StandardInput.Close();
        }

        using var output = new MemoryStream();
        Task copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in time");
        }

        copy.GetAwaiter().GetResult();
        byte[] raw = output.ToArray();
        return new Result(process.ExitCode, System.Text.Encoding.UTF8.GetString(raw), error.GetAwaiter().GetResult(), raw);
    }

    public static Result Run(string program, params string[] arguments) => Run(program, (IEnumerable<string>)arguments);

    private static readonly Lazy<bool> Built = new(() => Faxgate("--help").ExitCode == 0);

    /// <summary>
    /// Whether ./faxgate builds; the first call builds it (once per test run), so that tests which time the command
    /// do not time the build.
    /// </summary>
    public static bool FaxgateBuilt => Built.Value;

    /// <summary>Runs ./faxgate from the repository root.</summary>
    public static Result Faxgate(params string[] arguments) =>
        Run(Repository.FaxgateScript, arguments, TimeSpan.FromMinutes(5), Repository.Root);

    /// <summary>Runs ./faxgate from the repository root with <paramref name="standardInput"/> on its stdin.</summary>
    public static Result FaxgateWithInput(string standardInput, params string[] arguments) =>
        Run(Repository.FaxgateScript, arguments, TimeSpan.FromMinutes(5), Repository.Root, standardInput);
}
