using System.Diagnostics;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.TestSupport;

namespace Faxgate.Imaging.Tests.Fuzzing;

/// <summary>
/// Random and mutated coded data thrown at the page decoder for a bounded time: every input ends
/// with a page or an <see cref="ImageFormatException"/>, never another exception, a hang, or a
/// page beyond the limits.
/// </summary>
public sealed class DecoderFuzzTests
{
    private static readonly TimeSpan Budget = FuzzInputs.Budget(4);

    [Theory]
    [InlineData(CodingScheme.Mh)]
    [InlineData(CodingScheme.Mr)]
    [InlineData(CodingScheme.Mmr)]
    public void Random_and_mutated_data_never_crash_or_hang_the_decoder(CodingScheme scheme)
    {
        var random = FuzzInputs.Seeded(1000 + (int)scheme);
        BilevelPage page = TestPages.Document(1728, 60, 3);
        byte[][] seeds =
        [
            LineEncoder.Encode(page, new EncoderOptions { Scheme = scheme }),
            LineEncoder.Encode(TestPages.Noise(1728, 20, 0.4, 1), new EncoderOptions { Scheme = scheme, AlignEol = true }),
        ];
        var options = new DecoderOptions { MaxLines = 500, MaxPendingBytes = 1 << 16 };
        var clock = Stopwatch.StartNew();
        int runs = 0;
        while (clock.Elapsed < Budget || runs < 200)
        {
            byte[] input = random.Next(3) == 0
                ? FuzzInputs.Random(random, 2048)
                : FuzzInputs.Mutate(seeds[random.Next(seeds.Length)], random);
            int width = random.Next(4) == 0 ? 1 + random.Next(3000) : 1728;
            var one = Stopwatch.StartNew();
            DecodeWhole(input, scheme, width, options);
            DecodeStreaming(input, scheme, width, options, random);
            Assert.True(one.Elapsed < TimeSpan.FromSeconds(2), $"run {runs} took {one.Elapsed}");
            runs++;
        }
    }

    private static void DecodeWhole(byte[] input, CodingScheme scheme, int width, DecoderOptions options)
    {
        try
        {
            BilevelPage result = PageDecoder.Decode(input, scheme, width, PageResolution.Fine, options);
            Assert.InRange(result.Height, 1, options.MaxLines);
            Assert.Equal(width, result.Width);
        }
        catch (ImageFormatException)
        {
        }
    }

    private static void DecodeStreaming(byte[] input, CodingScheme scheme, int width, DecoderOptions options, Random random)
    {
        var decoder = new PageDecoder(scheme, width, options);
        for (int i = 0; i < input.Length;)
        {
            int chunk = Math.Min(input.Length - i, 1 + random.Next(300));
            decoder.Push(input.AsSpan(i, chunk));
            i += chunk;
        }

        try
        {
            Assert.InRange(decoder.Finish(PageResolution.Fine).Height, 1, options.MaxLines);
        }
        catch (ImageFormatException)
        {
        }
    }
}
