using Faxgate.Fax.T30.Ecm;
using Faxgate.Fax.T30.Frames;

namespace Faxgate.Fax.Tests.T30.Ecm;

/// <summary>The ECM frames and FIFs octet for octet, as SpanDSP and fax machines put them on the line.</summary>
public sealed class EcmFieldTests
{
    [Fact]
    public void Pps_mps_carries_the_x_bit_in_its_post_page_octet()
    {
        // PPS-MPS from the caller, page 0, block 0, 16 frames: FCF 0xBF, FIF 4F 00 00 0F (T.30 Annex A; SpanDSP's send_pps_frame).
        byte[] fif = new PpsInfo(FacsimileControlField.Mps, 0, 0, 16).ToFif(x: true);

        Assert.Equal(new byte[] { 0x4F, 0x00, 0x00, 0x0F }, fif);
        Assert.Equal(0xBF, FacsimileControlField.Pps.WithX(true));
        Assert.Equal(new PpsInfo(FacsimileControlField.Mps, 0, 0, 16), PpsInfo.Parse(fif));
    }

    [Theory]
    [InlineData(FacsimileControlField.Null, false, 0x00)]
    [InlineData(FacsimileControlField.Null, true, 0x00)]
    [InlineData(FacsimileControlField.Eop, false, 0x2E)]
    [InlineData(FacsimileControlField.Eop, true, 0x2F)]
    [InlineData(FacsimileControlField.Eom, true, 0x8F)]
    [InlineData(FacsimileControlField.PriEop, true, 0x3F)]
    public void Post_page_octet_is_the_fcf_with_the_x_bit_and_null_has_none(FacsimileControlField command, bool x, byte octet)
    {
        Assert.Equal(octet, new PpsInfo(command, 1, 2, 256).ToFif(x)[0]);
        Assert.Equal(octet, new EorInfo(command).ToFif(x)[0]);
        Assert.Equal(command, PpsInfo.Parse([octet, 1, 2, 0xFF]).PostPageCommand);
        Assert.Equal(command, EorInfo.Parse([octet]).PostPageCommand);
    }

    [Fact]
    public void Pps_counters_wrap_at_256_and_frame_count_is_sent_minus_one()
    {
        Assert.Equal(new byte[] { 0x00, 0x04, 0x01, 0xFF }, new PpsInfo(FacsimileControlField.Null, 260, 257, 256).ToFif(false));
        Assert.Equal(256, PpsInfo.Parse([0x00, 0, 0, 0xFF]).FrameCount);
        Assert.Equal(1, PpsInfo.Parse([0x00, 0, 0, 0x00]).FrameCount);
    }

    [Fact]
    public void Ppr_bit_n_of_octet_k_asks_for_frame_8k_plus_n()
    {
        // Frames 4..7 missing of a 16-frame block: the map starts F0 00 (T.30 Annex A, bits sent first bit first, LSB first).
        PprBitmap ppr = PprBitmap.ForFrames([4, 5, 6, 7, 9, 255]);
        byte[] fif = ppr.ToFif();

        Assert.Equal(32, fif.Length);
        Assert.Equal(0xF0, fif[0]);
        Assert.Equal(0x02, fif[1]);
        Assert.Equal(0x80, fif[31]);
        Assert.All(fif[2..31], octet => Assert.Equal(0, octet));
        Assert.Equal(6, ppr.RequestedCount);
        Assert.Equal(ppr, PprBitmap.Parse(fif));
    }

    [Fact]
    public void Ppr_bits_past_the_block_ask_for_nothing()
    {
        // Some receivers (SpanDSP among them) set the bits of every frame they do not hold, past the block's end too.
        byte[] fif = Enumerable.Repeat((byte)0xFF, 32).ToArray();
        fif[0] = 0xF0;
        fif[1] = 0x00;
        var transmitter = new PartialPageTransmitter(new byte[16 * 64], EcmFrameSize.Octets64);

        Assert.Equal(4, transmitter.ApplyPpr(PprBitmap.Parse(fif)));
        Assert.Equal(4, PprBitmap.Parse(fif).CountRequested(16));
        Assert.Equal([4, 5, 6, 7], transmitter.FramesToSend().Where(f => !FcdFrame.IsRcp(f)).Select(f => (int)f[3]));
    }

