using Faxgate.Fax.T30.Ecm;
using Faxgate.Fax.T30.Frames;
using Faxgate.TestSupport;

namespace Faxgate.Fax.Tests.T30.Ecm;

/// <summary>Random and mutated input gives a value or a typed error, never another exception.</summary>
public sealed class EcmFuzzTests
{
    [Fact]
    public void Parsers_survive_random_bytes()
    {
        Random random = FuzzInputs.Seeded(20261129);
        for (int round = 0; round < 20_000; round++)
        {
            byte[] input = new byte[random.Next(0, round % 10 == 0 ? 300 : 40)];
            random.NextBytes(input);
            if (round % 3 == 0 && input.Length >= 3)
            {
                (input[0], input[1], input[2]) = (0xFF, (byte)(random.Next(2) == 0 ? 0x03 : 0x13), 0x06);
            }

            Check(FcdFrame.TryParse(input, out _, out EcmError fcdError, out int fcdOffset), fcdError, fcdOffset, input.Length);
            Check(PpsInfo.TryParse(input, out _, out EcmError ppsError, out int ppsOffset), ppsError, ppsOffset, input.Length);
            Check(EorInfo.TryParse(input, out _, out EcmError eorError, out int eorOffset), eorError, eorOffset, input.Length);
            Check(PprBitmap.TryParse(input, out _, out EcmError pprError, out int pprOffset), pprError, pprOffset, input.Length);
            _ = FcdFrame.IsRcp(input);
        }
    }

    [Fact]
    public void Receiver_survives_random_frames_and_pps()
    {
        Random random = FuzzInputs.Seeded(7);
        var receiver = new PartialPageReceiver(maxPageBytes: 100_000);
        var statuses = new HashSet<PartialPageStatus>();
        for (int round = 0; round < 20_000; round++)
        {
            byte[] input = new byte[random.Next(0, 264)];
            random.NextBytes(input);
            if (input.Length >= 4)
            {
                (input[0], input[1], input[2], input[3]) = (0xFF, 0x03, 0x06, (byte)random.Next(0, 8));
            }

            if (FcdFrame.TryParse(input, out FcdFrame fcd, out _, out _))
            {
                receiver.HandleFcd(fcd);
            }

            if (random.Next(10) == 0)
            {
                byte[] fif = [(byte)(random.Next(2) == 0 ? 0x00 : 0x2F), (byte)random.Next(0, 2), (byte)random.Next(0, 3), (byte)random.Next(0, 8)];
                PpsInfo pps = PpsInfo.Parse(fif);
                statuses.Add(receiver.HandlePps(pps).Status);
            }

            if (random.Next(200) == 0)
            {
                statuses.Add(receiver.HandleEor(new EorInfo(FacsimileControlField.Null)).Status);
            }
        }

        Assert.Contains(PartialPageStatus.FramesMissing, statuses);
        Assert.Contains(PartialPageStatus.OutOfSequence, statuses);
    }

    private static void Check(bool parsed, EcmError error, int offset, int length)
    {
        Assert.Equal(parsed, error == EcmError.None);
        Assert.InRange(offset, 0, length);
    }
}
