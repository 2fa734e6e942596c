using Faxgate.Server.Calls;
using Faxgate.Storage.Addressing;

namespace Faxgate.Server.Tests.Calls;

public sealed class DialledNumberTests
{
    [Theory]
    [InlineData("+27115551234", null, "+27115551234")]
    [InlineData("+27115551234", "1", "+27115551234")]
    [InlineData("0027115551234", null, "+27115551234")]
    [InlineData("0027115551234", "27", "+27115551234")]
    [InlineData("0115551234", "27", "+27115551234")]
    [InlineData("115551234", "27", "+27115551234")]
    [InlineData("+27-11-555.1234", null, "+27115551234")]
    [InlineData("+27 (11) 555 1234", null, "+27115551234")]
    [InlineData("+27115551234;phone-context=+27", null, "+27115551234")]
    [InlineData("0115551234;phone-context=example.com;npdi", "27", "+27115551234")]
    [InlineData("2125550100", "1", "+12125550100")]
    public void Usable_numbers_become_E164(string userPart, string? country, string expected)
    {
        Assert.True(DialledNumber.TryNormalise(userPart, country, out E164Number? number));
        Assert.Equal(expected, number.Value);
    }

    [Theory]
    [InlineData("115551234", null)]
    [InlineData("0115551234", null)]
    [InlineData("fax", "27")]
    [InlineData("+2711555123a", null)]
    [InlineData("*98", "27")]
    [InlineData("+27115551234#", null)]
    [InlineData("27+115551234", null)]
    [InlineData("++27115551234", null)]
    [InlineData("+2711555123456789", null)]
    [InlineData("002711555123456789", null)]
    [InlineData("+0115551234", null)]
    [InlineData("+2711", null)]
    [InlineData("", "27")]
    [InlineData(null, "27")]
    [InlineData(";phone-context=+27", "27")]
    [InlineData("+27%20115551234", null)]
    public void Unusable_numbers_are_refused(string? userPart, string? country)
    {
        Assert.False(DialledNumber.TryNormalise(userPart, country, out E164Number? number));
        Assert.Null(number);
    }

    [Fact]
    public void A_user_part_longer_than_the_limit_is_refused_unread()
    {
        string padded = "+27115551234;" + new string('x', DialledNumber.MaxUserPartLength);
        Assert.False(DialledNumber.TryNormalise(padded, null, out _));
        Assert.Throws<ArgumentException>(() => DialledNumber.TryNormalise("+27115551234", "0027", out _));
    }

    [Theory]
    [InlineData("+27115551234", "+27115559999", "+27115551234")]
    [InlineData("faxgate", "+27115551234", "+27115551234")]
    [InlineData("faxgate", "0115551234", "+27115551234")]
    [InlineData(null, "+27115551234", "+27115551234")]
    public void A_call_is_for_the_Request_URI_number_or_else_the_To_number(string? requestUriUser, string? toUser, string expected)
    {
        Assert.True(DialledNumber.TryFromCall(requestUriUser, toUser, "27", out E164Number? number));
        Assert.Equal(expected, number.Value);
    }

    [Theory]
    [InlineData("faxgate", "faxgate")]
    [InlineData("faxgate", null)]
    [InlineData(null, null)]
    public void A_call_with_no_number_in_Request_URI_or_To_has_none(string? requestUriUser, string? toUser) =>
        Assert.False(DialledNumber.TryFromCall(requestUriUser, toUser, "27", out _));
}
