using System.Security.Cryptography;
using Faxgate.Imaging;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Tiff;
using Faxgate.TestSupport;

namespace Faxgate.Interop.Tests.Tiff;

/// <summary>Every fax TIFF in the shared corpus: decoded as libtiff decodes it, or refused with a clear reason.</summary>
public sealed class CorpusTiffTests
{
    /// <summary>Files Faxgate refuses, with what the refusal must say.</summary>
    private static readonly Dictionary<string, string> Refused = new()
    {
        ["fax/broken/0x0.tiff"] = "image width 0",
        ["fax/broken/0x1.tiff"] = "image width 0",
        ["fax/broken/1x0.tiff"] = "image length 0",
        ["fax/broken/test_ifd_loop_subifd.tif"] = "not a bilevel image",
        ["fax/broken/test_ifd_loop_to_first.tif"] = "not a bilevel image",
        ["fax/broken/test_ifd_loop_to_self.tif"] = "not a bilevel image",
        ["fax/multipage/multipage.tif"] = "not a bilevel image",
    };

    /// <summary>Files where libtiff itself stumbles; each has its own test below.</summary>
    private static readonly HashSet<string> LibTiffStumbles =
    [
        "fax/real/g3aoe.tif",
        "fax/g3-1d/testfax3_bug54_1dnoEOL.tif",
        "fax/broken/incorrect-compression-rle-as-g3.tif",
        "fax/broken/testfax3_bug_513.tiff",
        "fax/broken/ccitt_tolessrows.tif",
    ];

    /// <summary>libtiff warnings about metadata, not pixels.</summary>
    private static readonly string[] MetadataWarnings =
    [
        "Unknown field with tag", "tags are not sorted", "Bogus \"StripByteCounts\"", "incorrect count for field",
    ];

    [SkippableFact]
    public void Every_corpus_fax_tiff_decodes_to_libtiffs_pixels_or_is_refused_clearly()
    {
        LibTiff.Require();
        List<string> files = [.. Corpus.Files("fax", ".tif", ".tiff")];
        Skip.If(files.Count == 0, "the shared corpus (../shared/corpus) is not present");
        int compared = 0;
        foreach (string file in files.Where(f => !LibTiffStumbles.Contains(f.Replace('\\', '/'))))
        {
            string name = file.Replace('\\', '/');
            string path = Path.Combine(Corpus.Root!, file);
            if (Refused.TryGetValue(name, out string? reason))
            {
                ImageFormatException error = Assert.Throws<ImageFormatException>(() => TiffReader.Read(path));
                Assert.Contains(reason, error.Message, StringComparison.Ordinal);
                continue;
            }

            FaxDocument ours = TiffReader.Read(path);
            (List<LibTiff.Page> reference, List<string> messages) = LibTiff.ReadAll(path);
            string[] dataWarnings = [.. messages.Where(m => !MetadataWarnings.Any(w => m.Contains(w, StringComparison.Ordinal)))];
            Assert.True(dataWarnings.Length == 0, $"{name}: libtiff says {string.Join("; ", dataWarnings)}");
            Assert.Equal(reference.Count, ours.Pages.Count);
            for (int i = 0; i < reference.Count; i++)
            {
                Assert.True(ours.Pages[i].Quality?.IsClean ?? true, $"{name} page {i + 1}: {ours.Pages[i].Quality?.Error}");
                PageAssert.SamePixels(reference[i], ours.Pages[i], $"{name} page {i + 1}");
                compared++;
            }
        }

        Assert.True(compared >= 40, $"only {compared} pages compared");
    }

