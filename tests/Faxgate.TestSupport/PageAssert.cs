using Faxgate.Imaging.Pages;
using Xunit;

namespace Faxgate.TestSupport;

/// <summary>Pixel comparisons that say where two pages differ.</summary>
public static class PageAssert
{
    public static void SamePixels(BilevelPage expected, BilevelPage actual, string context) =>
        SamePixels(expected.Width, expected.Height, expected.Pixels, actual.Width, actual.Height, actual.Pixels, context);

    public static void SamePixels(int width, int height, ReadOnlySpan<byte> expected, int actualWidth, int actualHeight, ReadOnlySpan<byte> actual, string context)
    {
        Assert.True(width == actualWidth && height == actualHeight, $"{context}: size {actualWidth}x{actualHeight}, expected {width}x{height}");
        int stride = BilevelPage.StrideFor(width);
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> e = expected.Slice(y * stride, stride);
            ReadOnlySpan<byte> a = actual.Slice(y * stride, stride);
            if (!e.SequenceEqual(a))
            {
                int x = 0;
                while (x < width && ((e[x >> 3] ^ a[x >> 3]) & (0x80 >> (x & 7))) == 0)
                {
                    x++;
                }

                int differing = 0;
                for (int yy = y; yy < height; yy++)
                {
                    differing += expected.Slice(yy * stride, stride).SequenceEqual(actual.Slice(yy * stride, stride)) ? 0 : 1;
                }

                Assert.Fail($"{context}: pixels differ first at row {y}, column {x}; {differing} row(s) differ");
            }
        }
    }

    public static void SamePixels(LibTiff.Page expected, BilevelPage actual, string context) =>
        SamePixels(expected.Width, expected.Height, expected.Pixels, actual.Width, actual.Height, actual.Pixels, context);
}
