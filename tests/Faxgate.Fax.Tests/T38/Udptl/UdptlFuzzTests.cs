using Faxgate.Fax.T38.Udptl;
using Faxgate.TestSupport;

namespace Faxgate.Fax.Tests.T38.Udptl;

public sealed class UdptlFuzzTests
{
    [Fact]
    public void Random_and_mutated_datagrams_parse_or_give_a_typed_error_and_never_upset_the_receiver()
    {
        Random random = FuzzInputs.Seeded(3838);
        var sender = new UdptlSender(new UdptlSenderOptions { RedundancyDepth = 2 });
        var fecSender = new UdptlSender(new UdptlSenderOptions { Recovery = UdptlRecoveryKind.Fec, FecSpan = 2, FecEntries = 2 });
        var receiver = new UdptlReceiver();
        var seeds = new List<byte[]>();
        var buffer = new byte[400];
        for (int i = 0; i < 8; i++)
        {
            byte[] ifp = new byte[1 + random.Next(40)];
            random.NextBytes(ifp);
            seeds.Add(buffer[..sender.Write(ifp, buffer)]);
            seeds.Add(buffer[..fecSender.Write(ifp, buffer)]);
        }

        long malformed = 0;
        for (int i = 0; i < 20000; i++)
        {
            byte[] input = random.Next(4) == 0 ? FuzzInputs.Random(random, 40) : FuzzInputs.Mutate(seeds[random.Next(seeds.Count)], random);
            if (UdptlPacket.TryParse(input, out UdptlPacket? packet, out UdptlError error))
            {
                // Padding bits and long-form lengths are accepted, so compare what the octets mean.
                byte[] canonical = packet.ToArray();
                Assert.True(UdptlPacket.TryParse(canonical, out UdptlPacket? again, out _));
                Assert.Equal(packet.SequenceNumber, again.SequenceNumber);
                Assert.Equal(packet.PrimaryIfp.ToArray(), again.PrimaryIfp.ToArray());
                Assert.Equal(canonical, again.ToArray());
            }
            else
            {
                Assert.NotEqual(UdptlErrorKind.None, error.Kind);
                Assert.InRange(error.Offset, 0, input.Length);
                malformed++;
            }

            receiver.HandleDatagram(input);
            while (receiver.TryPollIfp(out UdptlDelivery delivery))
            {
                Assert.False(delivery.Ifp.IsEmpty);
            }
        }

        Assert.Equal(malformed, receiver.Statistics.Malformed);
    }


}
