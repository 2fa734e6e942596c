using Faxgate.Fax.T30.Capabilities;
using Faxgate.Imaging.Pages;

namespace Faxgate.Fax.Tests.T30.Capabilities;

public sealed class FaxResolutionTests
{
    [Fact]
    public void Every_resolution_maps_to_a_page_resolution_and_back()
    {
        foreach (FaxResolution resolution in Enum.GetValues<FaxResolution>())
        {
            Assert.True(FaxResolutions.TryFromPageResolution(resolution.ToPageResolution(), out FaxResolution again));
            Assert.Equal(resolution, again);
        }
    }

    [Theory]
    [InlineData(203.2, 97.79, FaxResolution.Standard)]
    [InlineData(204, 98, FaxResolution.Standard)]
    [InlineData(203, 196, FaxResolution.Fine)]
    [InlineData(203.2, 391.16, FaxResolution.Superfine)]
    [InlineData(406.4, 391.16, FaxResolution.UltraFine)]
    [InlineData(200, 100, FaxResolution.Dpi200x100)]
    [InlineData(199, 201, FaxResolution.Dpi200x200)]
    [InlineData(300, 300, FaxResolution.Dpi300x300)]
    [InlineData(400, 400, FaxResolution.Dpi400x400)]
    public void Takes_the_nearest_fax_resolution(double x, double y, FaxResolution expected)
    {
        Assert.True(FaxResolutions.TryFromPageResolution(new PageResolution(x, y), out FaxResolution resolution));
        Assert.Equal(expected, resolution);
    }

    [Theory]
    [InlineData(72, 72)]
    [InlineData(600, 600)]
    [InlineData(204, 150)]
    [InlineData(0, 0)]
    public void Finds_none_outside_the_tolerance(double x, double y)
    {
        Assert.False(FaxResolutions.TryFromPageResolution(new PageResolution(x, y), out _));
    }

    [Theory]
    [InlineData(FaxResolution.Standard, 1728, 2048, 2432)]
    [InlineData(FaxResolution.Fine, 1728, 2048, 2432)]
    [InlineData(FaxResolution.Superfine, 1728, 2048, 2432)]
    [InlineData(FaxResolution.Dpi200x200, 1728, 2048, 2432)]
    [InlineData(FaxResolution.Dpi300x300, 2592, 3072, 3648)]
    [InlineData(FaxResolution.UltraFine, 3456, 4096, 4864)]
    [InlineData(FaxResolution.Dpi400x400, 3456, 4096, 4864)]
    public void Scan_line_pels_scale_with_the_horizontal_resolution(FaxResolution resolution, int a4, int b4, int a3)
    {
        Assert.Equal(a4, FaxWidth.A4.Pixels(resolution));
        Assert.Equal(b4, FaxWidth.B4.Pixels(resolution));
        Assert.Equal(a3, FaxWidth.A3.Pixels(resolution));
    }

    [Fact]
    public void Sizes_have_their_nominal_millimetres()
    {
        Assert.Equal([215, 255, 303], Enum.GetValues<FaxWidth>().Select(w => w.Millimetres()));
        Assert.Equal([297, 364, null], Enum.GetValues<FaxLength>().Select(l => l.Millimetres()));
    }
}