    [Fact]
    public void Ppr_with_no_bit_set_asks_for_nothing()
    {
        var transmitter = new PartialPageTransmitter(new byte[1000], EcmFrameSize.Octets256);

        Assert.Equal(0, transmitter.ApplyPpr(PprBitmap.Parse(new byte[32])));
        Assert.Equal(0, transmitter.RequestedFrames);
        Assert.Equal(1, transmitter.PprCount);
        Assert.All(transmitter.FramesToSend(), frame => Assert.True(FcdFrame.IsRcp(frame)));
    }

    [Fact]
    public void Fcd_and_rcp_frames_are_laid_out_as_t4_annex_a_says()
    {
        byte[] page = [1, 2, 3];
        var transmitter = new PartialPageTransmitter(page, EcmFrameSize.Octets64);
        IReadOnlyList<byte[]> frames = transmitter.FramesToSend();

        Assert.Equal(4, frames.Count);
        Assert.Equal(new byte[] { 0xFF, 0x03, 0x06, 0x00, 1, 2, 3 }, frames[0][..7]);
        Assert.Equal(4 + 64, frames[0].Length);
        Assert.All(frames.Skip(1), rcp => Assert.Equal(new byte[] { 0xFF, 0x03, 0x86 }, rcp));

        FcdFrame fcd = FcdFrame.Parse(frames[0]);
        Assert.Equal(0, fcd.FrameNumber);
        Assert.Equal(64, fcd.Data.Length);
    }

    [Fact]
    public void Frame_numbers_restart_at_zero_in_each_block()
    {
        var transmitter = new PartialPageTransmitter(new byte[(256 * 64) + 65], EcmFrameSize.Octets64);
        Assert.Equal(2, transmitter.BlockCount);
        Assert.Equal(256, transmitter.FramesInBlock);
        Assert.Equal(Enumerable.Range(0, 256), transmitter.FramesToSend().SkipLast(3).Select(f => (int)f[3]));
        Assert.Equal(new byte[] { 0x00, 0x02, 0x00, 0xFF }, transmitter.PpsFif(FacsimileControlField.Null, 2, x: true));

        transmitter.NextBlock();
        Assert.True(transmitter.IsLastBlock);
        Assert.Equal(2, transmitter.FramesInBlock);
        Assert.Equal([0, 1], transmitter.FramesToSend().SkipLast(3).Select(f => (int)f[3]));
        Assert.Equal(new byte[] { 0x2F, 0x02, 0x01, 0x01 }, transmitter.PpsFif(FacsimileControlField.Eop, 2, x: true));
        Assert.Throws<InvalidOperationException>(transmitter.NextBlock);
    }