    [SkippableFact]
    public void A_real_fax_whose_first_line_has_no_EOL_keeps_that_line_and_conceals_its_damage()
    {
        // libtiff skips the first line (it has no EOL), so its page is ours moved up one row and
        // it runs out of data on the last row; both find the damaged lines near row 35.
        string path = Corpus.File("fax/real/g3aoe.tif");
        LibTiff.Require();
        BilevelPage ours = TiffReader.Read(path).Pages[0];
        (List<LibTiff.Page> reference, List<string> messages) = LibTiff.ReadAll(path);
        Assert.Contains(messages, m => m.Contains("Premature EOL at line 35", StringComparison.Ordinal));

        LineQuality quality = ours.Quality!;
        Assert.Equal(2328, ours.Height);
        Assert.False(quality.Truncated);
        Assert.InRange(quality.BadLines, 1, 8);
        Assert.InRange(quality.LongestBadRun, 1, quality.BadLines);

        int stride = ours.Stride;
        var differing = new List<int>();
        for (int y = 0; y + 1 < ours.Height - 1; y++)
        {
            if (!reference[0].Pixels.AsSpan(y * stride, stride).SequenceEqual(ours.Row(y + 1)))
            {
                differing.Add(y);
            }
        }

        Assert.All(differing, y => Assert.InRange(y, 28, 40));
    }

    [SkippableFact]
    public void G3_data_without_any_EOL_that_libtiff_cannot_read_decodes_cleanly()
    {
        AssertDecodesTo("fax/g3-1d/testfax3_bug54_1dnoEOL.tif", "Premature EOL", 1728, 2320);
    }

    [SkippableFact]
    public void Mislabelled_G3_data_decodes_using_exactly_its_bytes()
    {
        AssertDecodesTo("fax/broken/incorrect-compression-rle-as-g3.tif", "Premature EOL", 1700, 32);
    }

    [SkippableFact]
    public void Lines_with_more_runs_than_libtiff_allows_decode_exactly()
    {
        BilevelPage page = AssertDecodesTo("fax/broken/testfax3_bug_513.tiff", "Buffer overflow", 32, 2);
        Assert.Equal("AAAAAAAA55555555", Convert.ToHexString(page.Pixels));
    }

    [SkippableFact]
    public void T6_data_that_ends_early_gives_the_rows_it_has_and_says_the_page_is_incomplete()
    {
        string path = Corpus.File("fax/broken/ccitt_tolessrows.tif");
        LibTiff.Require();
        BilevelPage ours = TiffReader.Read(path).Pages[0];
        (List<LibTiff.Page> reference, _) = LibTiff.ReadAll(path);
        Assert.True(ours.Quality!.Truncated);
        Assert.Contains("4 of 6 rows", ours.Quality.Error, StringComparison.Ordinal);
        PageAssert.SamePixels(reference[0], ours, "ccitt_tolessrows");
    }

    /// <summary>
    /// libtiff fails on the file, so the check is that Faxgate decodes it cleanly, at its size, to
    /// the pixels recorded when the decode was first inspected by eye (see docs/imaging.md).
    /// </summary>
    private static BilevelPage AssertDecodesTo(string file, string libTiffComplaint, int width, int height)
    {
        string path = Corpus.File(file);
        LibTiff.Require();
        (_, List<string> messages) = LibTiff.ReadAll(path);
        Assert.Contains(messages, m => m.Contains(libTiffComplaint, StringComparison.Ordinal));
        FaxDocument document = TiffReader.Read(path);
        BilevelPage page = Assert.Single(document.Pages);
        Assert.True(page.Quality!.IsClean, page.Quality.Error);
        Assert.Equal((width, height), (page.Width, page.Height));
        Assert.Equal(Golden[file], Convert.ToHexString(SHA256.HashData(page.Pixels))[..16]);
        return page;
    }

    private static readonly Dictionary<string, string> Golden = new()
    {
        ["fax/g3-1d/testfax3_bug54_1dnoEOL.tif"] = "50B64A0EC6E19898",
        ["fax/broken/incorrect-compression-rle-as-g3.tif"] = "7F6CA370C64FBB9D",
        ["fax/broken/testfax3_bug_513.tiff"] = "2B51A385840A7BC6",
    };
}
