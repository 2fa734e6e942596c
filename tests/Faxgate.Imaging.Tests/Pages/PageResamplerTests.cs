using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.TestSupport;

namespace Faxgate.Imaging.Tests.Pages;

public sealed class PageResamplerTests
{
    [Fact]
    public void Fine_to_standard_keeps_one_pixel_lines_that_fall_on_dropped_rows()
    {
        var canvas = new TestPages.Canvas(1728, 10);
        canvas.Span(100, 200, 3); // a one-row rule on an odd row
        var fine = new BilevelPage(1728, 10, PageResolution.Fine, canvas.Pixels);

        BilevelPage standard = PageResampler.ToResolution(fine, PageResolution.Standard);
        Assert.Equal((1728, 5), (standard.Width, standard.Height));
        Assert.Equal(PageResolution.Standard, standard.Resolution);
        Assert.True(standard.IsBlack(150, 1));
        Assert.False(standard.IsBlack(99, 1));
        Assert.False(standard.IsBlack(150, 0));
    }

    [Fact]
    public void Standard_to_fine_repeats_every_row()
    {
        BilevelPage standard = TestPages.Document(1728, 100, 4, PageResolution.Standard);
        BilevelPage fine = PageResampler.ToResolution(standard, PageResolution.Fine);
        Assert.Equal(200, fine.Height);
        for (int y = 0; y < 200; y++)
        {
            Assert.True(fine.Row(y).SequenceEqual(standard.Row(y / 2)), $"row {y}");
        }
    }

    [Fact]
    public void A_300_dpi_page_is_scaled_to_fax_width_and_rows()
    {
        BilevelPage scan = TestPages.Document(2592, 3300, 5, PageResolution.Dpi300);
        BilevelPage fax = PageResampler.ToResolution(scan, PageResolution.Fine);
        Assert.Equal((1763, 2156), (fax.Width, fax.Height));
        Assert.Equal(PageResolution.Fine, fax.Resolution);
    }

    [Fact]
    public void A_page_already_at_the_resolution_is_returned_as_it_is_with_its_coded_data()
    {
        BilevelPage page = TestPages.Document(1728, 50, 6);
        BilevelPage coded = page.With(coded: LineEncoder.EncodeToCodedPage(page, new EncoderOptions { Scheme = CodingScheme.Mmr }));
        Assert.Same(coded, PageResampler.ToResolution(coded, PageResolution.Fine));

        // 200 dpi and 204 dpi are one fax resolution: only the label changes, the coded data stays.
        BilevelPage relabelled = PageResampler.ToResolution(coded.With(resolution: PageResolution.Dpi200), PageResolution.Fine);
        Assert.Equal(PageResolution.Fine, relabelled.Resolution);
        Assert.Same(coded.Coded, relabelled.Coded);
        Assert.True(page.SamePixels(relabelled));
    }
}
