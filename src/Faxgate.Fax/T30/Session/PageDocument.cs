using Faxgate.Fax.T30.Capabilities;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;

namespace Faxgate.Fax.T30.Session;

/// <summary>
/// A document of bilevel pages to send: each page is brought to the resolution and scan-line width Phase B agreed
/// (resampled, reduced proportionally when it is wider, padded with white when narrower) and coded for the line.
/// </summary>
public sealed class PageDocument : IFaxDocument
{
    private readonly IReadOnlyList<BilevelPage> _pages;

    public PageDocument(IReadOnlyList<BilevelPage> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        if (pages.Count == 0)
        {
            throw new ArgumentException("a fax needs at least one page", nameof(pages));
        }

        _pages = pages;
    }

    public int PageCount => _pages.Count;

    public PageRequirement Describe(int index)
    {
        BilevelPage page = _pages[index];
        return new PageRequirement(page.Width, page.Resolution, page.Height);
    }

    public byte[] Encode(int index, DcsParameters mode, int minLineBits)
    {
        ArgumentNullException.ThrowIfNull(mode);
        BilevelPage page = Fit(_pages[index], mode);
        var options = new EncoderOptions
        {
            Scheme = mode.Compression,
            K = KFor(mode.Resolution),
            EndOfLine = mode.Compression != CodingScheme.Mmr,
            EndOfPage = true,
            MinLineBits = mode.Compression == CodingScheme.Mmr ? 0 : minLineBits,
        };
        return LineEncoder.Encode(page, options);
    }

    /// <summary>The page at the mode's resolution and exactly its line width.</summary>
    public static BilevelPage Fit(BilevelPage page, DcsParameters mode)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(mode);
        PageResolution resolution = mode.Resolution.ToPageResolution();
        int width = mode.Width.Pixels(mode.Resolution);
        BilevelPage fitted = PageResampler.ToResolution(page, resolution);
        if (fitted.Width == width)
        {
            return fitted;
        }

        if (fitted.Width > width * 1.03)
        {
            // Wider than the receiver's paper: reduce, keeping the proportions (T.4 reduction).
            int height = Math.Max(1, (int)Math.Round((double)fitted.Height * width / fitted.Width));
            return PageResampler.Resample(fitted, width, height, resolution);
        }

        return Crop(fitted, width);
    }

    /// <summary>T.4 4.2.1.3.4: K is 2 at 3.85 lines/mm, 4 at 7.7 lines/mm and 200 dpi, 8 above.</summary>
    public static int KFor(FaxResolution resolution) => resolution.ToPageResolution().Y switch
    {
        < 150 => 2,
        < 250 => 4,
        _ => 8,
    };

    private static BilevelPage Crop(BilevelPage page, int width)
    {
        int stride = BilevelPage.StrideFor(width);
        var pixels = new byte[(long)stride * page.Height];
        int copy = Math.Min(stride, page.Stride);
        for (int y = 0; y < page.Height; y++)
        {
            page.Row(y)[..copy].CopyTo(pixels.AsSpan(y * stride, copy));
        }

        // The page clears the pels past the new width itself.
        return new BilevelPage(width, page.Height, page.Resolution, pixels);
    }
}
