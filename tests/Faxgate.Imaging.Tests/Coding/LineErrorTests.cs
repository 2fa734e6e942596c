using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.TestSupport;

namespace Faxgate.Imaging.Tests.Coding;

/// <summary>How the decoder treats damaged data: as a fax machine would, with counts the T.30 receiver can judge.</summary>
public sealed class LineErrorTests
{
    private static readonly BilevelPage Page = TestPages.Document(1728, 120, 42);

    [Fact]
    public void Receiver_replaces_a_damaged_MH_line_with_the_previous_line_and_counts_it()
    {
        byte[] data = LineEncoder.Encode(Page, new EncoderOptions { Scheme = CodingScheme.Mh });
        Damage(data, line: 50);

        BilevelPage decoded = PageDecoder.Decode(data, CodingScheme.Mh, Page.Width, Page.Resolution);
        LineQuality quality = decoded.Quality!;
        Assert.Equal(Page.Height, decoded.Height);
        Assert.Equal(1, quality.BadLines);
        Assert.Equal(1, quality.LongestBadRun);
        Assert.False(quality.Truncated);
        Assert.Contains("row 50", quality.Error, StringComparison.Ordinal);
        Assert.True(decoded.Row(50).SequenceEqual(Page.Row(49)), "the bad line repeats the one before");
        AssertRowsEqualExcept(Page, decoded, 50);
    }

    [Fact]
    public void Consecutive_damaged_lines_make_a_bad_run()
    {
        BilevelPage page = TestPages.Noise(1728, 100, 0.2, 8);
        byte[] data = LineEncoder.Encode(page, new EncoderOptions { Scheme = CodingScheme.Mh });
        Damage(data, 30);
        Damage(data, 31);
        Damage(data, 32);
        Damage(data, 70);

        BilevelPage decoded = PageDecoder.Decode(data, CodingScheme.Mh, page.Width, page.Resolution);
        Assert.Equal(4, decoded.Quality!.BadLines);
        Assert.Equal(3, decoded.Quality.LongestBadRun);
        AssertRowsEqualExcept(page, decoded, 30, 31, 32, 70);
    }

    [Fact]
    public void MR_lines_after_a_damaged_line_are_bad_until_the_next_one_dimensional_line()
    {
        byte[] data = LineEncoder.Encode(Page, new EncoderOptions { Scheme = CodingScheme.Mr, K = 4 });
        Damage(data, line: 40); // a 1D line; 41..43 are coded against it

        BilevelPage decoded = PageDecoder.Decode(data, CodingScheme.Mr, Page.Width, Page.Resolution);
        Assert.Equal(4, decoded.Quality!.BadLines);
        Assert.Equal(4, decoded.Quality.LongestBadRun);
        for (int y = 40; y < 44; y++)
        {
            Assert.True(decoded.Row(y).SequenceEqual(Page.Row(39)), $"row {y} repeats row 39");
        }

        AssertRowsEqualExcept(Page, decoded, 40, 41, 42, 43);
    }

    [Fact]
    public void MMR_data_that_ends_early_gives_the_rows_so_far_and_says_the_page_is_incomplete()
    {
        byte[] data = LineEncoder.Encode(Page, new EncoderOptions { Scheme = CodingScheme.Mmr });
        byte[] cut = data.AsSpan(0, data.Length / 2).ToArray();

        BilevelPage decoded = PageDecoder.Decode(cut, CodingScheme.Mmr, Page.Width, Page.Resolution, new DecoderOptions { Height = Page.Height });
        LineQuality quality = decoded.Quality!;
        Assert.True(quality.Truncated);
        Assert.NotNull(quality.Error);
        int good = 0;
        while (good < Page.Height && decoded.Row(good).SequenceEqual(Page.Row(good)))
        {
            good++;
        }

        Assert.InRange(good, Page.Height / 4, Page.Height - 1);
    }

    [Fact]
    public void Corrupt_MMR_ends_the_page_at_the_damage()
    {
        byte[] data = LineEncoder.Encode(Page, new EncoderOptions { Scheme = CodingScheme.Mmr });
        data[data.Length / 2] = 0;
        data[(data.Length / 2) + 1] = 0;

        BilevelPage decoded = PageDecoder.Decode(data, CodingScheme.Mmr, Page.Width, Page.Resolution);
        Assert.True(decoded.Quality!.Truncated);
        Assert.True(decoded.Height < Page.Height);
    }

    [Fact]
    public void A_page_without_RTC_ends_with_the_data()
    {
        byte[] data = LineEncoder.Encode(Page, new EncoderOptions { Scheme = CodingScheme.Mh, EndOfPage = false });
        var decoder = new PageDecoder(CodingScheme.Mh, Page.Width);
        decoder.Push(data);
        Assert.False(decoder.IsComplete);
        BilevelPage decoded = decoder.Finish(Page.Resolution);
        Assert.True(decoded.Quality!.IsClean, decoded.Quality.Error);
        Assert.True(Page.SamePixels(decoded));
    }

