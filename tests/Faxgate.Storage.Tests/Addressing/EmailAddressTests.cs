using Faxgate.Storage.Addressing;

namespace Faxgate.Storage.Tests.Addressing;

public sealed class EmailAddressTests
{
    [Theory]
    [InlineData("fax@acme.example", "fax@acme.example")]
    [InlineData("Fax.Desk@ACME.Example", "Fax.Desk@acme.example")]
    [InlineData("a+tag@mail.acme.example", "a+tag@mail.acme.example")]
    [InlineData("o'brien@xn--bcher-kva.example", "o'brien@xn--bcher-kva.example")]
    [InlineData("!#$%&'*+-/=?^_`{|}~@a-b.c1.example", "!#$%&'*+-/=?^_`{|}~@a-b.c1.example")]
    public void Valid_addresses_parse_with_the_domain_in_lower_case(string text, string expected)
    {
        EmailAddress address = EmailAddress.Parse(text);
        Assert.Equal(expected, address.Value);
        Assert.Equal(expected, address.ToString());
        Assert.Equal(expected[..expected.LastIndexOf('@')], address.LocalPart);
        Assert.True(EmailAddress.TryParse(text, out _));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("fax.acme.example", "no '@'")]
    [InlineData("fax@acme@example.com", "more than one '@'")]
    [InlineData("@acme.example", "before '@' is empty")]
    [InlineData("fax@", "after '@' is empty")]
    [InlineData("fax@localhost", "at least one dot")]
    [InlineData(".fax@acme.example", "start or end with a dot")]
    [InlineData("fax.@acme.example", "start or end with a dot")]
    [InlineData("f..ax@acme.example", "two dots in a row")]
    [InlineData("fax@acme..example", "empty label")]
    [InlineData("fax@.acme.example", "empty label")]
    [InlineData("fax@acme.example.", "empty label")]
    [InlineData("fax@-acme.example", "cannot start or end with a hyphen")]
    [InlineData("fax@acme-.example", "cannot start or end with a hyphen")]
    [InlineData("fax@acme_corp.example", "cannot contain '_'")]
    [InlineData("fax@10.0.0.1", "ends in a number")]
    [InlineData("fax@[10.0.0.1]", "cannot contain '['")]
    [InlineData("\"fax\"@acme.example", "cannot contain '\"'")]
    [InlineData("f(ax)@acme.example", "cannot contain '('")]
    [InlineData("fax @acme.example", "unexpected character ' ' (a space) at position 4")]
    [InlineData("fax@acme.example\r\nBcc: x@evil.example", "U+000D at position 17")]
    [InlineData("fax\0@acme.example", "U+0000")]
    [InlineData("jörg@acme.example", "U+00F6")]
    [InlineData("fax@bücher.example", "U+00FC")]
    [InlineData("fax@acme.example\u202e", "U+202E")]
    public void Malformed_addresses_are_refused_with_a_reason(string text, string reason)
    {
        Assert.False(EmailAddress.TryParse(text, out EmailAddress? address, out string? error));
        Assert.Null(address);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        var exception = Assert.Throws<FormatException>(() => EmailAddress.Parse(text));
        Assert.Contains("is not an email address", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', exception.Message);
        Assert.DoesNotContain('\n', exception.Message);
    }

    [Fact]
    public void Length_limits_follow_RFC_5321()
    {
        string local64 = new('a', 64);
        Assert.True(EmailAddress.TryParse($"{local64}@acme.example", out _));
        Assert.False(EmailAddress.TryParse($"{local64}a@acme.example", out _, out string? localError));
        Assert.Contains("longer than 64", localError, StringComparison.Ordinal);

        string label63 = new('b', 63);
        Assert.True(EmailAddress.TryParse($"fax@{label63}.example", out _));
        Assert.False(EmailAddress.TryParse($"fax@{label63}b.example", out _, out string? labelError));
        Assert.Contains("longer than 63", labelError, StringComparison.Ordinal);

        string domain = string.Join('.', Enumerable.Repeat(new string('c', 60), 4)) + ".example";
        string exact = new string('d', 254 - domain.Length - 1) + "@" + domain;
        Assert.Equal(254, exact.Length);
        Assert.True(EmailAddress.TryParse(exact, out _));
        Assert.False(EmailAddress.TryParse("d" + exact, out _, out string? totalError));
        Assert.Contains("longer than 254", totalError, StringComparison.Ordinal);
    }

    [Fact]
    public void Huge_input_is_refused_and_not_echoed_whole()
    {
        string huge = new string('a', 2_000_000) + "@acme.example";
        var exception = Assert.Throws<FormatException>(() => EmailAddress.Parse(huge));
        Assert.Contains("longer than 254", exception.Message, StringComparison.Ordinal);
        Assert.True(exception.Message.Length < 300);
        Assert.False(EmailAddress.TryParse(null, out _));
    }

    [Fact]
    public void Addresses_differing_only_in_domain_case_are_equal()
    {
        Assert.Equal(EmailAddress.Parse("fax@ACME.example"), EmailAddress.Parse("fax@acme.EXAMPLE"));
        Assert.NotEqual(EmailAddress.Parse("Fax@acme.example"), EmailAddress.Parse("fax@acme.example"));
    }

    [Fact]
    public void Fuzzed_input_either_parses_to_a_well_formed_address_or_is_refused()
    {
        var random = new Random(5);
        const string alphabet = "ab1.-@_+\"( \r\0ü";
        for (int i = 0; i < 20_000; i++)
        {
            char[] text = new char[random.Next(0, 20)];
            for (int j = 0; j < text.Length; j++)
            {
                text[j] = alphabet[random.Next(alphabet.Length)];
            }

            if (EmailAddress.TryParse(new string(text), out EmailAddress? address, out string? error))
            {
                Assert.Matches("^[a-z0-9+_-]+(\\.[a-z0-9+_-]+)*@[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$", address.Value);
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(error));
            }
        }
    }
}
