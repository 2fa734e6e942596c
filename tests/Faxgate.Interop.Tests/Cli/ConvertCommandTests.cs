using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Tiff;
using Faxgate.TestSupport;

namespace Faxgate.Interop.Tests.Cli;

public sealed class ConvertCommandTests
{
    private static (string Dir, string Tiff, List<BilevelPage> Pages) SampleFax()
    {
        string dir = Repository.NewScratchDirectory("convert");
        string tiff = Path.Combine(dir, "fax.tif");
        var pages = new List<BilevelPage>
        {
            TestPages.Document(1728, 2287, 11, PageResolution.Fine),
            TestPages.Document(1728, 1143, 12, PageResolution.Standard),
        };
        TiffWriter.Write(tiff, pages, new TiffWriteOptions { Scheme = CodingScheme.Mr });
        return (dir, tiff, pages);
    }

    [SkippableFact]
    public void Tiff_to_pdf_embeds_the_pages_that_poppler_extracts_exactly()
    {
        ExternalTool.Require("pdfimages");
        ExternalTool.Require("qpdf");
        (string dir, string tiff, List<BilevelPage> pages) = SampleFax();
        string pdf = Path.Combine(dir, "fax.pdf");

        ExternalTool.Result convert = ExternalTool.Faxgate("convert", tiff, pdf);
        Assert.True(convert.ExitCode == 0, convert.Describe("faxgate convert"));
        Assert.Contains("2 page(s)", convert.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, ExternalTool.Run("qpdf", "--check", pdf).ExitCode);

        ExternalTool.Result extract = ExternalTool.Run("pdfimages", pdf, Path.Combine(dir, "img"));
        Assert.Equal(0, extract.ExitCode);
        for (int i = 0; i < pages.Count; i++)
        {
            (int width, int height, byte[] pixels) = Pbm.Read(Path.Combine(dir, $"img-{i:000}.pbm"));
            PageAssert.SamePixels(pages[i].Width, pages[i].Height, pages[i].Pixels, width, height, pixels, $"page {i + 1}");
        }

        ExternalTool.Result info = ExternalTool.Run("pdfinfo", pdf);
        Assert.Contains("Title:           fax", info.StandardOutput, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData("mh", 3)]
    [InlineData("mr", 3)]
    [InlineData("mmr", 4)]
    public void Tiff_to_tiff_recodes_in_the_coding_asked_for(string compression, int tiffCompression)
    {
        LibTiff.Require();
        (string dir, string tiff, List<BilevelPage> pages) = SampleFax();
        string output = Path.Combine(dir, $"out-{compression}.tif");

        ExternalTool.Result convert = ExternalTool.Faxgate("convert", tiff, output, "--compression", compression);
        Assert.True(convert.ExitCode == 0, convert.Describe("faxgate convert"));

        (List<LibTiff.Page> decoded, List<string> messages) = LibTiff.ReadAll(output);
        Assert.Empty(messages);
        Assert.Equal(pages.Count, decoded.Count);
        for (int i = 0; i < pages.Count; i++)
        {
            Assert.Equal(tiffCompression, decoded[i].Compression);
            PageAssert.SamePixels(decoded[i], pages[i], $"{compression} page {i + 1}");
        }
    }

    [SkippableFact]
    public void Resolution_option_resamples_rows_to_the_fax_resolution()
    {
        LibTiff.Require();
        (string dir, string tiff, _) = SampleFax();
        string output = Path.Combine(dir, "standard.tif");

        ExternalTool.Result convert = ExternalTool.Faxgate("convert", tiff, output, "--resolution", "standard");
        Assert.True(convert.ExitCode == 0, convert.Describe("faxgate convert"));

        FaxDocument document = TiffReader.Read(output);
        Assert.All(document.Pages, p => Assert.Equal(PageResolution.Standard, p.Resolution));
        Assert.Equal(1144, document.Pages[0].Height); // 2287 fine rows become 1144 standard rows
        Assert.Equal(1143, document.Pages[1].Height); // already standard
        (List<LibTiff.Page> decoded, List<string> messages) = LibTiff.ReadAll(output);
        Assert.Empty(messages);
        PageAssert.SamePixels(decoded[0], document.Pages[0], "resampled page");
    }

    [Fact]
    public void A_file_that_is_neither_tiff_nor_pdf_fails_with_one_line_and_leaves_no_output()
    {
        string dir = Repository.NewScratchDirectory("convert-bad");
        string input = Path.Combine(dir, "junk.tif");
        File.WriteAllBytes(input, [.. Enumerable.Range(0, 1000).Select(i => (byte)(i * 37))]);
        string output = Path.Combine(dir, "out.pdf");

        ExternalTool.Result convert = ExternalTool.Faxgate("convert", input, output);
        Assert.Equal(1, convert.ExitCode);
        Assert.Equal($"faxgate: {input}: not a TIFF or PDF file", convert.StandardError.Trim());
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
    }

    [Fact]
    public void A_truncated_tiff_fails_with_a_clear_error()
    {
        (string dir, string tiff, _) = SampleFax();
        byte[] whole = File.ReadAllBytes(tiff);
        string input = Path.Combine(dir, "cut.tif");
        File.WriteAllBytes(input, whole.AsSpan(0, 100).ToArray());

        ExternalTool.Result convert = ExternalTool.Faxgate("convert", input, Path.Combine(dir, "out.tif"));
        Assert.Equal(1, convert.ExitCode);
        string error = convert.StandardError.Trim();
        Assert.StartsWith($"faxgate: {input}: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Theory]
    [InlineData("missing.tif", "out.pdf", 1)]
    [InlineData("fax.tif", "out.png", 2)]
    public void Bad_arguments_fail_without_a_trace(string input, string output, int exitCode)
    {
        (string dir, _, _) = SampleFax();
        ExternalTool.Result convert = ExternalTool.Faxgate("convert", Path.Combine(dir, input), Path.Combine(dir, output));
        Assert.Equal(exitCode, convert.ExitCode);
        Assert.StartsWith("faxgate: ", convert.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", convert.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_compression_is_a_usage_error()
    {
        (string dir, string tiff, _) = SampleFax();
        ExternalTool.Result convert = ExternalTool.Faxgate("convert", tiff, Path.Combine(dir, "o.tif"), "--compression", "jbig");
        Assert.Equal(2, convert.ExitCode);
    }

    [SkippableFact]
    public void Every_broken_corpus_file_gives_a_one_line_error_or_a_converted_pdf()
    {
        List<string> files = [.. Corpus.Files("fax/broken")];
        Skip.If(files.Count == 0, "the shared corpus (../shared/corpus) is not present");
        string dir = Repository.NewScratchDirectory("convert-corpus");
        foreach (string file in files)
        {
            string output = Path.Combine(dir, Path.GetFileName(file) + ".pdf");
            ExternalTool.Result convert = ExternalTool.Faxgate("convert", Path.Combine(Corpus.Root!, file), output);
            if (convert.ExitCode == 0)
            {
                Assert.True(File.Exists(output), file);
            }
            else
            {
                Assert.Equal(1, convert.ExitCode);
                Assert.False(File.Exists(output), file);
                string[] lines = [.. convert.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.Contains("warning:", StringComparison.Ordinal))];
                Assert.True(lines.Length == 1, $"{file}: {convert.StandardError}");
            }
        }
    }
}