    [Fact]
    public void RTC_completes_the_page_and_later_data_is_ignored()
    {
        byte[] data = LineEncoder.Encode(Page, new EncoderOptions { Scheme = CodingScheme.Mr, K = 2 });
        var decoder = new PageDecoder(CodingScheme.Mr, Page.Width);
        decoder.Push(data);
        Assert.True(decoder.IsComplete);
        decoder.Push(LineEncoder.Encode(TestPages.Noise(1728, 10, 0.5, 1), new EncoderOptions { Scheme = CodingScheme.Mr }));
        Assert.True(Page.SamePixels(decoder.Finish(Page.Resolution)));
    }

    [Fact]
    public void A_page_longer_than_the_limit_is_cut_and_marked()
    {
        byte[] data = LineEncoder.Encode(Page, new EncoderOptions { Scheme = CodingScheme.Mh });
        var decoder = new PageDecoder(CodingScheme.Mh, Page.Width, new DecoderOptions { MaxLines = 50 });
        decoder.Push(data);
        BilevelPage decoded = decoder.Finish(Page.Resolution);
        Assert.Equal(50, decoded.Height);
        Assert.True(decoded.Quality!.Truncated);
        Assert.Contains("limit of 50 rows", decoded.Quality.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Endless_fill_without_a_line_stops_at_the_pending_limit()
    {
        var decoder = new PageDecoder(CodingScheme.Mh, 1728, new DecoderOptions { MaxPendingBytes = 4096 });
        for (int i = 0; i < 100 && !decoder.IsComplete; i++)
        {
            decoder.Push(new byte[1000]);
        }

        Assert.True(decoder.IsComplete);
        Assert.Contains("limit of 4096 bytes", decoder.Quality.Error, StringComparison.Ordinal);
        Assert.Throws<ImageFormatException>(() => decoder.Finish(PageResolution.Fine));
    }

    [Fact]
    public void A_push_larger_than_the_pending_limit_is_decoded_in_pieces()
    {
        BilevelPage page = TestPages.Noise(1728, 200, 0.4, 12);
        byte[] data = LineEncoder.Encode(page, new EncoderOptions { Scheme = CodingScheme.Mh });
        Assert.True(data.Length > 8 * 4096);
        var decoder = new PageDecoder(CodingScheme.Mh, 1728, new DecoderOptions { MaxPendingBytes = 4096 });
        decoder.Push(data);
        BilevelPage decoded = decoder.Finish(page.Resolution);
        Assert.True(decoded.Quality!.IsClean, decoded.Quality.Error);
        Assert.True(page.SamePixels(decoded));
    }

    [Fact]
    public void Data_with_no_line_at_all_is_an_error_not_an_empty_page()
    {
        ImageFormatException error = Assert.Throws<ImageFormatException>(
            () => PageDecoder.Decode(new byte[] { 0x02, 0x34, 0x56 }, CodingScheme.Mmr, 1728, PageResolution.Fine));
        Assert.Contains("no scan line", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Overwrites the middle of coded line <paramref name="line"/> (counted from 0) with a one, eight
    /// zeros and a one: no code word holds eight zeros, and eleven are needed for an EOL.
    /// </summary>
    private static void Damage(byte[] data, int line)
    {
        List<long> eols = EolEnds(data);
        long middle = (eols[line] + eols[line + 1] - 12) / 2;
        for (long bit = middle; bit <= middle + 9; bit++)
        {
            bool one = bit == middle || bit == middle + 9;
            byte mask = (byte)(0x80 >> (int)(bit & 7));
            data[bit >> 3] = one ? (byte)(data[bit >> 3] | mask) : (byte)(data[bit >> 3] & ~mask);
        }
    }

    /// <summary>Bit positions just after each EOL (eleven or more zeros, then a one; MR's tag bit not included).</summary>
    private static List<long> EolEnds(byte[] data)
    {
        var ends = new List<long>();
        int zeros = 0;
        for (long bit = 0; bit < (long)data.Length * 8; bit++)
        {
            bool one = (data[bit >> 3] & (0x80 >> (int)(bit & 7))) != 0;
            if (one && zeros >= 11)
            {
                ends.Add(bit + 1);
            }

            zeros = one ? 0 : zeros + 1;
        }

        return ends;
    }

    private static void AssertRowsEqualExcept(BilevelPage expected, BilevelPage actual, params int[] except)
    {
        for (int y = 0; y < expected.Height; y++)
        {
            if (!except.Contains(y))
            {
                Assert.True(expected.Row(y).SequenceEqual(actual.Row(y)), $"row {y} differs");
            }
        }
    }
}
