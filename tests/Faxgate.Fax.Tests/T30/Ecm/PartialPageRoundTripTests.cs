using Faxgate.Fax.T30.Ecm;
using Faxgate.Fax.T30.Frames;

namespace Faxgate.Fax.Tests.T30.Ecm;

public sealed class PartialPageRoundTripTests
{
    public static TheoryData<int, EcmFrameSize> Sizes()
    {
        var data = new TheoryData<int, EcmFrameSize>();
        foreach (EcmFrameSize size in new[] { EcmFrameSize.Octets64, EcmFrameSize.Octets256 })
        {
            foreach (int length in new[] { 0, 1, 63, 64, 65, 255, 256, 257, 256 * 64, (256 * 64) + 1, 256 * 256, (256 * 256) + 1, 300_000 })
            {
                data.Add(length, size);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Page_round_trips_padded_to_whole_frames(int length, EcmFrameSize size)
    {
        byte[] page = RandomPage(length, seed: length);
        var link = new EcmLink(new PartialPageTransmitter(page, size), new PartialPageReceiver());

        byte[] received = link.SendPage();

        int frameSize = (int)size;
        int frames = Math.Max(1, (length + frameSize - 1) / frameSize);
        Assert.Equal(frames * frameSize, received.Length);
        Assert.Equal(page, received[..length]);
        Assert.All(received[length..], octet => Assert.Equal(0, octet));
        Assert.Equal((frames + 255) / 256, link.Transmitter.BlockCount);
        Assert.Equal(link.Transmitter.BlockCount, link.Bursts);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Page_round_trips_exactly_without_padding(int length, EcmFrameSize size)
    {
        byte[] page = RandomPage(length, seed: length + 1);
        var link = new EcmLink(new PartialPageTransmitter(page, size, padLastFrame: false), new PartialPageReceiver());

        Assert.Equal(page, link.SendPage());
    }

    [Theory]
    [InlineData(EcmFrameSize.Octets64, 1)]
    [InlineData(EcmFrameSize.Octets256, 2)]
    [InlineData(EcmFrameSize.Octets64, 3)]
    [InlineData(EcmFrameSize.Octets256, 4)]
    public void Lost_frames_are_asked_for_exactly_and_the_page_arrives_whole(EcmFrameSize size, int seed)
    {
        byte[] page = RandomPage((256 * 256 * 2) + 777, seed);
        var random = new Random(seed);
        var lost = new HashSet<(int Block, int Frame, int Burst)>();
        var link = new EcmLink(new PartialPageTransmitter(page, size, padLastFrame: false), new PartialPageReceiver())
        {
            Lose = (block, frame, burst) =>
            {
                bool lose = random.NextDouble() < (burst == 0 ? 0.2 : 0.3);
                if (lose)
                {
                    lost.Add((block, frame, burst));
                }

                return lose;
            },
        };

        Assert.Equal(page, link.SendPage(FacsimileControlField.Mps));
        Assert.NotEmpty(lost);
        Assert.True(link.Bursts > link.Transmitter.BlockCount);
    }

    [Fact]
    public void Ppr_asks_for_exactly_the_frames_lost()
    {
        byte[] page = RandomPage(100 * 64, seed: 9);
        var transmitter = new PartialPageTransmitter(page, EcmFrameSize.Octets64);
        var receiver = new PartialPageReceiver();
        int[] lost = [0, 7, 8, 63, 99];
        foreach (byte[] frame in transmitter.FramesToSend().Where(frame => !FcdFrame.IsRcp(frame)))
        {
            FcdFrame fcd = FcdFrame.Parse(frame);
            if (!lost.Contains(fcd.FrameNumber))
            {
                receiver.HandleFcd(fcd);
            }
        }

        PartialPageResult result = receiver.HandlePps(PpsInfo.Parse(transmitter.PpsFif(FacsimileControlField.Eop, 0, x: false)));

        Assert.Equal(PartialPageStatus.FramesMissing, result.Status);
        Assert.Equal(lost.Length, result.MissingFrames);
        Assert.Equal(PprBitmap.ForFrames(lost), result.Ppr);
        Assert.Equal(lost.Length, transmitter.ApplyPpr(result.Ppr!));
        IReadOnlyList<byte[]> resent = transmitter.FramesToSend();
        Assert.Equal(lost, resent.Where(frame => !FcdFrame.IsRcp(frame)).Select(frame => (int)frame[3]));
        Assert.Equal(3, resent.Count(frame => FcdFrame.IsRcp(frame)));
        foreach (byte[] frame in resent.Where(frame => !FcdFrame.IsRcp(frame)))
        {
            receiver.HandleFcd(FcdFrame.Parse(frame));
        }

        // The PPS after a retransmission still counts the whole block; the receiver keeps the block's own count anyway.
        result = receiver.HandlePps(PpsInfo.Parse(transmitter.PpsFif(FacsimileControlField.Eop, 0, x: false)));
        Assert.Equal(PartialPageStatus.PageReceived, result.Status);
        Assert.Equal(page, result.Page);
    }

    [Fact]
    public void Repeated_pps_is_confirmed_again_without_adding_the_block_twice()
    {
        byte[] page = RandomPage((256 * 64) + 10, seed: 5);
        var transmitter = new PartialPageTransmitter(page, EcmFrameSize.Octets64, padLastFrame: false);
        var receiver = new PartialPageReceiver();
        PpsInfo first = SendBurst(transmitter, receiver, FacsimileControlField.Null);
        Assert.Equal(PartialPageStatus.BlockReceived, receiver.HandlePps(first).Status);

        // The transmitter did not hear MCF: it sends the PPS again, maybe even the frames.
        Assert.Equal(PartialPageStatus.Repeated, receiver.HandlePps(first).Status);
        SendBurst(transmitter, receiver, FacsimileControlField.Null);
        Assert.Equal(PartialPageStatus.Repeated, receiver.HandlePps(first).Status);
        Assert.Equal(256 * 64, receiver.PageLength);

        transmitter.NextBlock();
        PpsInfo last = SendBurst(transmitter, receiver, FacsimileControlField.Eop);
        PartialPageResult result = receiver.HandlePps(last);
        Assert.Equal(PartialPageStatus.PageReceived, result.Status);
        Assert.Equal(page, result.Page);
        Assert.Equal(PartialPageStatus.Repeated, receiver.HandlePps(last).Status);
        Assert.Equal((1, 0), (receiver.PageCounter, receiver.BlockCounter));
    }

    [Fact]
    public void Repeated_pps_before_the_block_is_whole_asks_again_for_the_same_frames()
    {
        var transmitter = new PartialPageTransmitter(RandomPage(640, seed: 2), EcmFrameSize.Octets64);
        var receiver = new PartialPageReceiver();
        foreach (byte[] frame in transmitter.FramesToSend().Where(frame => !FcdFrame.IsRcp(frame) && frame[3] != 4))
        {
            receiver.HandleFcd(FcdFrame.Parse(frame));
        }

        PpsInfo pps = PpsInfo.Parse(transmitter.PpsFif(FacsimileControlField.Mps, 0, x: true));
        PartialPageResult first = receiver.HandlePps(pps);
        PartialPageResult again = receiver.HandlePps(pps);

        Assert.Equal(PartialPageStatus.FramesMissing, again.Status);
        Assert.Equal(first.Ppr, again.Ppr);
        Assert.Equal(PprBitmap.ForFrames([4]), again.Ppr);
    }

    [Fact]
    public void Pps_for_an_unknown_block_is_out_of_sequence_and_changes_nothing()
    {
        var receiver = new PartialPageReceiver();
        var transmitter = new PartialPageTransmitter(RandomPage(64, seed: 3), EcmFrameSize.Octets64);
        PpsInfo pps = SendBurst(transmitter, receiver, FacsimileControlField.Mps);

        Assert.Equal(PartialPageStatus.OutOfSequence, receiver.HandlePps(pps with { BlockCounter = 3 }).Status);
        Assert.Equal(PartialPageStatus.PageReceived, receiver.HandlePps(pps).Status);
        Assert.Equal(PartialPageStatus.OutOfSequence, receiver.HandlePps(pps with { PageCounter = 7 }).Status);
    }

    [Fact]
    public void Receiver_takes_the_first_page_counter_it_sees()
    {
        var receiver = new PartialPageReceiver();
        var transmitter = new PartialPageTransmitter(RandomPage(64, seed: 3), EcmFrameSize.Octets64);
        foreach (byte[] frame in transmitter.FramesToSend().Where(frame => !FcdFrame.IsRcp(frame)))
        {
            receiver.HandleFcd(FcdFrame.Parse(frame));
        }

        PartialPageResult result = receiver.HandlePps(PpsInfo.Parse(transmitter.PpsFif(FacsimileControlField.Mps, 5, x: true)));

        Assert.Equal(PartialPageStatus.PageReceived, result.Status);
        Assert.Equal(6, receiver.PageCounter);
    }

    [Fact]
    public void Page_larger_than_the_limit_is_refused()
    {
        var link = new EcmLink(new PartialPageTransmitter(RandomPage(1000, seed: 4), EcmFrameSize.Octets256), new PartialPageReceiver(maxPageBytes: 999));
        var transmitter = link.Transmitter;
        PpsInfo pps = SendBurst(transmitter, link.Receiver, FacsimileControlField.Eop);

        Assert.Equal(PartialPageStatus.PageTooLarge, link.Receiver.HandlePps(pps).Status);
    }

    [Fact]
    public void Several_pages_follow_each_other()
    {
        var receiver = new PartialPageReceiver();
        for (int counter = 0; counter < 3; counter++)
        {
            byte[] page = RandomPage(5000 + counter, seed: counter);
            var link = new EcmLink(new PartialPageTransmitter(page, EcmFrameSize.Octets256, padLastFrame: false), receiver);
            Assert.Equal(page, link.SendPage(counter == 2 ? FacsimileControlField.Eop : FacsimileControlField.Mps, counter));
        }

        Assert.Equal((3, 0), (receiver.PageCounter, receiver.BlockCounter));
    }

    internal static PpsInfo SendBurst(PartialPageTransmitter transmitter, PartialPageReceiver receiver, FacsimileControlField postPage)
    {
        foreach (byte[] frame in transmitter.FramesToSend().Where(frame => !FcdFrame.IsRcp(frame)))
        {
            receiver.HandleFcd(FcdFrame.Parse(frame));
        }

        return PpsInfo.Parse(transmitter.PpsFif(postPage, 0, x: true));
    }

    internal static byte[] RandomPage(int length, int seed)
    {
        var page = new byte[length];
        new Random(seed).NextBytes(page);
        return page;
    }
}
