namespace Faxgate.TestSupport;

/// <summary>Input for fuzz tests of parsers: random bytes, and valid input with a few random changes.</summary>
public static class Mutations
{
    public static byte[] RandomBytes(Random random, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(random);
        var data = new byte[random.Next(maxLength + 1)];
        random.NextBytes(data);
        return data;
    }

    /// <summary>One to three changes: a flipped bit, a cut, an inserted or a replaced byte.</summary>
    public static byte[] Mutate(byte[] valid, Random random)
    {
        ArgumentNullException.ThrowIfNull(valid);
        ArgumentNullException.ThrowIfNull(random);
        var data = new List<byte>(valid);
        for (int m = 1 + random.Next(3); m > 0 && data.Count > 0; m--)
        {
            int at = random.Next(data.Count);
            switch (random.Next(4))
            {
                case 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 2:
                    data.Insert(at, (byte)random.Next(256));
                    break;
                default:
                    data[at] = (byte)random.Next(256);
                    break;
            }
        }

        return [.. data];
    }
}
