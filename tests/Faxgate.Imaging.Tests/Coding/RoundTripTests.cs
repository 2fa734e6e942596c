using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.TestSupport;

namespace Faxgate.Imaging.Tests.Coding;

public sealed class RoundTripTests
{
    public static TheoryData<CodingScheme, int> SchemesAndWidths()
    {
        var data = new TheoryData<CodingScheme, int>();
        foreach (CodingScheme scheme in Enum.GetValues<CodingScheme>())
        {
            foreach (int width in TestPages.FaxWidths.Concat([1, 7, 8, 63, 64, 65, 153, 801]))
            {
                data.Add(scheme, width);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SchemesAndWidths))]
    public void Random_documents_survive_encode_and_decode(CodingScheme scheme, int width)
    {
        for (int seed = 0; seed < 3; seed++)
        {
            BilevelPage page = TestPages.Document(width, 120, seed);
            AssertRoundTrip(page, new EncoderOptions { Scheme = scheme, K = 4 });
            BilevelPage noise = TestPages.Noise(width, 40, 0.1 + (0.4 * seed), seed);
            AssertRoundTrip(noise, new EncoderOptions { Scheme = scheme, K = 2 });
        }
    }

    [Theory]
    [InlineData(CodingScheme.Mh)]
    [InlineData(CodingScheme.Mr)]
    [InlineData(CodingScheme.Mmr)]
    public void Patterns_survive_encode_and_decode(CodingScheme scheme)
    {
        foreach (int width in new[] { 1728, 2048, 5 })
        {
            foreach ((string name, BilevelPage page) in TestPages.Patterns(width, 30))
            {
                BilevelPage decoded = RoundTrip(page, new EncoderOptions { Scheme = scheme, K = 3 });
                Assert.True(page.SamePixels(decoded), $"{scheme} {width} {name}");
            }
        }
    }

    public static TheoryData<string, EncoderOptions> Framings() => new()
    {
        { "MH no EOL", new EncoderOptions { Scheme = CodingScheme.Mh, EndOfLine = false } },
        { "MH no EOL no RTC", new EncoderOptions { Scheme = CodingScheme.Mh, EndOfLine = false, EndOfPage = false } },
        { "MH byte aligned", new EncoderOptions { Scheme = CodingScheme.Mh, EndOfLine = false, ByteAlignedLines = true, EndOfPage = false } },
        { "MH EOL fill", new EncoderOptions { Scheme = CodingScheme.Mh, AlignEol = true } },
        { "MH min bits", new EncoderOptions { Scheme = CodingScheme.Mh, MinLineBits = 1000 } },
        { "MH min bits fill", new EncoderOptions { Scheme = CodingScheme.Mh, MinLineBits = 333, AlignEol = true } },
        { "MR K1", new EncoderOptions { Scheme = CodingScheme.Mr, K = 1 } },
        { "MR K4 fill", new EncoderOptions { Scheme = CodingScheme.Mr, K = 4, AlignEol = true } },
        { "MR K100 min bits", new EncoderOptions { Scheme = CodingScheme.Mr, K = 100, MinLineBits = 500 } },
        { "MR no RTC", new EncoderOptions { Scheme = CodingScheme.Mr, EndOfPage = false } },
        { "MMR no EOFB", new EncoderOptions { Scheme = CodingScheme.Mmr, EndOfPage = false } },
        { "MMR byte aligned", new EncoderOptions { Scheme = CodingScheme.Mmr, ByteAlignedLines = true } },
        { "MMR byte aligned no EOFB", new EncoderOptions { Scheme = CodingScheme.Mmr, ByteAlignedLines = true, EndOfPage = false } },
        { "MH byte aligned RTC", new EncoderOptions { Scheme = CodingScheme.Mh, EndOfLine = false, ByteAlignedLines = true } },
    };

    [Theory]
    [MemberData(nameof(Framings))]
    public void Every_framing_decodes_to_the_same_pixels(string name, EncoderOptions options)
    {
        BilevelPage page = TestPages.Document(1728, 200, name.Length);
        AssertRoundTrip(page, options);
    }

    [Fact]
    public void Minimum_line_bits_pads_every_line()
    {
        BilevelPage page = BilevelPage.Blank(1728, 50, PageResolution.Standard);
        byte[] plain = LineEncoder.Encode(page, new EncoderOptions { EndOfPage = false });
        byte[] padded = LineEncoder.Encode(page, new EncoderOptions { EndOfPage = false, MinLineBits = 400 });

        // A white line is EOL (12 bits) + white 1728 (9 bits) + white 0 (8 bits); padded, data + fill + EOL = 400.
        Assert.InRange(plain.Length, (50 * 29 / 8) - 1, (50 * 29 / 8) + 1);
        Assert.True(padded.Length >= (49 * 400) / 8, $"padded page is only {padded.Length} bytes");
    }

