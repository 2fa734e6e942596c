using System.Net;
using Faxgate.Server.Calls;
using Faxgate.Sip.Transport;
using Faxgate.Storage;
using Faxgate.TestSupport;
using Microsoft.Extensions.Configuration;

namespace Faxgate.Server.Tests.Calls;

public sealed class SipSettingsTests
{
    [Fact]
    public void The_embedded_default_listens_on_loopback_and_takes_calls_from_loopback_only()
    {
        SipSettings settings = SipSettings.Read(Configuration([]));
        SipEndPoint listen = Assert.Single(settings.Listen);
        Assert.Equal("udp:127.0.0.1:5060", listen.ToString());
        Assert.Equal((40000, 40999, 1000), (settings.MediaPorts.First, settings.MediaPorts.Last, settings.MediaPorts.Count));
        Assert.Null(settings.DefaultCountryCode);
        Assert.Empty(settings.Trunks);
        Assert.True(settings.Sources.IsEmbeddedDefault);
        Assert.True(settings.Sources.TryMatch(IPAddress.Loopback, out _));
        Assert.Equal(
            (TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(30), 100, "Faxgate"),
            (settings.RingTimeout, settings.T38ReinviteDelay, settings.MaxCallDuration, settings.MaxConcurrentCalls, settings.UserAgent));
        Assert.Null(settings.TlsCertificate);
    }

    [Fact]
    public void Every_setting_is_read()
    {
        string data = Repository.NewScratchDirectory("sip-settings");
        File.WriteAllBytes(Path.Combine(data, "sip.p12"), [1, 2, 3]);
        SipSettings settings = SipSettings.Read(Configuration(new()
        {
            ["Server:DataDirectory"] = data,
            ["Sip:Listen:0"] = "udp:0.0.0.0:5070",
            ["Sip:Listen:1"] = "tcp:[::1]",
            ["Sip:Listen:2"] = "tls:127.0.0.1",
            ["Sip:MediaPorts"] = "30000-30001",
            ["Sip:DefaultCountryCode"] = "27",
            ["Sip:RingTimeoutSeconds"] = "45",
            ["Sip:T38ReinviteDelayMilliseconds"] = "0",
            ["Sip:MaxCallMinutes"] = "20",
            ["Sip:MaxConcurrentCalls"] = "8",
            ["Sip:UserAgent"] = "Faxgate/1.0 (test)",
            ["Sip:TlsCertificate"] = "sip.p12",
            ["Sip:TlsCertificatePassword"] = "secret",
            ["Sip:Trunks:carrier:Host"] = "sip.carrier.example",
            ["Sip:Trunks:carrier:Transport"] = "TLS",
            ["Sip:Trunks:carrier:Username"] = "acct",
            ["Sip:Trunks:carrier:Password"] = "pw",
            ["Sip:Trunks:carrier:Register"] = "true",
            ["Sip:Trunks:carrier:RegisterExpires"] = "600",
            ["Sip:Trunks:carrier:CallerId"] = "+27115550000",
            ["Sip:Trunks:carrier:MaxCalls"] = "4",
            ["Sip:Trunks:carrier:AllowFrom:0"] = "192.0.2.0/24",
            ["Sip:Trunks:carrier:AllowFrom:1"] = "2001:db8::/32",
            ["Sip:Trunks:carrier:T38:MaxBitRate"] = "9600",
            ["Sip:Trunks:carrier:T38:Version"] = "3",
            ["Sip:Trunks:carrier:T38:MaxDatagram"] = "272",
            ["Sip:Trunks:ata:Host"] = "[2001:db8::9]",
            ["Sip:Trunks:ata:Port"] = "5080",
        }));

        Assert.Equal(["udp:0.0.0.0:5070", "tcp:[::1]:5060", "tls:127.0.0.1:5061"], settings.Listen.Select(l => l.ToString()));
        Assert.Equal("30000-30001", settings.MediaPorts.ToString());
        Assert.Equal("27", settings.DefaultCountryCode);
        Assert.Equal(
            (TimeSpan.FromSeconds(45), TimeSpan.Zero, TimeSpan.FromMinutes(20), 8, "Faxgate/1.0 (test)"),
            (settings.RingTimeout, settings.T38ReinviteDelay, settings.MaxCallDuration, settings.MaxConcurrentCalls, settings.UserAgent));
        Assert.Equal((Path.Combine(data, "sip.p12"), "secret"), (settings.TlsCertificate, settings.TlsCertificatePassword));

        Assert.Equal(["ata", "carrier"], settings.Trunks.Select(t => t.Name));
        TrunkSettings ata = settings.Trunks[0];
        Assert.Equal(("2001:db8::9", 5080, SipTransportKind.Udp, false, 30), (ata.Host, ata.Port, ata.Transport, ata.Register, ata.MaxCalls));
        Assert.Equal(["2001:db8::9/128"], ata.AllowFrom.Select(r => r.ToString()));
        Assert.Equal((14400, 0, 400), (ata.T38.MaxBitRate, ata.T38.Version, ata.T38.MaxDatagram));
        TrunkSettings carrier = settings.Trunks[1];
        Assert.Equal(
            ("sip.carrier.example", 5061, SipTransportKind.Tls, "acct", "pw", true, TimeSpan.FromMinutes(10), "+27115550000", 4),
            (carrier.Host, carrier.Port, carrier.Transport, carrier.Username, carrier.Password, carrier.Register, carrier.RegisterExpires, carrier.CallerId, carrier.MaxCalls));
        Assert.Equal(["192.0.2.0/24", "2001:db8::/32"], carrier.AllowFrom.Select(r => r.ToString()));
        Assert.Equal((9600, 3, 272), (carrier.T38.MaxBitRate, carrier.T38.Version, carrier.T38.MaxDatagram));
        Assert.DoesNotContain("pw", carrier.ToString(), StringComparison.Ordinal);

        Assert.True(settings.Sources.TryMatch(IPAddress.Parse("192.0.2.7"), out string? trunk));
        Assert.Equal("carrier", trunk);
        Assert.True(settings.Sources.TryMatch(IPAddress.Parse("2001:db8::9"), out trunk));
        Assert.Equal("ata", trunk);
        Assert.False(settings.Sources.TryMatch(IPAddress.Loopback, out _));
    }

