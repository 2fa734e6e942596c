using System.Diagnostics.CodeAnalysis;
using System.Globalization;

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

    /// <summary>The parameters as stored with a hash or a key wrap: <c>m=65536,t=3,p=1</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"m={MemoryKiB},t={Iterations},p={Parallelism}");

    /// <summary>Reads <see cref="ToString"/>'s form back; false when malformed or beyond the limits.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Argon2Parameters? cost)
    {
        cost = null;
        int m = 0, t = 0, p = 0;
        foreach (string pair in (text ?? "").Split(','))
        {
            string[] kv = pair.Split('=');
            if (kv.Length != 2 || !int.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out int value))
            {
                return false;
            }

            switch (kv[0])
            {
                case "m": m = value; break;
                case "t": t = value; break;
                case "p": p = value; break;
                default: return false;
            }
        }

        var parsed = new Argon2Parameters(m, t, p);
        if (!parsed.WithinLimits)
        {
            return false;
        }

        cost = parsed;
        return true;
    }
}
