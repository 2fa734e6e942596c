using Faxgate.Storage.Crypto;

namespace Faxgate.Storage.Tests.Crypto;

public sealed class Argon2OptionsTests
{
    [Fact]
    public void The_defaults_are_the_recommended_parameters()
    {
        Assert.Equal(Argon2Parameters.Default, new Argon2Options().ToParameters());
    }

    [Theory]
    [InlineData(4, 3, 1)]
    [InlineData(65536, 0, 1)]
    [InlineData(65536, 3, 0)]
    [InlineData(2 * 1024 * 1024, 3, 1)]
    [InlineData(16, 1, 4)]
    public void Parameters_out_of_range_are_a_configuration_error(int memory, int iterations, int parallelism)
    {
        var options = new Argon2Options { MemoryKiB = memory, Iterations = iterations, Parallelism = parallelism };
        var refused = Assert.Throws<StorageConfigurationException>(options.ToParameters);
        Assert.Contains("Security:Argon2", refused.Message, StringComparison.Ordinal);
    }
}
