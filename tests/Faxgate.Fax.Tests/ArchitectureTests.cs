using Faxgate.TestSupport;

namespace Faxgate.Fax.Tests;

/// <summary>The shape DESIGN.md asks for: the T.30 and T.38 cores are sans-IO; only Transport/ touches sockets and time.</summary>
public sealed class ArchitectureTests
{
    [Theory]
    [InlineData("T30")]
    [InlineData("T38")]
    public void The_protocol_cores_are_sans_io(string folder) => SansIo.AssertFolder("Faxgate.Fax", folder);
}
