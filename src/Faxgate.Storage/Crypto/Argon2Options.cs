namespace Faxgate.Storage.Crypto;

/// <summary>
/// The Argon2id cost for new password hashes and account key wraps (configuration section <c>Security:Argon2</c>).
/// Existing hashes and wraps keep the parameters they were made with.
/// </summary>
public sealed class Argon2Options
{
    public const string Section = "Security:Argon2";

    /// <summary>Memory per computation in KiB (default 65536 = 64 MiB).</summary>
    public int MemoryKiB { get; set; } = Argon2Parameters.Default.MemoryKiB;

    /// <summary>Passes over the memory (default 3).</summary>
    public int Iterations { get; set; } = Argon2Parameters.Default.Iterations;

    /// <summary>Lanes (default 1).</summary>
    public int Parallelism { get; set; } = Argon2Parameters.Default.Parallelism;

    /// <summary>The parameters, checked against the limits Faxgate accepts when it reads them back.</summary>
    public Argon2Parameters ToParameters()
    {
        var parameters = new Argon2Parameters(MemoryKiB, Iterations, Parallelism);
        if (!parameters.WithinLimits)
        {
            throw new StorageConfigurationException(
                $"{Section} is out of range: MemoryKiB 8..{Argon2Parameters.MaxMemoryKiB} (at least 8 per lane), Iterations 1..{Argon2Parameters.MaxIterations}, Parallelism 1..{Argon2Parameters.MaxParallelism}");
        }

        return parameters;
    }
}
