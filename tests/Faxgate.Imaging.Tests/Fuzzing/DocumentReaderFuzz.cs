using System.Diagnostics;
using Faxgate.Imaging.Pages;
using Faxgate.TestSupport;

namespace Faxgate.Imaging.Tests.Fuzzing;

/// <summary>
/// The fuzz loop every document reader gets: mutated seeds for the budget (and at least 300 runs), each read
/// giving pages within the limit or an <see cref="ImageFormatException"/> with a reason, never another exception
/// and never a read that takes seconds.
/// </summary>
internal static class DocumentReaderFuzz
{
    public static void Run(IReadOnlyList<byte[]> seeds, Random random, TimeSpan budget, int maxPages, Func<byte[], FaxDocument> read)
    {
        var clock = Stopwatch.StartNew();
        int runs = 0;
        int decoded = 0;
        while (clock.Elapsed < budget || runs < 300)
        {
            byte[] input = FuzzInputs.Mutate(seeds[random.Next(seeds.Count)], random);
            var one = Stopwatch.StartNew();
            try
            {
                FaxDocument document = read(input);
                Assert.InRange(document.Pages.Count, 1, maxPages);
                decoded++;
            }
            catch (ImageFormatException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Reason));
            }

            Assert.True(one.Elapsed < TimeSpan.FromSeconds(2), $"run {runs} took {one.Elapsed}");
            runs++;
        }

        Assert.True(decoded > 0, "no mutated file decoded at all: the mutations are too coarse");
    }
}
