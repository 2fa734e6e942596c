using System.Net;
using Faxgate.Server.Calls;

namespace Faxgate.Server.Tests.Calls;

public sealed class SourcePolicyTests
{
    [Fact]
    public void With_no_trunk_only_loopback_is_allowed_and_belongs_to_no_trunk()
    {
        var policy = new SourcePolicy(new Dictionary<string, IReadOnlyList<AddressRange>>());
        Assert.True(policy.IsEmbeddedDefault);
        foreach (string allowed in (string[])["127.0.0.1", "::1", "::ffff:127.0.0.1"])
        {
            Assert.True(policy.TryMatch(IPAddress.Parse(allowed), out string? trunk), allowed);
            Assert.Null(trunk);
        }

        foreach (string refused in (string[])["127.0.0.2", "192.0.2.1", "::2", "0.0.0.0"])
        {
            Assert.False(policy.TryMatch(IPAddress.Parse(refused), out _), refused);
        }
    }

    [Fact]
    public void A_source_belongs_to_the_trunk_whose_most_specific_entry_holds_it()
    {
        var policy = new SourcePolicy(new Dictionary<string, IReadOnlyList<AddressRange>>
        {
            ["carrier"] = [Range("192.0.2.0/24"), Range("2001:db8::/32")],
            ["ata"] = [Range("192.0.2.77")],
            ["silent"] = [],
        });
        Assert.False(policy.IsEmbeddedDefault);
        Assert.Equal("carrier", Match("192.0.2.1"));
        Assert.Equal("carrier", Match("::ffff:192.0.2.1"));
        Assert.Equal("ata", Match("192.0.2.77"));
        Assert.Equal("ata", Match("::ffff:192.0.2.77"));
        Assert.Equal("carrier", Match("2001:db8:1::5"));
        Assert.Null(Match("192.0.3.1"));
        Assert.Null(Match("127.0.0.1"));
        Assert.Null(Match("::1"));
        Assert.Null(Match("2001:db9::1"));

        string? Match(string address) => policy.TryMatch(IPAddress.Parse(address), out string? trunk) ? trunk : null;
    }

    [Fact]
    public void Equally_specific_entries_go_to_the_first_trunk_by_name()
    {
        var policy = new SourcePolicy(new Dictionary<string, IReadOnlyList<AddressRange>>
        {
            ["zulu"] = [Range("10.0.0.0/8")],
            ["alpha"] = [Range("10.0.0.0/8")],
        });
        Assert.True(policy.TryMatch(IPAddress.Parse("10.1.2.3"), out string? trunk));
        Assert.Equal("alpha", trunk);
    }

    [Theory]
    [InlineData("192.0.2.10/24", "192.0.2.0/24", "192.0.2.200", "192.0.3.1")]
    [InlineData("10.0.0.0/9", "10.0.0.0/9", "10.127.255.255", "10.128.0.0")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0", "203.0.113.9", "2001:db8::1")]
    [InlineData("::ffff:198.51.100.0/120", "198.51.100.0/24", "198.51.100.7", "198.51.101.7")]
    [InlineData("2001:db8::/33", "2001:db8::/33", "2001:db8:7fff::1", "2001:db8:8000::1")]
    [InlineData(" 203.0.113.5 ", "203.0.113.5/32", "::ffff:203.0.113.5", "203.0.113.6")]
    [InlineData("2001:db8::5", "2001:db8::5/128", "2001:db8::5", "2001:db8::6")]
    public void Entries_are_read_as_blocks(string text, string shown, string inside, string outside)
    {
        AddressRange range = Range(text);
        Assert.Equal(shown, range.ToString());
        Assert.True(range.Contains(IPAddress.Parse(inside)));
        Assert.False(range.Contains(IPAddress.Parse(outside)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("carrier.example")]
    [InlineData("192.0.2.0/33")]
    [InlineData("192.0.2.0/-1")]
    [InlineData("192.0.2.0/")]
    [InlineData("2001:db8::/129")]
    [InlineData("::ffff:192.0.2.0/64")]
    [InlineData("fe80::1%eth0")]
    [InlineData("192.0.2.0/24/8")]
    public void Bad_entries_are_refused(string text)
    {
        Assert.False(AddressRange.TryParse(text, out _, out string? error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    private static AddressRange Range(string text) =>
        AddressRange.TryParse(text, out AddressRange? range, out string? error) ? range : throw new ArgumentException(error, nameof(text));
}
