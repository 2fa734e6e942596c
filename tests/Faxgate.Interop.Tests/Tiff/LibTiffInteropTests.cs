using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Tiff;
using Faxgate.TestSupport;

namespace Faxgate.Interop.Tests.Tiff;

/// <summary>Faxgate's TIFF reader and writer against libtiff, the reference implementation.</summary>
public sealed class LibTiffInteropTests
{
    public static TheoryData<CodingScheme, int> SchemesAndWidths()
    {
        var data = new TheoryData<CodingScheme, int>();
        foreach (CodingScheme scheme in Enum.GetValues<CodingScheme>())
        {
            foreach (int width in TestPages.FaxWidths)
            {
                data.Add(scheme, width);
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(SchemesAndWidths))]
    public void Tiffs_we_write_are_read_by_libtiff_without_warnings_and_decode_to_our_pixels(CodingScheme scheme, int width)
    {
        RequireTools();
        var pages = new List<BilevelPage>
        {
            TestPages.Document(width, 700, width + (int)scheme, PageResolution.Fine),
            TestPages.Noise(width, 120, 0.3, width, PageResolution.Standard),
            TestPages.Document(width, 333, 7, PageResolution.Superfine).With(description: "page three"),
        };
        foreach (bool lsbFirst in new[] { false, true })
        {
            foreach (bool fill in scheme == CodingScheme.Mmr ? new[] { false } : new[] { false, true })
            {
                string context = $"{scheme} width {width} lsb {lsbFirst} fill {fill}";
                string dir = Repository.NewScratchDirectory("tiff-out");
                string ours = Path.Combine(dir, "ours.tif");
                TiffWriter.Write(ours, pages, new TiffWriteOptions { Scheme = scheme, LsbFirst = lsbFirst, FillBits = fill });
                AssertLibTiffReadsCleanly(ours, pages, context);
            }
        }
    }

    [SkippableFact]
    public void Random_pages_round_trip_through_our_writer_and_libtiff()
    {
        RequireTools();
        var random = new Random(20261129);
        for (int i = 0; i < 12; i++)
        {
            int width = random.Next(2) == 0 ? TestPages.FaxWidths[random.Next(TestPages.FaxWidths.Length)] : 1 + random.Next(3000);
            int height = 1 + random.Next(400);
            BilevelPage page = random.Next(2) == 0
                ? TestPages.Noise(width, height, random.NextDouble(), random.Next())
                : TestPages.Document(width, height, random.Next());
            CodingScheme scheme = (CodingScheme)random.Next(3);
            string path = Path.Combine(Repository.NewScratchDirectory("tiff-random"), "page.tif");
            TiffWriter.Write(path, [page], new TiffWriteOptions { Scheme = scheme, FillBits = random.Next(2) == 0 });
            AssertLibTiffReadsCleanly(path, [page], $"random page {i}: {scheme} {width}x{height}");
        }
    }

    public static TheoryData<string> LibTiffCodings() =>
    [
        "g3:1d", "g3:1d:fill", "g3:2d", "g3:2d:fill", "g4", "none", "packbits", "lzw", "zip",
    ];

    [SkippableTheory]
    [MemberData(nameof(LibTiffCodings))]
    public void Tiffs_libtiff_writes_decode_in_our_reader_to_its_pixels(string coding)
    {
        RequireTools();
        var pages = new List<BilevelPage>();
        foreach (int width in TestPages.FaxWidths)
        {
            pages.Add(TestPages.Document(width, 500, width, PageResolution.Fine));
        }

        foreach ((string name, BilevelPage page) in TestPages.Patterns(1728, 64))
        {
            // libtiff's own 1D decoder overflows on lines of 1-pixel runs (see the test below).
            if (!coding.Contains("1d", StringComparison.Ordinal) || name is not ("checkerboard" or "stripes"))
            {
                pages.Add(page);
            }
        }

        string dir = Repository.NewScratchDirectory("tiff-in");
        string source = Path.Combine(dir, "source.tif");
        TiffWriter.Write(source, pages);
        foreach (string[] extra in new[] { Array.Empty<string>(), ["-f", "lsb2msb"], ["-r", "16"], ["-r", "1", "-f", "lsb2msb"] })
        {
            string target = Path.Combine(dir, $"libtiff-{coding.Replace(':', '-')}-{string.Join("", extra)}.tif");
            ExternalTool.Result copy = ExternalTool.Run("tiffcp", ["-c", coding, .. extra, source, target]);
            Assert.True(copy.ExitCode == 0 && copy.StandardError.Length == 0, copy.Describe("tiffcp"));
            FaxDocument document = TiffReader.Read(target);
            (List<LibTiff.Page> reference, List<string> messages) = LibTiff.ReadAll(target);
            Assert.True(messages.Count == 0, $"libtiff reading its own {coding}: {string.Join("; ", messages)}");
            Assert.Equal(pages.Count, document.Pages.Count);
            for (int i = 0; i < pages.Count; i++)
            {
                string context = $"tiffcp -c {coding} {string.Join(' ', extra)} page {i + 1}";
                Assert.True(document.Pages[i].Quality?.IsClean ?? true, $"{context}: {document.Pages[i].Quality?.Error}");
                PageAssert.SamePixels(reference[i], document.Pages[i], context);
                PageAssert.SamePixels(pages[i], document.Pages[i], context);
            }
        }
    }

    [SkippableTheory]
    [InlineData("g3:1d:fill", CodingScheme.Mh)]
    [InlineData("g3:2d:fill", CodingScheme.Mr)]
    [InlineData("g4", CodingScheme.Mmr)]
    public void Our_coded_pages_are_bit_for_bit_what_libtiffs_encoder_writes(string coding, CodingScheme scheme)
    {
        RequireTools();
        var pages = new List<BilevelPage>
        {
            TestPages.Document(1728, 900, 21, PageResolution.Fine),
            TestPages.Document(2432, 500, 22, PageResolution.Standard),
            TestPages.Noise(2048, 200, 0.3, 23, PageResolution.Superfine),
        };
        string dir = Repository.NewScratchDirectory("tiff-bits");
        string ours = Path.Combine(dir, "ours.tif");
        string theirs = Path.Combine(dir, "libtiff.tif");
        TiffWriter.Write(ours, pages, new TiffWriteOptions { Scheme = scheme });
        ExternalTool.Result copy = ExternalTool.Run("tiffcp", "-c", coding, "-r", "100000", ours, theirs);
        Assert.True(copy.ExitCode == 0, copy.Describe("tiffcp"));

        FaxDocument ourDocument = TiffReader.Read(ours);
        FaxDocument theirDocument = TiffReader.Read(theirs);
        for (int i = 0; i < pages.Count; i++)
        {
            Assert.True(ourDocument.Pages[i].Coded!.Data.AsSpan().SequenceEqual(theirDocument.Pages[i].Coded!.Data), $"{coding} page {i + 1}");
        }
    }

    [SkippableFact]
    public void Lines_of_one_pixel_runs_that_libtiffs_1D_decoder_refuses_decode_exactly_in_ours()
    {
        RequireTools();
        BilevelPage checkerboard = TestPages.Patterns(1728, 64).Single(p => p.Name == "checkerboard").Page;
        string dir = Repository.NewScratchDirectory("tiff-1d");
        string source = Path.Combine(dir, "source.tif");
        string target = Path.Combine(dir, "g3.tif");
        TiffWriter.Write(source, [checkerboard]);
        Assert.Equal(0, ExternalTool.Run("tiffcp", "-c", "g3:1d", source, target).ExitCode);

        (_, List<string> messages) = LibTiff.ReadAll(target);
        Assert.Contains(messages, m => m.Contains("Buffer overflow", StringComparison.Ordinal));
        BilevelPage ours = TiffReader.Read(target).Pages[0];
        Assert.True(ours.Quality!.IsClean, ours.Quality.Error);
        PageAssert.SamePixels(checkerboard, ours, "checkerboard coded by libtiff, decoded by Faxgate");
    }

    [SkippableFact]
    public void Real_fax_pages_from_the_corpus_round_trip_in_every_coding()
    {
        RequireTools();
        var pages = new List<BilevelPage>();
        foreach (string file in Corpus.Files("fax/itu-charts", ".tif").Concat(Corpus.Files("fax/spandsp-generated/g3-2d", ".tif")))
        {
            pages.AddRange(TiffReader.Read(Path.Combine(Corpus.Root!, file)).Pages);
        }

        Skip.If(pages.Count == 0, "the shared corpus (../shared/corpus) is not present");
        foreach (CodingScheme scheme in Enum.GetValues<CodingScheme>())
        {
            string path = Path.Combine(Repository.NewScratchDirectory("tiff-corpus"), "real.tif");
            List<BilevelPage> recoded = [.. pages.Select(p => p.WithoutCoded())];
            TiffWriter.Write(path, recoded, new TiffWriteOptions { Scheme = scheme });
            AssertLibTiffReadsCleanly(path, recoded, $"corpus pages as {scheme}");
        }
    }

    private static void RequireTools()
    {
        ExternalTool.Require("tiffinfo");
        ExternalTool.Require("tiffcp");
        LibTiff.Require();
    }

    /// <summary>tiffinfo and tiffcp take the file without a word, and libtiff's pixels are the pages' pixels.</summary>
    private static void AssertLibTiffReadsCleanly(string path, IReadOnlyList<BilevelPage> pages, string context)
    {
        ExternalTool.Result info = ExternalTool.Run("tiffinfo", path);
        Assert.True(info.ExitCode == 0 && info.StandardError.Length == 0, $"{context}: {info.Describe("tiffinfo")}");
        string uncompressed = Path.ChangeExtension(path, ".none.tif");
        ExternalTool.Result copy = ExternalTool.Run("tiffcp", "-c", "none", path, uncompressed);
        Assert.True(copy.ExitCode == 0 && copy.StandardError.Length == 0, $"{context}: {copy.Describe("tiffcp -c none")}");

        (List<LibTiff.Page> decoded, List<string> messages) = LibTiff.ReadAll(uncompressed);
        Assert.True(messages.Count == 0, $"{context}: libtiff says {string.Join("; ", messages)}");
        Assert.Equal(pages.Count, decoded.Count);
        for (int i = 0; i < pages.Count; i++)
        {
            Assert.Equal(1, decoded[i].Compression);
            PageAssert.SamePixels(decoded[i], pages[i], $"{context} page {i + 1}");
        }

        (List<LibTiff.Page> direct, List<string> directMessages) = LibTiff.ReadAll(path);
        Assert.True(directMessages.Count == 0, $"{context}: libtiff says {string.Join("; ", directMessages)}");
        for (int i = 0; i < pages.Count; i++)
        {
            PageAssert.SamePixels(direct[i], pages[i], $"{context} page {i + 1} read directly");
        }
    }
}
