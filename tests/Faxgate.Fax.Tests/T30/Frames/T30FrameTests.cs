using Faxgate.Fax.T30.Frames;
using Faxgate.TestSupport;

namespace Faxgate.Fax.Tests.T30.Frames;

public sealed class T30FrameTests
{
    [Fact]
    public void Parses_a_final_DIS_as_received_from_a_real_station()
    {
        byte[] bytes = Convert.FromHexString("FF1380006EB800");

        Assert.True(T30Frame.TryParse(bytes, out T30Frame? frame, out T30FrameError error));

        Assert.Equal(T30FrameError.None, error);
        Assert.Equal(FacsimileControlField.Dis, frame.Fcf);
        Assert.True(frame.IsFinal);
        Assert.False(frame.X);
        Assert.Equal(Convert.FromHexString("006EB800"), frame.Fif.ToArray());
        Assert.Equal(bytes, frame.ToBytes());
    }

    [Fact]
    public void Reads_the_X_bit_only_for_FCFs_that_have_one()
    {
        Assert.True(T30Frame.TryParse([0xFF, 0x13, 0x83, 0x00, 0x62, 0x78], out T30Frame? dcs, out _));
        Assert.Equal(FacsimileControlField.Dcs, dcs.Fcf);
        Assert.True(dcs.X);
        Assert.Equal(0x83, dcs.FcfOctet);

        Assert.True(T30Frame.TryParse([0xFF, 0x13, 0x81], out T30Frame? dtc, out _));
        Assert.Equal(FacsimileControlField.Dtc, dtc.Fcf);
        Assert.False(dtc.X);
    }

    [Fact]
    public void Build_writes_address_control_FCF_with_X_and_FIF()
    {
        byte[] tsi = T30Frame.Build(FacsimileControlField.Tsi, x: true, final: false, FaxIdentifier.Encode("123"));

        Assert.Equal(23, tsi.Length);
        Assert.Equal([0xFF, 0x03, 0x43, (byte)'3', (byte)'2', (byte)'1', (byte)' '], tsi[..7]);

        byte[] dcn = T30Frame.Build(FacsimileControlField.Dcn, x: false, final: true, []);
        Assert.Equal([0xFF, 0x13, 0xFA], dcn);
    }

    [Fact]
    public void A_frame_made_from_parts_round_trips()
    {
        var frame = new T30Frame(FacsimileControlField.Mcf, x: true, final: true, []);

        Assert.True(T30Frame.TryParse(frame.ToBytes(), out T30Frame? again, out _));

        Assert.Equal(FacsimileControlField.Mcf, again.Fcf);
        Assert.True(again.X);
        Assert.True(again.IsFinal);
        Assert.Equal(0, again.Fif.Length);
        Assert.Equal(frame.ToBytes(), T30Frame.Build(FacsimileControlField.Mcf, true, true, []));
    }

    [Theory]
    [InlineData("", T30FrameError.TooShort)]
    [InlineData("FF", T30FrameError.TooShort)]
    [InlineData("FF13", T30FrameError.TooShort)]
    [InlineData("FE", T30FrameError.BadAddress)]
    [InlineData("7F1380", T30FrameError.BadAddress)]
    [InlineData("FF00", T30FrameError.BadControl)]
    [InlineData("FF0780", T30FrameError.BadControl)]
    [InlineData("FFC880", T30FrameError.BadControl)]
    public void Refuses_what_is_not_a_T30_frame(string hex, T30FrameError expected)
    {
        Assert.False(T30Frame.TryParse(Convert.FromHexString(hex), out T30Frame? frame, out T30FrameError error));
        Assert.Null(frame);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Accepts_the_longest_FIF_and_refuses_one_octet_more()
    {
        byte[] longest = new byte[3 + T30Frame.MaxFifLength];
        longest[0] = 0xFF;
        longest[1] = 0x03;
        longest[2] = 0x06;
        Assert.True(T30Frame.TryParse(longest, out _, out _));

        byte[] tooLong = [.. longest, 0];
        Assert.False(T30Frame.TryParse(tooLong, out _, out T30FrameError error));
        Assert.Equal(T30FrameError.FifTooLong, error);
        Assert.Throws<ArgumentException>(() => T30Frame.Build(FacsimileControlField.Fcd, false, false, new byte[T30Frame.MaxFifLength + 1]));
    }

    [Fact]
    public void Every_prefix_of_a_frame_is_too_short_or_a_frame_with_less_FIF()
    {
        byte[] whole = Convert.FromHexString("FF1380006EB800");
        for (int length = 0; length <= whole.Length; length++)
        {
            bool parsed = T30Frame.TryParse(whole.AsSpan(0, length), out T30Frame? frame, out T30FrameError error);

            Assert.Equal(length >= 3, parsed);
            Assert.Equal(parsed ? T30FrameError.None : T30FrameError.TooShort, error);
            Assert.Equal(Math.Max(0, length - 3), frame?.Fif.Length ?? 0);
        }
    }

    [Fact]
    public void Random_and_mutated_bytes_give_a_frame_or_a_typed_error()
    {
        Random random = FuzzInputs.Seeded(3030);
        byte[][] seeds =
        [
            Convert.FromHexString("FF1380006EB800"),
            T30Frame.Build(FacsimileControlField.Csi, false, false, FaxIdentifier.Encode("+27 11 555 1234")),
            T30Frame.Build(FacsimileControlField.Mps, true, true, []),
        ];
        for (int run = 0; run < 20_000; run++)
        {
            byte[] input = random.Next(3) == 0 ? FuzzInputs.Random(random, 300) : FuzzInputs.Mutate(seeds[random.Next(seeds.Length)], random);
            if (T30Frame.TryParse(input, out T30Frame? frame, out T30FrameError error))
            {
                Assert.Equal(T30FrameError.None, error);
                Assert.Equal(input, frame.ToBytes());
                _ = frame.Fcf;
                _ = frame.X;
                _ = frame.ToString();
            }
            else
            {
                Assert.NotEqual(T30FrameError.None, error);
                Assert.Null(frame);
            }
        }
    }


}
