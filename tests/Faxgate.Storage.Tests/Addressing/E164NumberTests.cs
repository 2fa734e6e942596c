using Faxgate.Storage.Addressing;

namespace Faxgate.Storage.Tests.Addressing;

public sealed class E164NumberTests
{
    [Theory]
    [InlineData("+27115551234", "+27115551234")]
    [InlineData("+27 11 555 1234", "+27115551234")]
    [InlineData("  +27-11-555-1234  ", "+27115551234")]
    [InlineData("+27.11.555.1234", "+27115551234")]
    [InlineData("+27 (11) 555-1234", "+27115551234")]
    [InlineData("+27 (0)11 555 1234", "+27115551234")]
    [InlineData("0027 11 555 1234", "+27115551234")]
    [InlineData("0027 (0)11 555 1234", "+27115551234")]
    [InlineData("+1 (212) 555-0123", "+12125550123")]
    [InlineData("+12345678", "+12345678")]
    [InlineData("+123456789012345", "+123456789012345")]
    public void International_numbers_as_people_type_them_parse(string text, string expected)
    {
        Assert.Equal(expected, E164Number.Parse(text).Value);
        Assert.True(E164Number.TryParse(text, out E164Number? number));
        Assert.Equal(expected, number.ToString());
    }

    [Theory]
    [InlineData("011 555 1234", 27, "+27115551234")]
    [InlineData("(011) 555-1234", 27, "+27115551234")]
    [InlineData("020 7946 0000", 44, "+442079460000")]
    [InlineData("+49 30 1234567", 27, "+49301234567")]
    [InlineData("0049 30 1234567", 27, "+49301234567")]
    public void National_numbers_take_the_default_country_code(string text, int country, string expected)
    {
        Assert.Equal(expected, E164Number.Parse(text, country).Value);
    }

    [Theory]
    [InlineData("011 555 1234", "no default country code")]
    [InlineData("27115551234", "no country code")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("+", "no digits")]
    [InlineData("+0115551234", "cannot start with 0")]
    [InlineData("+2711555", "7 digits")]
    [InlineData("+1234567890123456", "16 digits")]
    [InlineData("+27 11 555 1234 ext 5", "unexpected character 'e' at position 17")]
    [InlineData("27+115551234", "'+' may only come first (position 3)")]
    [InlineData("++27115551234", "'+' may only come first (position 2)")]
    [InlineData("+27 (11 555 1234", "'(' without ')'")]
    [InlineData("+27 11) 555 1234", "')' without '('")]
    [InlineData("+27 ((11)) 555 1234", "nested")]
    [InlineData("+27\t115551234", "U+0009")]
    [InlineData("+27\0115551234", "U+0000")]
    [InlineData("+27١١٥٥٥١٢٣٤", "U+0661")]
    [InlineData("+２７115551234", "U+FF12")]
    [InlineData("tel:+27115551234", "unexpected character 't' at position 1")]
    public void Malformed_numbers_are_refused_with_a_reason(string text, string reason)
    {
        Assert.False(E164Number.TryParse(text, null, out E164Number? number, out string? error));
        Assert.Null(number);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        var exception = Assert.Throws<FormatException>(() => E164Number.Parse(text));
        Assert.Contains("is not an E.164 number", exception.Message, StringComparison.Ordinal);
        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_input_is_refused_before_parsing_and_not_echoed_whole()
    {
        string huge = "+" + new string('1', 1_000_000);
        Assert.False(E164Number.TryParse(huge, null, out _, out string? error));
        Assert.Contains("longer than 64", error, StringComparison.Ordinal);
        var exception = Assert.Throws<FormatException>(() => E164Number.Parse(huge));
        Assert.True(exception.Message.Length < 300);
    }

    [Fact]
    public void Control_characters_are_escaped_in_the_error_message()
    {
        var exception = Assert.Throws<FormatException>(() => E164Number.Parse("+27\u001b[31m115551234"));
        Assert.DoesNotContain('\u001b', exception.Message);
        Assert.Contains("\\u001b", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_is_refused_and_a_bad_country_code_is_our_mistake()
    {
        Assert.False(E164Number.TryParse(null, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => E164Number.Parse("011 555 1234", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => E164Number.Parse("011 555 1234", 1000));
    }

    [Fact]
    public void Equal_numbers_are_equal_however_they_were_typed()
    {
        Assert.Equal(E164Number.Parse("+27 11 555 1234"), E164Number.Parse("0027115551234"));
        Assert.Equal("27115551234", E164Number.Parse("+27115551234").Digits);
        Assert.NotEqual(E164Number.Parse("+27115551234"), E164Number.Parse("+27115551235"));
    }

    [Fact]
    public void Fuzzed_input_either_parses_to_a_valid_number_or_is_refused()
    {
        var random = new Random(4);
        const string alphabet = "0123456789+-. ()\t\0x\u0661";
        for (int i = 0; i < 20_000; i++)
        {
            char[] text = new char[random.Next(0, 24)];
            for (int j = 0; j < text.Length; j++)
            {
                text[j] = alphabet[random.Next(alphabet.Length)];
            }

            if (E164Number.TryParse(new string(text), random.Next(2) == 0 ? null : 27, out E164Number? number, out string? error))
            {
                Assert.Matches("^\\+[1-9][0-9]{7,14}$", number.Value);
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(error));
            }
        }
    }
}
