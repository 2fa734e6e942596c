using Faxgate.Fax.T30.Ecm;
using Faxgate.Fax.T30.Frames;

namespace Faxgate.Fax.Tests.T30.Ecm;

public sealed class PartialPageReceiverTests
{
    [Fact]
    public void Later_pps_counting_only_the_resent_frames_does_not_shrink_the_block()
    {
        // SpanDSP's transmitter puts the number of frames of the burst, not of the block, in the PPS after a PPR.
        var receiver = new PartialPageReceiver();
        for (int frame = 0; frame < 10; frame++)
        {
            if (frame != 3)
            {
                receiver.HandleFcd(Fcd(frame, 64));
            }
        }

        Assert.Equal(PartialPageStatus.FramesMissing, receiver.HandlePps(new PpsInfo(FacsimileControlField.Eop, 0, 0, 10)).Status);
        Assert.Equal(1, receiver.PprCount);
        PartialPageResult again = receiver.HandlePps(new PpsInfo(FacsimileControlField.Eop, 0, 0, 1));
        Assert.Equal(PprBitmap.ForFrames([3]), again.Ppr);

        receiver.HandleFcd(Fcd(3, 64));
        PartialPageResult result = receiver.HandlePps(new PpsInfo(FacsimileControlField.Eop, 0, 0, 1));
        Assert.Equal(PartialPageStatus.PageReceived, result.Status);
        Assert.Equal(640, result.Page!.Length);
        Assert.Equal(0, receiver.PprCount);
    }

    [Fact]
    public void Frame_of_the_wrong_length_inside_the_block_is_asked_for_again()
    {
        var receiver = new PartialPageReceiver();
        receiver.HandleFcd(Fcd(0, 256));
        receiver.HandleFcd(Fcd(1, 100));
        receiver.HandleFcd(Fcd(2, 256));
        receiver.HandleFcd(Fcd(3, 17));

        PartialPageResult result = receiver.HandlePps(new PpsInfo(FacsimileControlField.Mps, 0, 0, 4));

        Assert.Equal(PprBitmap.ForFrames([1]), result.Ppr);
        receiver.HandleFcd(Fcd(1, 256));
        result = receiver.HandlePps(new PpsInfo(FacsimileControlField.Mps, 0, 0, 4));
        Assert.Equal((256 * 3) + 17, result.Page!.Length);
        Assert.Equal(Expected([256, 256, 256, 17]), result.Page);
    }

    [Fact]
    public void Last_frame_longer_than_the_frame_size_is_asked_for_again()
    {
        var receiver = new PartialPageReceiver();
        receiver.HandleFcd(Fcd(0, 64));
        receiver.HandleFcd(Fcd(1, 256));

        Assert.Equal(PprBitmap.ForFrames([1]), receiver.HandlePps(new PpsInfo(FacsimileControlField.Eop, 0, 0, 2)).Ppr);
    }

    [Fact]
    public void Frames_numbered_past_the_block_are_left_out()
    {
        var receiver = new PartialPageReceiver();
        receiver.HandleFcd(Fcd(0, 64));
        receiver.HandleFcd(Fcd(1, 64));
        receiver.HandleFcd(Fcd(5, 64));

        PartialPageResult result = receiver.HandlePps(new PpsInfo(FacsimileControlField.Eop, 0, 0, 2));

        Assert.Equal(128, result.Page!.Length);
    }

    [Fact]
    public void Eor_adds_what_arrived_and_ends_the_page_it_names()
    {
        var receiver = new PartialPageReceiver();
        receiver.HandleFcd(Fcd(0, 64));
        receiver.HandleFcd(Fcd(2, 10));
        Assert.Equal(PartialPageStatus.FramesMissing, receiver.HandlePps(new PpsInfo(FacsimileControlField.Null, 0, 0, 3)).Status);

        PartialPageResult abandoned = receiver.HandleEor(new EorInfo(FacsimileControlField.Null));
        Assert.Equal((PartialPageStatus.BlockAbandoned, 1, null), (abandoned.Status, abandoned.MissingFrames, abandoned.Page));
        Assert.Equal(74, receiver.PageLength);
        Assert.Equal(1, receiver.BlockCounter);
        Assert.Equal(PartialPageStatus.Repeated, receiver.HandleEor(new EorInfo(FacsimileControlField.Null)).Status);

        receiver.HandleFcd(Fcd(1, 64));
        Assert.Equal(PartialPageStatus.FramesMissing, receiver.HandlePps(new PpsInfo(FacsimileControlField.Eop, 0, 1, 2)).Status);
        PartialPageResult last = receiver.HandleEor(new EorInfo(FacsimileControlField.Eop));
        Assert.Equal(PartialPageStatus.BlockAbandoned, last.Status);
        Assert.Equal(74 + 64, last.Page!.Length);
        Assert.Equal((1, 0), (receiver.PageCounter, receiver.BlockCounter));
    }

    [Fact]
    public void New_block_after_a_confirmed_one_starts_empty()
    {
        var receiver = new PartialPageReceiver();
        receiver.HandleFcd(Fcd(0, 64));
        receiver.HandleFcd(Fcd(1, 64));
        Assert.Equal(PartialPageStatus.BlockReceived, receiver.HandlePps(new PpsInfo(FacsimileControlField.Null, 0, 0, 2)).Status);
        Assert.Equal(0, receiver.FramesHeld);

        receiver.HandleFcd(Fcd(1, 64));
        Assert.Equal(PprBitmap.ForFrames([0]), receiver.HandlePps(new PpsInfo(FacsimileControlField.Eop, 0, 1, 2)).Ppr);
    }

    /// <summary>An FCD frame whose data octets are frameNumber + position.</summary>
    private static FcdFrame Fcd(int frameNumber, int length)
    {
        byte[] frame = new byte[FcdFrame.Overhead + length];
        frame[0] = 0xFF;
        frame[1] = 0x03;
        frame[2] = 0x06;
        frame[3] = (byte)frameNumber;
        for (int i = 0; i < length; i++)
        {
            frame[FcdFrame.Overhead + i] = (byte)(frameNumber + i);
        }

        return FcdFrame.Parse(frame);
    }

    private static byte[] Expected(int[] lengths) =>
        [.. lengths.SelectMany((length, frame) => Enumerable.Range(0, length).Select(i => (byte)(frame + i)))];
}
