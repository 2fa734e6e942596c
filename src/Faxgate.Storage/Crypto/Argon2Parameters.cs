namespace Faxgate.Storage.Crypto;

/// <summary>
/// The cost of one Argon2id computation (RFC 9106). The defaults follow RFC 9106's second recommended option
/// (64 MiB, 3 passes) with one lane; every hash records its own parameters, so raising them later only affects new
/// hashes.
/// </summary>
public sealed record Argon2Parameters(int MemoryKiB = 65536, int Iterations = 3, int Parallelism = 1)
{
    public static Argon2Parameters Default { get; } = new();

    /// <summary>Limits on parameters read back from storage, so a tampered hash cannot make a check take forever.</summary>
    internal const int MaxMemoryKiB = 1024 * 1024;

    internal const int MaxIterations = 64;

    internal const int MaxParallelism = 16;

    internal bool WithinLimits =>
        MemoryKiB is >= 8 and <= MaxMemoryKiB && Iterations is >= 1 and <= MaxIterations && Parallelism is >= 1 and <= MaxParallelism
        && MemoryKiB >= 8 * Parallelism;
}
