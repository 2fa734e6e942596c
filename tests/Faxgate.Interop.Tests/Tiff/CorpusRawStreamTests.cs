using Faxgate.Imaging;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Tiff;
using Faxgate.TestSupport;

namespace Faxgate.Interop.Tests.Tiff;

/// <summary>
/// The raw CCITT streams of the corpus (no container: the coding, width and alignment are
/// given here, as a fax modem or a PDF filter would give them), against references decoded by
/// libtiff.
/// </summary>
public sealed class CorpusRawStreamTests
{
    public static TheoryData<string> GopherStreams() =>
    [
        "bw-gopher.ccitt_group3", "bw-gopher.ccitt_group4",
        "bw-gopher-aligned.ccitt_group3", "bw-gopher-aligned.ccitt_group4",
        "bw-gopher-inverted.ccitt_group3", "bw-gopher-inverted.ccitt_group4",
        "bw-gopher-inverted-aligned.ccitt_group3", "bw-gopher-inverted-aligned.ccitt_group4",
        "bw-gopher-truncated0.ccitt_group3", "bw-gopher-truncated0.ccitt_group4",
        "bw-gopher-truncated1.ccitt_group4",
    ];

    [SkippableTheory]
    [MemberData(nameof(GopherStreams))]
    public void Raw_streams_decode_to_the_image_libtiff_reads_from_the_same_picture_in_a_tiff(string name)
    {
        string path = Corpus.File($"fax/raw/{name}");
        LibTiff.Require();
        (List<LibTiff.Page> reference, _) = LibTiff.ReadAll(Corpus.File("fax/g4/bw-gopher_ccittGroup4.tiff"));
        CodingScheme scheme = name.EndsWith('4') ? CodingScheme.Mmr : CodingScheme.Mh;
        var options = new DecoderOptions { ByteAlignedLines = name.Contains("aligned", StringComparison.Ordinal), Height = 55 };

        BilevelPage page = PageDecoder.Decode(File.ReadAllBytes(path), scheme, 153, PageResolution.Fine, options);
        Assert.True(page.Quality!.IsClean, page.Quality.Error);
        if (name.Contains("inverted", StringComparison.Ordinal))
        {
            byte[] pixels = page.ToArray();
            for (int i = 0; i < pixels.Length; i++)
            {
                pixels[i] = (byte)~pixels[i];
            }

            page = new BilevelPage(page.Width, page.Height, page.Resolution, pixels);
        }

        PageAssert.SamePixels(reference[0], page, name);
    }

    [SkippableFact]
    public void A_stream_cut_inside_its_last_line_conceals_that_line()
    {
        string path = Corpus.File("fax/raw/bw-gopher-truncated1.ccitt_group3");
        LibTiff.Require();
        (List<LibTiff.Page> reference, _) = LibTiff.ReadAll(Corpus.File("fax/g4/bw-gopher_ccittGroup4.tiff"));

        BilevelPage page = PageDecoder.Decode(File.ReadAllBytes(path), CodingScheme.Mh, 153, PageResolution.Fine, new DecoderOptions { Height = 55 });
        Assert.Equal(1, page.Quality!.BadLines);
        Assert.True(page.Row(54).SequenceEqual(page.Row(53)));
        PageAssert.SamePixels(153, 54, reference[0].Pixels.AsSpan(0, 54 * 20), 153, 54, page.Pixels[..(54 * 20)], "rows before the cut");
    }

    [SkippableFact]
    public void A_fax_modem_stream_decodes_as_libtiffs_fax2tiff_reads_it()
    {
        string path = Corpus.File("fax/raw/miniswhite-1c-1b.g3");
        ExternalTool.Require("fax2tiff");
        LibTiff.Require();
        string converted = Path.Combine(Repository.NewScratchDirectory("fax2tiff"), "fax.tif");
        Assert.Equal(0, ExternalTool.Run("fax2tiff", "-M", "-o", converted, path).ExitCode);
        (List<LibTiff.Page> reference, _) = LibTiff.ReadAll(converted);

        BilevelPage page = PageDecoder.Decode(File.ReadAllBytes(path), CodingScheme.Mh, 1728, PageResolution.Fine);
        Assert.True(page.Quality!.IsClean, page.Quality.Error);

        // fax2tiff also counts the RTC's EOLs as (white) rows; Faxgate ends the page at RTC.
        Assert.Equal(page.Height + 6, reference[0].Height);
        Assert.All(Enumerable.Range(page.Height, 6), y => Assert.True(reference[0].Pixels.AsSpan(y * 216, 216).IndexOfAnyExcept((byte)0) < 0));
        PageAssert.SamePixels(1728, page.Height, reference[0].Pixels.AsSpan(0, page.Height * 216), page.Width, page.Height, page.Pixels, "miniswhite-1c-1b.g3");
    }

    [SkippableFact]
    public void A_corrupt_stream_ends_cleanly()
    {
        // TwelveMonkeys issue 645: a corrupt T.6 stream, width 7, that once crashed a decoder.
        string path = Corpus.File("fax/raw/645.ccitt");
        byte[] data = File.ReadAllBytes(path);
        try
        {
            BilevelPage page = PageDecoder.Decode(data, CodingScheme.Mmr, 7, PageResolution.Fine);
            Assert.True(page.Quality!.Truncated);
            Assert.Contains("invalid T.6 code", page.Quality.Error, StringComparison.Ordinal);
        }
        catch (ImageFormatException e)
        {
            Assert.Contains("T.6", e.Message, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public void The_gopher_tiffs_in_every_coding_agree()
    {
        LibTiff.Require();
        BilevelPage g4 = TiffReader.Read(Corpus.File("fax/g4/bw-gopher_ccittGroup4.tiff")).Pages[0];
        BilevelPage g3 = TiffReader.Read(Corpus.File("fax/g3-1d/bw-gopher_ccittGroup3.tiff")).Pages[0];
        Assert.True(g4.SamePixels(g3));
    }
}
