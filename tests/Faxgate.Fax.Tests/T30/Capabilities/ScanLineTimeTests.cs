using Faxgate.Fax.T30.Capabilities;

namespace Faxgate.Fax.Tests.T30.Capabilities;

public sealed class ScanLineTimeTests
{
    [Theory]
    [InlineData(ScanLineTimeCapability.Ms20, 20, 20, 20, 10)]
    [InlineData(ScanLineTimeCapability.Ms5, 5, 5, 5, 5)]
    [InlineData(ScanLineTimeCapability.Ms10, 10, 10, 10, 5)]
    [InlineData(ScanLineTimeCapability.Ms20FineHalved, 20, 10, 10, 5)]
    [InlineData(ScanLineTimeCapability.Ms40, 40, 40, 40, 20)]
    [InlineData(ScanLineTimeCapability.Ms40FineHalved, 40, 20, 20, 10)]
    [InlineData(ScanLineTimeCapability.Ms10FineHalved, 10, 5, 5, 5)]
    [InlineData(ScanLineTimeCapability.Ms0, 0, 0, 0, 0)]
    public void Applies_the_Table_2_halving_rules_and_rounds_up_to_a_DCS_time(
        ScanLineTimeCapability capability, int normal, int fine, int superfine, int superfineHalved)
    {
        Assert.Equal(normal, capability.ForDensity(false, LineDensity.Normal).Milliseconds());
        Assert.Equal(normal, capability.ForDensity(true, LineDensity.Normal).Milliseconds());
        Assert.Equal(fine, capability.ForDensity(true, LineDensity.Fine).Milliseconds());
        Assert.Equal(superfine, capability.ForDensity(false, LineDensity.Superfine).Milliseconds());
        Assert.Equal(superfineHalved, capability.ForDensity(true, LineDensity.Superfine).Milliseconds());
    }

    [Theory]
    [InlineData(0, SignallingRate.V17At14400, 0)]
    [InlineData(5, SignallingRate.V27ter2400, 12)]
    [InlineData(10, SignallingRate.V17At14400, 144)]
    [InlineData(20, SignallingRate.V29At9600, 192)]
    [InlineData(40, SignallingRate.V27ter4800, 192)]
    public void Minimum_line_bits_are_rate_times_time(int milliseconds, SignallingRate rate, int bits)
    {
        Assert.Equal(bits, ScanLineTimes.MinLineBits(milliseconds, rate));
    }

    [Fact]
    public void Negative_times_are_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ScanLineTimes.MinLineBits(-1, SignallingRate.V29At9600));
    }
}
