namespace Faxgate.Imaging.Tiff;

/// <summary>PackBits run-length decoding (TIFF 6.0 section 9).</summary>
internal static class PackBits
{
    /// <summary>Decodes into <paramref name="output"/>; returns the bytes produced (less than its length when the data ends early).</summary>
    public static int Decode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int i = 0;
        int o = 0;
        while (i < input.Length && o < output.Length)
        {
            int n = (sbyte)input[i++];
            if (n >= 0)
            {
                int take = Math.Min(Math.Min(n + 1, input.Length - i), output.Length - o);
                input.Slice(i, take).CopyTo(output[o..]);
                i += n + 1;
                o += take;
            }
            else if (n != -128)
            {
                if (i >= input.Length)
                {
                    break;
                }

                int take = Math.Min(1 - n, output.Length - o);
                output.Slice(o, take).Fill(input[i++]);
                o += take;
            }
        }

        return o;
    }
}
