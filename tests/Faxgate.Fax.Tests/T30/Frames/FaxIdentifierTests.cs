using System.Text;
using Faxgate.Fax.T30.Frames;

namespace Faxgate.Fax.Tests.T30.Frames;

public sealed class FaxIdentifierTests
{
    [Fact]
    public void Encodes_a_number_last_character_first_padded_with_spaces()
    {
        byte[] fif = FaxIdentifier.Encode("+27 11 555 1234");

        Assert.Equal(Encoding.ASCII.GetBytes("4321 555 11 72+     "), fif);
        Assert.Equal(Convert.FromHexString("34333231203535352031312037322B2020202020"), fif);
        Assert.Equal("+27 11 555 1234", FaxIdentifier.Decode(fif));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("12345678901234567890")]
    [InlineData("+1 (555) 010-9999 #7")]
    [InlineData("pass*word")]
    public void Round_trips_any_printable_text_of_up_to_20_characters(string text)
    {
        byte[] fif = FaxIdentifier.Encode(text);

        Assert.Equal(FaxIdentifier.Length, fif.Length);
        Assert.Equal(text.Trim(), FaxIdentifier.Decode(fif));
    }

    [Fact]
    public void Decoding_trims_spaces_on_both_ends_and_accepts_short_fields()
    {
        Assert.Equal(string.Empty, FaxIdentifier.Decode(Encoding.ASCII.GetBytes(new string(' ', 20))));
        Assert.Equal("123", FaxIdentifier.Decode(Encoding.ASCII.GetBytes("  321  ")));
        Assert.Equal("12", FaxIdentifier.Decode("21"u8));
        Assert.Equal(string.Empty, FaxIdentifier.Decode([]));
    }

    [Fact]
    public void Decoding_is_lenient_about_bytes_outside_printable_ASCII_and_length()
    {
        Assert.Equal("1?2", FaxIdentifier.Decode([(byte)'2', 0x00, (byte)'1']));
        Assert.Equal("a?b", FaxIdentifier.Decode([(byte)'b', 0xE9, (byte)'a']));
        Assert.Equal(new string('7', 30), FaxIdentifier.Decode(Encoding.ASCII.GetBytes(new string('7', 30))));
    }

    [Theory]
    [InlineData("123456789012345678901")]
    [InlineData("tab\there")]
    [InlineData("caf\u00e9")]
    [InlineData("line\n")]
    public void Encoding_refuses_long_or_non_printable_text(string text)
    {
        Assert.Throws<ArgumentException>(() => FaxIdentifier.Encode(text));
    }

    [Fact]
    public void Encoding_into_a_span_refuses_a_short_destination()
    {
        Assert.Throws<ArgumentException>(() => FaxIdentifier.Encode("1", new byte[19]));
    }

    [Theory]
    [InlineData("+27 11 555 1234", true)]
    [InlineData("0115551234", true)]
    [InlineData("", true)]
    [InlineData("Faxgate", false)]
    [InlineData("*12#", false)]
    public void Tells_Table_3_numbers_from_other_text(string text, bool expected)
    {
        Assert.Equal(expected, FaxIdentifier.IsTable3Number(text));
    }
}
