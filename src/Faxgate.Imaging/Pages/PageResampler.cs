namespace Faxgate.Imaging.Pages;

/// <summary>
/// Changes a page's resolution by resampling its pixels. Shrinking ORs the source pixels that
/// fall on one target pixel, so thin black strokes survive; growing repeats pixels.
/// </summary>
public static class PageResampler
{
    /// <summary>
    /// The page at a fax resolution: rows resampled to <paramref name="target"/>'s lines per inch,
    /// and, for pages not already at 8 pels/mm (or 200 dpi, which fax treats alike), columns
    /// resampled to the target's horizontal resolution.
    /// </summary>
    public static BilevelPage ToResolution(BilevelPage page, PageResolution target)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!target.IsValid)
        {
            throw new ArgumentOutOfRangeException(nameof(target));
        }

        bool sameX = Math.Abs(page.Resolution.X - target.X) / target.X < 0.03;
        bool sameY = Math.Abs(page.Resolution.Y - target.Y) / target.Y < 0.03;
        int width = sameX ? page.Width : Scale(page.Width, target.X / page.Resolution.X);
        int height = sameY ? page.Height : Scale(page.Height, target.Y / page.Resolution.Y);
        if (width == page.Width && height == page.Height)
        {
            return page.Resolution == target ? page : page.With(resolution: target);
        }

        return Resample(page, width, height, target);
    }

    /// <summary>The page scaled to exactly <paramref name="width"/> by <paramref name="height"/> pixels.</summary>
    public static BilevelPage Resample(BilevelPage page, int width, int height, PageResolution resolution)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (width is < 1 or > BilevelPage.MaxWidth || height < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height} is not a page size");
        }

        int stride = BilevelPage.StrideFor(width);
        var pixels = new byte[(long)stride * height];
        var merged = new byte[page.Stride];
        int[] columnStart = Spans(page.Width, width);
        for (int y = 0; y < height; y++)
        {
            int first = (int)((long)y * page.Height / height);
            int last = Math.Max(first + 1, (int)((long)(y + 1) * page.Height / height));
            page.Row(first).CopyTo(merged);
            for (int source = first + 1; source < last; source++)
            {
                ReadOnlySpan<byte> row = page.Row(source);
                for (int i = 0; i < merged.Length; i++)
                {
                    merged[i] |= row[i];
                }
            }

            Span<byte> target = pixels.AsSpan(y * stride, stride);
            if (width == page.Width)
            {
                merged.CopyTo(target);
                continue;
            }

            for (int x = 0; x < width; x++)
            {
                int from = columnStart[x];
                int to = Math.Max(from + 1, columnStart[x + 1]);
                if (AnyBlack(merged, from, to))
                {
                    target[x >> 3] |= (byte)(0x80 >> (x & 7));
                }
            }
        }

        return new BilevelPage(width, height, resolution, pixels) { Description = page.Description };
    }

    private static int Scale(int size, double factor) => Math.Max(1, (int)Math.Round(size * factor));

    /// <summary>For each target position, the first source position it covers (and one past the end).</summary>
    private static int[] Spans(int source, int target)
    {
        var starts = new int[target + 1];
        for (int i = 0; i <= target; i++)
        {
            starts[i] = (int)((long)i * source / target);
        }

        return starts;
    }

    private static bool AnyBlack(ReadOnlySpan<byte> row, int from, int to)
    {
        for (int x = from; x < to; x++)
        {
            if ((row[x >> 3] & (0x80 >> (x & 7))) != 0)
            {
                return true;
            }
        }

        return false;
    }
}
