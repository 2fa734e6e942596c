using Faxgate.Fax.T38.Ifp;
using Faxgate.TestSupport;

namespace Faxgate.Fax.Tests.T38.Ifp;

public sealed class IfpPacketFuzzTests
{
    [Fact]
    public void Random_and_mutated_packets_parse_or_give_a_typed_error_and_what_parses_re_encodes()
    {
        Random random = FuzzInputs.Seeded(38);
        byte[][] seeds =
        [
            IfpPacket.ForIndicator(T38Indicator.V21Preamble).ToArray(0),
            IfpPacket.ForData(T38DataType.V21, new IfpDataField(T38FieldType.HdlcData, new byte[] { 0xFF, 0x03, 0x80 }), new IfpDataField(T38FieldType.HdlcFcsOk)).ToArray(1),
            IfpPacket.ForData(T38DataType.V21, new IfpDataField(T38FieldType.HdlcFcsOk), new IfpDataField(T38FieldType.HdlcSigEnd), new IfpDataField(T38FieldType.HdlcData, new byte[] { 1 })).ToArray(0),
            IfpPacket.ForData(T38DataType.V34PrimaryChannel, T38FieldType.CiMessage, new byte[] { 0xC1 }).ToArray(2),
        ];
        for (int i = 0; i < 20000; i++)
        {
            int version = random.Next(4);
            byte[] input = random.Next(3) == 0 ? FuzzInputs.Random(random, 24) : FuzzInputs.Mutate(seeds[random.Next(seeds.Length)], random);
            if (IfpPacket.TryParse(input, version, out IfpPacket? packet, out IfpError error))
            {
                Assert.Equal(IfpErrorKind.None, error.Kind);
                // Version 0 input may carry extensions (accepted as SpanDSP does); they re-encode from version 1.
                int writeVersion = packet.IsRepresentableIn(version) ? version : 1;
                Assert.Equal(packet, IfpPacket.Parse(packet.ToArray(writeVersion), writeVersion));
            }
            else
            {
                Assert.NotEqual(IfpErrorKind.None, error.Kind);
                Assert.InRange(error.Offset, 0, input.Length);
            }
        }
    }


}