    [Fact]
    public void Eol_fill_puts_every_eol_at_a_byte_boundary()
    {
        BilevelPage page = TestPages.Document(1728, 60, 7);
        byte[] data = LineEncoder.Encode(page, new EncoderOptions { AlignEol = true, EndOfPage = false });
        int eols = 0;
        for (int i = 1; i < data.Length; i++)
        {
            // An EOL ending on a byte boundary: ...0000 0000 | 0000 0001 as whole bytes 0x?0 0x01 with at least 11 zeros.
            if (data[i] == 0x01 && (data[i - 1] & 0x0F) == 0)
            {
                eols++;
            }
        }

        Assert.Equal(60, eols);
    }

    [Fact]
    public void Long_runs_beyond_2560_use_repeated_make_up_codes()
    {
        var canvas = new TestPages.Canvas(6000, 3);
        canvas.Span(0, 5200, 1);
        canvas.Span(10, 11, 2);
        var page = new BilevelPage(6000, 3, PageResolution.Dpi300, canvas.Pixels);
        foreach (CodingScheme scheme in Enum.GetValues<CodingScheme>())
        {
            AssertRoundTrip(page, new EncoderOptions { Scheme = scheme });
        }
    }

    [Fact]
    public void Streaming_decoder_gives_the_same_page_for_any_chunking()
    {
        BilevelPage page = TestPages.Document(1728, 150, 3);
        foreach (CodingScheme scheme in Enum.GetValues<CodingScheme>())
        {
            byte[] data = LineEncoder.Encode(page, new EncoderOptions { Scheme = scheme, AlignEol = scheme == CodingScheme.Mh });
            foreach (int chunk in new[] { 1, 2, 3, 7, 64, 1000, data.Length })
            {
                var decoder = new PageDecoder(scheme, page.Width);
                for (int i = 0; i < data.Length; i += chunk)
                {
                    decoder.Push(data.AsSpan(i, Math.Min(chunk, data.Length - i)));
                }

                Assert.True(decoder.IsComplete, $"{scheme} chunk {chunk}: RTC/EOFB not seen");
                BilevelPage decoded = decoder.Finish(page.Resolution);
                Assert.True(page.SamePixels(decoded), $"{scheme} chunk {chunk}");
                Assert.True(decoded.Quality!.IsClean, decoded.Quality.Error);
            }
        }
    }

    [Fact]
    public void Trailing_data_after_the_end_of_page_is_ignored()
    {
        BilevelPage page = TestPages.Document(1728, 80, 5);
        foreach (CodingScheme scheme in Enum.GetValues<CodingScheme>())
        {
            byte[] data = LineEncoder.Encode(page, new EncoderOptions { Scheme = scheme });
            byte[] withTrailer = [.. data, .. new byte[] { 0xFF, 0x12, 0x00, 0xAB }];
            BilevelPage decoded = PageDecoder.Decode(withTrailer, scheme, page.Width, page.Resolution);
            Assert.True(page.SamePixels(decoded), scheme.ToString());
        }
    }

    private static void AssertRoundTrip(BilevelPage page, EncoderOptions options)
    {
        BilevelPage decoded = RoundTrip(page, options);
        Assert.True(decoded.Quality!.IsClean, decoded.Quality.Error);
        Assert.Equal(page.Height, decoded.Height);
        Assert.True(page.SamePixels(decoded), $"{options} width {page.Width}: first different row {FirstDifference(page, decoded)}");
    }

    private static BilevelPage RoundTrip(BilevelPage page, EncoderOptions options)
    {
        byte[] data = LineEncoder.Encode(page, options);
        var decoderOptions = new DecoderOptions { ByteAlignedLines = options.ByteAlignedLines };
        return PageDecoder.Decode(data, options.Scheme, page.Width, page.Resolution, decoderOptions);
    }

    private static int FirstDifference(BilevelPage a, BilevelPage b)
    {
        for (int y = 0; y < Math.Min(a.Height, b.Height); y++)
        {
            if (!a.Row(y).SequenceEqual(b.Row(y)))
            {
                return y;
            }
        }

        return Math.Min(a.Height, b.Height);
    }
}
