using Faxgate.Fax.T30.Capabilities;

namespace Faxgate.Fax.Tests.T30.Capabilities;

public sealed class CapabilityBitsTests
{
    [Fact]
    public void Bit_n_is_in_octet_n_minus_1_over_8_least_significant_first()
    {
        Assert.True(CapabilityBits.TryRead([0x01, 0x02, 0x80, 0x40], out CapabilityBits bits, out _));

        Assert.Equal([1, 10, 31], bits.SetBits());
        Assert.True(bits[1]);
        Assert.True(bits[10]);
        Assert.False(bits[24]);
    }

    [Fact]
    public void An_empty_field_is_three_zero_octets()
    {
        Assert.Equal(new byte[3], default(CapabilityBits).ToFif());
        Assert.True(default(CapabilityBits).IsEmpty);
    }

    [Theory]
    [InlineData(1, "010000")]
    [InlineData(23, "000040")]
    [InlineData(25, "00008001")]
    [InlineData(49, "00008080808001")]
    [InlineData(127, "00008080808080808080808080808040")]
    public void Writes_as_many_octets_as_the_highest_bit_needs_with_extend_bits_between(int bit, string hex)
    {
        byte[] fif = default(CapabilityBits).With(bit, true).ToFif();

        Assert.Equal(hex, Convert.ToHexString(fif));
        Assert.True(CapabilityBits.TryRead(fif, out CapabilityBits again, out _));
        Assert.Equal([bit], again.SetBits());
    }

    [Fact]
    public void Octets_after_the_last_extend_bit_are_ignored()
    {
        Assert.True(CapabilityBits.TryRead([0x00, 0x02, 0x00, 0xFF, 0xFF, 0xFF], out CapabilityBits bits, out _));

        Assert.Equal([10], bits.SetBits());
    }

    [Fact]
    public void A_field_that_ends_where_its_extend_bit_promised_more_is_read_as_far_as_it_goes()
    {
        Assert.True(CapabilityBits.TryRead([0x00, 0x02, 0x80, 0x84], out CapabilityBits bits, out _));

        Assert.Equal([10, 27], bits.SetBits());
    }

    [Fact]
    public void Extend_bits_are_not_capabilities()
    {
        Assert.True(CapabilityBits.TryRead([0x00, 0x00, 0x80, 0x80, 0x00], out CapabilityBits bits, out _));

        Assert.True(bits.IsEmpty);
        Assert.Throws<ArgumentOutOfRangeException>(() => bits.With(32, true));
        Assert.True(CapabilityBits.IsExtensionBit(24));
        Assert.False(CapabilityBits.IsExtensionBit(16));
    }

    [Fact]
    public void Refuses_fewer_than_three_octets_and_endless_extend_chains()
    {
        Assert.False(CapabilityBits.TryRead([0x00, 0x02], out _, out CapabilityFieldError shortError));
        Assert.Equal(CapabilityFieldError.TooShort, shortError);

        byte[] endless = Enumerable.Repeat((byte)0x80, CapabilityBits.MaxOctets + 1).ToArray();
        Assert.False(CapabilityBits.TryRead(endless, out _, out CapabilityFieldError longError));
        Assert.Equal(CapabilityFieldError.TooLong, longError);

        byte[] longest = Enumerable.Repeat((byte)0x80, CapabilityBits.MaxOctets).ToArray();
        Assert.True(CapabilityBits.TryRead(longest, out _, out _));
    }

    [Fact]
    public void Fields_read_with_their_first_bit_least_significant()
    {
        CapabilityBits bits = default(CapabilityBits).WithField(11, 4, 0b1011);

        Assert.Equal([11, 12, 14], bits.SetBits());
        Assert.Equal(0b1011, bits.Field(11, 4));
    }

    [Fact]
    public void Equality_is_by_content()
    {
        CapabilityBits a = default(CapabilityBits).With(3, true);
        CapabilityBits b = default(CapabilityBits).With(5, true).With(3, true).With(5, false);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(default, b.With(3, false));
    }
}
