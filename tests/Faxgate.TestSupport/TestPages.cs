using Faxgate.Imaging.Pages;

namespace Faxgate.TestSupport;

/// <summary>Pages drawn by code, so that the codec tests need no data from outside.</summary>
public static class TestPages
{
    /// <summary>Fax widths: A4, B4, A3 at 8 pels/mm, A4 and A3 at 300 dpi, A4 at 16 pels/mm, and odd widths.</summary>
    public static readonly int[] FaxWidths = [1728, 2048, 2432, 2592, 3456, 4864];

    /// <summary>Random noise with the given density of black pixels.</summary>
    public static BilevelPage Noise(int width, int height, double density, int seed, PageResolution? resolution = null)
    {
        var random = new Random(seed);
        var pixels = new byte[BilevelPage.StrideFor(width) * height];
        int threshold = (int)(density * 256);
        for (int i = 0; i < pixels.Length; i++)
        {
            int b = 0;
            for (int bit = 0; bit < 8; bit++)
            {
                b = (b << 1) | (random.Next(256) < threshold ? 1 : 0);
            }

            pixels[i] = (byte)b;
        }

        return new BilevelPage(width, height, resolution ?? PageResolution.Fine, pixels);
    }

    /// <summary>
    /// Something like a printed page: lines of "words" (black blocks with holes), rules, a
    /// frame, a few long black runs and diagonal strokes, drawn at random from a seed.
    /// </summary>
    public static BilevelPage Document(int width, int height, int seed, PageResolution? resolution = null)
    {
        var random = new Random(seed);
        var canvas = new Canvas(width, height);
        int margin = width / 12;
        canvas.Rectangle(margin / 2, margin / 2, width - (margin / 2), margin / 2 + 3);
        int y = margin;
        while (y < height - margin)
        {
            int lineHeight = 8 + random.Next(24);
            int x = margin;
            while (x < width - margin)
            {
                int word = 6 + random.Next(80);
                int end = Math.Min(x + word, width - margin);
                for (int yy = y; yy < Math.Min(y + lineHeight, height); yy++)
                {
                    if (random.Next(4) != 0)
                    {
                        int s = x + random.Next(Math.Max(1, (end - x) / 3));
                        canvas.Span(s, end - random.Next(Math.Max(1, (end - s) / 2)), yy);
                    }
                }

                x = end + 4 + random.Next(16);
            }

            y += lineHeight + 4 + random.Next(20);
            if (random.Next(10) == 0 && y < height - 4)
            {
                canvas.Rectangle(margin, y, width - margin, y + 2);
                y += 6;
            }
        }

        for (int i = 0; i < 4; i++)
        {
            int x0 = random.Next(width);
            int y0 = random.Next(height);
            for (int k = 0; k < Math.Min(width, height) / 3; k++)
            {
                canvas.Span(Math.Min(width - 1, x0 + k), Math.Min(width, x0 + k + 3), Math.Min(height - 1, y0 + k));
            }
        }

        canvas.Rectangle(0, height - 5, width, height);
        return new BilevelPage(width, height, resolution ?? PageResolution.Fine, canvas.Pixels);
    }

    /// <summary>Pages that stress the coder's corners: all white, all black, stripes, checkerboards.</summary>
    public static IEnumerable<(string Name, BilevelPage Page)> Patterns(int width, int height)
    {
        var res = PageResolution.Fine;
        yield return ("white", BilevelPage.Blank(width, height, res));
        var black = new Canvas(width, height);
        black.Rectangle(0, 0, width, height);
        yield return ("black", new BilevelPage(width, height, res, black.Pixels));
        var pixels = new Canvas(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = (y & 1); x < width; x += 2)
            {
                pixels.Span(x, x + 1, y);
            }
        }

        yield return ("checkerboard", new BilevelPage(width, height, res, pixels.Pixels));
        var stripes = new Canvas(width, height);
        for (int y = 0; y < height; y++)
        {
            int period = 1 + (y % 7);
            for (int x = y % period; x < width; x += period * 2)
            {
                stripes.Span(x, Math.Min(width, x + period), y);
            }
        }

        yield return ("stripes", new BilevelPage(width, height, res, stripes.Pixels));
        var edges = new Canvas(width, height);
        for (int y = 0; y < height; y++)
        {
            edges.Span(0, 1, y);
            edges.Span(width - 1, width, y);
            if (y % 3 == 0)
            {
                edges.Span(0, width, y);
            }
        }

        yield return ("edges", new BilevelPage(width, height, res, edges.Pixels));
    }

    /// <summary>A mutable bitmap for drawing test pages.</summary>
    public sealed class Canvas
    {
        public Canvas(int width, int height)
        {
            Width = width;
            Height = height;
            Stride = BilevelPage.StrideFor(width);
            Pixels = new byte[Stride * height];
        }

        public int Width { get; }

        public int Height { get; }

        public int Stride { get; }

        public byte[] Pixels { get; }

        /// <summary>Blackens pixels [x0, x1) of row y.</summary>
        public void Span(int x0, int x1, int y)
        {
            x0 = Math.Clamp(x0, 0, Width);
            x1 = Math.Clamp(x1, 0, Width);
            for (int x = x0; x < x1; x++)
            {
                Pixels[(y * Stride) + (x >> 3)] |= (byte)(0x80 >> (x & 7));
            }
        }

        public void Rectangle(int x0, int y0, int x1, int y1)
        {
            for (int y = Math.Max(0, y0); y < Math.Min(Height, y1); y++)
            {
                Span(x0, x1, y);
            }
        }
    }
}