    [Fact]
    public void A_trunk_with_a_host_name_and_no_allow_list_receives_nothing()
    {
        SipSettings settings = SipSettings.Read(Configuration(new() { ["Sip:Trunks:carrier:Host"] = "sip.carrier.example" }));
        Assert.Empty(settings.Trunks[0].AllowFrom);
        Assert.False(settings.Sources.IsEmbeddedDefault);
        Assert.False(settings.Sources.TryMatch(IPAddress.Loopback, out _));
    }

    [Theory]
    [InlineData("Sip:MediaPorts", "70000-1", "Sip:MediaPorts '70000-1': ports are 1-65535")]
    [InlineData("Sip:MediaPorts", "40010-40000", "Sip:MediaPorts '40010-40000': the first port is above the last")]
    [InlineData("Sip:MediaPorts", "40000-40000", "Sip:MediaPorts '40000-40000': a range needs at least 2 ports")]
    [InlineData("Sip:MediaPorts", "40000", "Sip:MediaPorts '40000': write it as FIRST-LAST, e.g. 40000-40999")]
    [InlineData("Sip:Listen:0", "sctp:127.0.0.1:5060", "Sip:Listen:0 'sctp:127.0.0.1:5060': write it as udp|tcp|tls:ADDRESS[:PORT], e.g. udp:127.0.0.1:5060")]
    [InlineData("Sip:Listen:0", "udp:localhost:5060", "Sip:Listen:0 'udp:localhost:5060': 'localhost' is not an IP address (listen on an address of this host, or 0.0.0.0 / [::] for all)")]
    [InlineData("Sip:Listen:0", "udp:127.0.0.1:99999", "Sip:Listen:0 'udp:127.0.0.1:99999': the port '99999' is not 0-65535 (0: any free port)")]
    [InlineData("Sip:Listen:0", "udp:[::1:5060", "Sip:Listen:0 'udp:[::1:5060': an IPv6 address in brackets is written [ADDRESS] or [ADDRESS]:PORT")]
    [InlineData("Sip:DefaultCountryCode", "0027", "Sip:DefaultCountryCode '0027': a country code is 1 to 3 digits, not starting with 0 (e.g. 27)")]
    [InlineData("Sip:DefaultCountryCode", "2a", "Sip:DefaultCountryCode '2a': a country code is 1 to 3 digits, not starting with 0 (e.g. 27)")]
    [InlineData("Sip:RingTimeoutSeconds", "0", "Sip:RingTimeoutSeconds '0': it must be 1-600")]
    [InlineData("Sip:MaxCallMinutes", "0", "Sip:MaxCallMinutes '0': it must be 1-1440")]
    [InlineData("Sip:MaxConcurrentCalls", "0", "Sip:MaxConcurrentCalls '0': it must be 1-10000")]
    [InlineData("Sip:T38ReinviteDelayMilliseconds", "-1", "Sip:T38ReinviteDelayMilliseconds '-1': it must be 0-60000")]
    [InlineData("Sip:UserAgent", "Fax\ngate", "Sip:UserAgent 'Fax\\u000agate': it is 1 to 128 printable ASCII characters")]
    [InlineData("Sip:Listen:0", "tls:127.0.0.1", "Sip:TlsCertificate is missing: a tls listener needs a certificate (a PKCS#12 file)")]
    [InlineData("Sip:Trunks:carrier:Transport", "sctp", "Sip:Trunks:carrier:Transport 'sctp': use udp, tcp or tls")]
    [InlineData("Sip:Trunks:carrier:Port", "0", "Sip:Trunks:carrier:Port '0': it must be 1-65535")]
    [InlineData("Sip:Trunks:carrier:AllowFrom:0", "192.0.2.0/40", "Sip:Trunks:carrier:AllowFrom:0 '192.0.2.0/40': the prefix length must be 0-32")]
    [InlineData("Sip:Trunks:carrier:AllowFrom:0", "carrier.example", "Sip:Trunks:carrier:AllowFrom:0 'carrier.example': write an IP address or a CIDR block, e.g. 192.0.2.10, 192.0.2.0/24 or 2001:db8::/32")]
    [InlineData("Sip:Trunks:carrier:Register", "true", "Sip:Trunks:carrier:Register is true but Username or Password is missing: registering needs both")]
    [InlineData("Sip:Trunks:carrier:RegisterExpires", "10", "Sip:Trunks:carrier:RegisterExpires '10': it must be 60-86400")]
    [InlineData("Sip:Trunks:carrier:CallerId", "Faxgate", "Sip:Trunks:carrier:CallerId 'Faxgate': write an E.164 number (+27115551234) or digits only")]
    [InlineData("Sip:Trunks:carrier:MaxCalls", "0", "Sip:Trunks:carrier:MaxCalls '0': it must be 1-10000")]
    [InlineData("Sip:Trunks:carrier:T38:MaxBitRate", "33600", "Sip:Trunks:carrier:T38:MaxBitRate '33600': use one of 2400, 4800, 7200, 9600, 12000, 14400")]
    [InlineData("Sip:Trunks:carrier:T38:Version", "4", "Sip:Trunks:carrier:T38:Version '4': it must be 0-3")]
    [InlineData("Sip:Trunks:carrier:T38:MaxDatagram", "50", "Sip:Trunks:carrier:T38:MaxDatagram '50': it must be 100-1400")]
    [InlineData("Sip:Trunks:carrier:Host", "", "Sip:Trunks:carrier:Host is missing: say where the trunk is (host name or IP address)")]
    [InlineData("Sip:Trunks:carrier:Host", "bad host!", "Sip:Trunks:carrier:Host 'bad host!': it is neither a host name nor an IP address")]
    [InlineData("Sip:Trunks:bad name:Host", "192.0.2.1", "Sip:Trunks 'bad name': a trunk name is 1 to 64 letters, digits, '-', '_' or '.'")]
    public void A_bad_value_stops_the_start_with_one_line_naming_the_setting(string key, string value, string message)
    {
        var values = new Dictionary<string, string?> { ["Sip:Trunks:carrier:Host"] = "192.0.2.1", [key] = value };
        var error = Assert.Throws<StorageConfigurationException>(() => SipSettings.Read(Configuration(values)));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_type_and_a_listener_listed_twice_are_refused()
    {
        var wrongType = Assert.Throws<StorageConfigurationException>(() => SipSettings.Read(Configuration(new() { ["Sip:RingTimeoutSeconds"] = "soon" })));
        Assert.StartsWith("Sip: ", wrongType.Message, StringComparison.Ordinal);
        var twice = Assert.Throws<StorageConfigurationException>(() => SipSettings.Read(Configuration(new()
        {
            ["Sip:Listen:0"] = "tcp:127.0.0.1:5060",
            ["Sip:Listen:1"] = "tls:127.0.0.1:5060",
            ["Sip:TlsCertificate"] = "/nonexistent.p12",
        })));
        Assert.Equal("Sip:Listen 'tcp:127.0.0.1:5060': the same address and port is listed twice", twice.Message);
        var missing = Assert.Throws<StorageConfigurationException>(() => SipSettings.Read(Configuration(new() { ["Sip:TlsCertificate"] = "/nonexistent.p12" })));
        Assert.Equal("Sip:TlsCertificate '/nonexistent.p12': there is no file /nonexistent.p12", missing.Message);
        SipSettings both = SipSettings.Read(Configuration(new() { ["Sip:Listen:0"] = "udp:127.0.0.1:5060", ["Sip:Listen:1"] = "tcp:127.0.0.1:5060" }));
        Assert.Equal(2, both.Listen.Count);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
