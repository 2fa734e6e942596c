using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.Tests.T30.Frames;
using Faxgate.TestSupport;

namespace Faxgate.Fax.Tests.T30.Capabilities;

/// <summary>Random and mutated FIFs: each decodes to a value that encodes and decodes to itself, or to a typed error.</summary>
public sealed class CapabilityFuzzTests
{
    private static readonly byte[][] Seeds =
    [
        Convert.FromHexString("006EB800"),
        Convert.FromHexString("00EEFAC48007"),
        Convert.FromHexString("0062F844"),
        Convert.FromHexString("0000808080808080808080808080808040"),
    ];

    [Fact]
    public void Random_and_mutated_DIS_fields_give_capabilities_or_a_typed_error()
    {
        Random random = FuzzInputs.Seeded(2424);
        for (int run = 0; run < 20_000; run++)
        {
            byte[] input = Next(random);
            if (FaxCapabilities.TryDecode(input, out FaxCapabilities? dis, out CapabilityFieldError error))
            {
                Assert.Equal(CapabilityFieldError.None, error);
                if (dis.Modems is not (ModemSet.V17 or ModemSet.V17 | ModemSet.V29 or ModemSet.V17 | ModemSet.V27ter))
                {
                    Assert.True(FaxCapabilities.TryDecode(dis.EncodeDis(), out FaxCapabilities? again, out _));
                    Assert.Equal(dis, again);
                }
            }
            else
            {
                Assert.NotEqual(CapabilityFieldError.None, error);
                Assert.Null(dis);
            }
        }
    }

    [Fact]
    public void Random_and_mutated_DCS_fields_give_parameters_or_a_typed_error()
    {
        Random random = FuzzInputs.Seeded(2525);
        for (int run = 0; run < 20_000; run++)
        {
            byte[] input = Next(random);
            if (DcsParameters.TryDecode(input, out DcsParameters? dcs, out CapabilityFieldError error))
            {
                Assert.True(DcsParameters.TryDecode(dcs.Encode(), out DcsParameters? again, out _));
                Assert.Equal(dcs, again);
            }
            else
            {
                Assert.NotEqual(CapabilityFieldError.None, error);
                Assert.Null(dcs);
            }
        }
    }

    private static byte[] Next(Random random) => random.Next(3) == 0
        ? FuzzInputs.Random(random, 40)
        : FuzzInputs.Mutate(Seeds[random.Next(Seeds.Length)], random);
}
