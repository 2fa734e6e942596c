using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Tests.Messages;

public sealed class NameAddressTests
{
    [Theory]
    [InlineData("\"Alice \\\"A\\\" Smith\" <sip:alice@example.com>;tag=1928301774", "Alice \"A\" Smith", "1928301774")]
    [InlineData("Alice Smith <sip:alice@example.com>;tag=88", "Alice Smith", "88")]
    [InlineData("<sip:alice@example.com>", null, null)]
    [InlineData("sip:alice@example.com;tag=x", null, "x")]
    [InlineData("  \"\" <sip:alice@example.com>  ;  tag  =  y ", "", "y")]
    public void Display_name_uri_and_tag_are_read(string text, string? displayName, string? tag)
    {
        NameAddress address = NameAddress.Parse(text);
        Assert.Equal(displayName, address.DisplayName);
        Assert.Equal("sip:alice@example.com", address.Uri.ToString());
        Assert.Equal(tag, address.Tag);
    }

    [Fact]
    public void Parameters_of_an_addr_spec_belong_to_the_header_and_inside_brackets_to_the_uri()
    {
        Assert.Equal("phone", NameAddress.Parse("sip:+1@gw.example.net;user=phone").Parameters.Get("user"));
        Assert.Equal("phone", NameAddress.Parse("<sip:+1@gw.example.net;user=phone>").Uri.UserParameter);
    }

    [Theory]
    [InlineData("\"unterminated <sip:a@b>")]
    [InlineData("Bell, Alexander <sip:a@b>")]
    [InlineData("< sip:a@b >")]
    [InlineData("<sip:a@b")]
    [InlineData("sip:a@b?Route=x")]
    [InlineData("<sip:a@b>;;")]
    [InlineData("<sip:a@b>;tag=")]
    [InlineData("<sip:a@b> junk")]
    [InlineData("")]
    public void Malformed_values_do_not_parse(string text) => Assert.False(NameAddress.TryParse(text, out _));

    [Fact]
    public void Written_form_parses_back_and_a_tag_can_be_added()
    {
        NameAddress address = NameAddress.Parse("Bob <sip:bob@biloxi.example.com>;expires=60").WithTag("a6c85cf");
        Assert.Equal("\"Bob\" <sip:bob@biloxi.example.com>;expires=60;tag=a6c85cf", address.ToString());
        Assert.Equal(address, NameAddress.Parse(address.ToString()));
    }
}
