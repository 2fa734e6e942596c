using Faxgate.Fax.T30.Ecm;
using Faxgate.Fax.T30.Frames;

namespace Faxgate.Fax.Tests.T30.Ecm;

/// <summary>Carries one page from a transmitter to a receiver over a line that may lose FCD frames.</summary>
internal sealed class EcmLink
{
    public EcmLink(PartialPageTransmitter transmitter, PartialPageReceiver receiver)
    {
        Transmitter = transmitter;
        Receiver = receiver;
    }

    public PartialPageTransmitter Transmitter { get; }

    public PartialPageReceiver Receiver { get; }

    /// <summary>Decides, per FCD frame sent (block, frame number, burst), whether the line loses it.</summary>
    public Func<int, int, int, bool> Lose { get; init; } = (_, _, _) => false;

    public int Bursts { get; private set; }

    public int FramesSent { get; private set; }

    /// <summary>Sends the whole page and returns what the receiver made of it.</summary>
    public byte[] SendPage(FacsimileControlField postPage = FacsimileControlField.Eop, int pageCounter = 0)
    {
        while (true)
        {
            for (int burst = 0; ; burst++)
            {
                Assert.True(burst < 50, "retransmission does not converge");
                Bursts++;
                foreach (byte[] frame in Transmitter.FramesToSend())
                {
                    if (FcdFrame.IsRcp(frame))
                    {
                        continue;
                    }

                    FcdFrame fcd = FcdFrame.Parse(frame);
                    FramesSent++;
                    if (!Lose(Transmitter.CurrentBlock, fcd.FrameNumber, burst))
                    {
                        Receiver.HandleFcd(fcd);
                    }
                }

                byte[] fif = Transmitter.PpsFif(Transmitter.IsLastBlock ? postPage : FacsimileControlField.Null, pageCounter, x: true);
                PartialPageResult result = Receiver.HandlePps(PpsInfo.Parse(fif));
                switch (result.Status)
                {
                    case PartialPageStatus.FramesMissing:
                        Assert.Equal(result.MissingFrames, Transmitter.ApplyPpr(PprBitmap.Parse(result.Ppr!.ToFif())));
                        continue;
                    case PartialPageStatus.BlockReceived:
                        Transmitter.NextBlock();
                        break;
                    case PartialPageStatus.PageReceived:
                        Assert.True(Transmitter.IsLastBlock);
                        return result.Page!;
                    default:
                        Assert.Fail($"unexpected {result.Status}");
                        break;
                }

                break;
            }
        }
    }
}