    [Fact]
    public void Post_page_command_goes_only_with_the_last_block()
    {
        var transmitter = new PartialPageTransmitter(new byte[(256 * 64) + 1], EcmFrameSize.Octets64);

        Assert.Throws<ArgumentException>(() => transmitter.PpsFif(FacsimileControlField.Eop, 0, x: true));
        transmitter.NextBlock();
        Assert.Throws<ArgumentException>(() => transmitter.PpsFif(FacsimileControlField.Null, 0, x: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => transmitter.PpsFif(FacsimileControlField.Dcn, 0, x: true));
    }

    [Fact]
    public void Ppr_count_restarts_with_each_block()
    {
        var transmitter = new PartialPageTransmitter(new byte[(256 * 64) + 1], EcmFrameSize.Octets64);
        transmitter.ApplyPpr(PprBitmap.ForFrames([1]));
        transmitter.ApplyPpr(PprBitmap.ForFrames([1]));
        Assert.Equal(2, transmitter.PprCount);

        transmitter.NextBlock();
        Assert.Equal(0, transmitter.PprCount);
        Assert.Equal(1, transmitter.RequestedFrames);
    }

    [Theory]
    [InlineData(new byte[] { }, EcmError.TooShort, 0)]
    [InlineData(new byte[] { 0x00, 0x00, 0x00 }, EcmError.TooShort, 3)]
    [InlineData(new byte[] { 0x00, 0x00, 0x00, 0x00, 0x00 }, EcmError.TooLong, 4)]
    [InlineData(new byte[] { 0x01, 0x00, 0x00, 0x00 }, EcmError.UnknownPostPageCommand, 0)]
    [InlineData(new byte[] { 0xFA, 0x00, 0x00, 0x00 }, EcmError.UnknownPostPageCommand, 0)]
    public void Malformed_pps_gives_a_typed_error(byte[] fif, EcmError expected, int offset)
    {
        Assert.False(PpsInfo.TryParse(fif, out _, out EcmError error, out int at));
        Assert.Equal((expected, offset), (error, at));
        EcmFormatException thrown = Assert.Throws<EcmFormatException>(() => PpsInfo.Parse(fif));
        Assert.Equal(expected, thrown.Error);
    }

    [Theory]
    [InlineData(0, EcmError.TooShort)]
    [InlineData(31, EcmError.TooShort)]
    [InlineData(33, EcmError.TooLong)]
    public void Malformed_ppr_gives_a_typed_error(int length, EcmError expected)
    {
        Assert.False(PprBitmap.TryParse(new byte[length], out PprBitmap? ppr, out EcmError error, out _));
        Assert.Null(ppr);
        Assert.Equal(expected, error);
        Assert.Equal(expected, Assert.Throws<EcmFormatException>(() => PprBitmap.Parse(new byte[length])).Error);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0x03 }, EcmError.TooShort, 2)]
    [InlineData(new byte[] { 0xFF, 0x03, 0x06 }, EcmError.TooShort, 3)]
    [InlineData(new byte[] { 0xFE, 0x03, 0x06, 0x00 }, EcmError.BadAddress, 0)]
    [InlineData(new byte[] { 0xFF, 0x00, 0x06, 0x00 }, EcmError.BadControl, 1)]
    [InlineData(new byte[] { 0xFF, 0x03, 0x86, 0x00 }, EcmError.WrongFcf, 2)]
    public void Malformed_fcd_gives_a_typed_error(byte[] frame, EcmError expected, int offset)
    {
        Assert.False(FcdFrame.TryParse(frame, out _, out EcmError error, out int at));
        Assert.Equal((expected, offset), (error, at));
        Assert.Equal(expected, Assert.Throws<EcmFormatException>(() => FcdFrame.Parse(frame)).Error);
    }

    [Fact]
    public void Fcd_with_more_than_256_octets_of_data_is_too_long()
    {
        byte[] frame = [0xFF, 0x13, 0x06, 0x07, .. new byte[257]];
        Assert.False(FcdFrame.TryParse(frame, out _, out EcmError error, out int offset));
        Assert.Equal((EcmError.TooLong, 260), (error, offset));
        Assert.Equal(256, FcdFrame.Parse(frame.AsSpan(0, frame.Length - 1)).Data.Length);
        Assert.Equal(0, FcdFrame.Parse(frame.AsSpan(0, 4)).Data.Length);
    }

    [Fact]
    public void Pps_fif_read_byte_by_byte_is_too_short_until_whole_and_too_long_after()
    {
        byte[] fif = new PpsInfo(FacsimileControlField.Eom, 3, 4, 200).ToFif(x: false);
        for (int length = 0; length < fif.Length; length++)
        {
            Assert.False(PpsInfo.TryParse(fif.AsSpan(0, length), out _, out EcmError error, out _));
            Assert.Equal(EcmError.TooShort, error);
        }

        Assert.True(PpsInfo.TryParse(fif, out PpsInfo pps, out _, out _));
        Assert.Equal(new PpsInfo(FacsimileControlField.Eom, 3, 4, 200), pps);
        Assert.False(PpsInfo.TryParse([.. fif, 0], out _, out EcmError trailing, out _));
        Assert.Equal(EcmError.TooLong, trailing);
    }

    [Fact]
    public void Eor_fif_errors_are_typed()
    {
        Assert.Equal(EcmError.TooShort, Assert.Throws<EcmFormatException>(() => EorInfo.Parse([])).Error);
        Assert.Equal(EcmError.TooLong, Assert.Throws<EcmFormatException>(() => EorInfo.Parse([0, 0])).Error);
        Assert.Equal(EcmError.UnknownPostPageCommand, Assert.Throws<EcmFormatException>(() => EorInfo.Parse([0x86])).Error);
    }
}
