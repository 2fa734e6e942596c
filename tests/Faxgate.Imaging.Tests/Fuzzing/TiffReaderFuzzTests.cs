using System.Diagnostics;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Tiff;
using Faxgate.TestSupport;

namespace Faxgate.Imaging.Tests.Fuzzing;

/// <summary>Mutated TIFF files thrown at the reader: a document or an <see cref="ImageFormatException"/>, nothing else.</summary>
public sealed class TiffReaderFuzzTests
{
    private static readonly TimeSpan Budget = FuzzInputs.Budget(5);

    [Fact]
    public void Mutated_tiffs_give_pages_or_a_format_error()
    {
        var random = FuzzInputs.Seeded(2026);
        var seeds = new List<byte[]>();
        foreach (CodingScheme scheme in Enum.GetValues<CodingScheme>())
        {
            seeds.Add(TiffWriter.Write(
                [TestPages.Document(1728, 80, 1), TestPages.Noise(64, 16, 0.5, 2, PageResolution.Standard)],
                new TiffWriteOptions { Scheme = scheme, LsbFirst = scheme == CodingScheme.Mr }));
        }

        seeds.AddRange(Corpus.Files("fax", ".tif", ".tiff")
            .Select(f => File.ReadAllBytes(Path.Combine(Corpus.Root!, f)))
            .Where(b => b.Length < 64 * 1024));

        var options = new TiffReadOptions { MaxPages = 50, MaxPixelBytes = 64L << 20, MaxHeight = 20000 };
        DocumentReaderFuzz.Run(seeds, random, Budget, options.MaxPages, input => TiffReader.Read(input, options));
    }

    [Fact]
    public void Random_bytes_are_not_a_tiff()
    {
        var random = new Random(7);
        for (int i = 0; i < 500; i++)
        {
            byte[] input = FuzzInputs.Random(random, 512);
            if (random.Next(2) == 0 && input.Length >= 8)
            {
                "II*\0"u8.CopyTo(input);
            }

            try
            {
                TiffReader.Read(input);
            }
            catch (ImageFormatException)
            {
            }
        }
    }
}
