namespace Faxgate.TestSupport;

/// <summary>Random and mutated inputs for the parsers' fuzz tests, reproducible from a seed.</summary>
public static class FuzzInputs
{
    /// <summary>Seconds each fuzz test runs: FAXGATE_FUZZ_SECONDS, or the given default.</summary>
    public static TimeSpan Budget(double defaultSeconds) =>
        TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable("FAXGATE_FUZZ_SECONDS"), out double s) ? s : defaultSeconds);

    /// <summary>A test's seed, shifted by FAXGATE_FUZZ_SEED so that long runs can explore further.</summary>
    public static Random Seeded(int seed) =>
        new(seed + (int.TryParse(Environment.GetEnvironmentVariable("FAXGATE_FUZZ_SEED"), out int extra) ? extra : 0));

    /// <summary>One mutation of a valid input: bit flips, overwritten runs, cuts, insertions, duplications.</summary>
    public static byte[] Mutate(byte[] valid, Random random)
    {
        ArgumentNullException.ThrowIfNull(valid);
        ArgumentNullException.ThrowIfNull(random);
        var data = new List<byte>(valid);
        int mutations = 1 + random.Next(8);
        for (int m = 0; m < mutations && data.Count > 0; m++)
        {
            int at = random.Next(data.Count);
            switch (random.Next(7))
            {
                case 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data[at] = (byte)random.Next(256);
                    break;
                case 2:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 3:
                    data.InsertRange(at, Enumerable.Repeat((byte)(random.Next(2) == 0 ? 0x00 : 0xFF), 1 + random.Next(64)));
                    break;
                case 4:
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(32)));
                    break;
                case 5:
                    int length = Math.Min(data.Count - at, 1 + random.Next(64));
                    data.InsertRange(random.Next(data.Count), data.GetRange(at, length));
                    break;
                default:
                    // Interesting values where offsets and counts live.
                    byte[] values = [0x00, 0xFF, 0x7F, 0x80, 0x01, 0xFE];
                    data[at] = values[random.Next(values.Length)];
                    break;
            }
        }

        return [.. data];
    }

    public static byte[] Random(Random random, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(random);
        var data = new byte[random.Next(maxLength + 1)];
        random.NextBytes(data);
        return data;
    }
}
