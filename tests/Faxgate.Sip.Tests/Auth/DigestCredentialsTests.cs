using System.Text;
using Faxgate.Sip.Auth;

namespace Faxgate.Sip.Tests.Auth;

public sealed class DigestCredentialsTests
{
    // RFC 7616 3.9.1 (HTTP, but the computation is the one SIP uses).
    private const string Rfc7616Nonce = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private const string Rfc7616Opaque = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";
    private const string Rfc7616Cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    // The SIP cases' expected responses were computed independently of this code (Python's hashlib).
    private static readonly DigestChallenge Sip = new("sip.example.net", "abc123");

    [Theory]
    [InlineData("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    [InlineData("MD5", "8ca523f5e9506fed4657c9700eebdbec")]
    public void Rfc7616_example_gives_the_rfcs_response(string algorithm, string expected)
    {
        DigestChallenge challenge = DigestChallenge.Parse(
            $"Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm={algorithm}, nonce=\"{Rfc7616Nonce}\", opaque=\"{Rfc7616Opaque}\"");

        DigestCredentials credentials = DigestCredentials.Create(challenge, "Mufasa", "Circle of Life", "GET", "/dir/index.html", cnonce: Rfc7616Cnonce);

        Assert.Equal(expected, credentials.Response);
        Assert.Equal(
            $"Digest username=\"Mufasa\", realm=\"http-auth@example.org\", nonce=\"{Rfc7616Nonce}\", uri=\"/dir/index.html\", " +
            $"response=\"{expected}\", algorithm={algorithm}, cnonce=\"{Rfc7616Cnonce}\", opaque=\"{Rfc7616Opaque}\", qop=auth, nc=00000001",
            credentials.ToString());
    }

    [Fact]
    public void Rfc2617_example_gives_the_rfcs_response()
    {
        // RFC 2617 3.5.
        DigestChallenge challenge = DigestChallenge.Parse(
            "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");

        DigestCredentials credentials = DigestCredentials.Create(challenge, "Mufasa", "Circle Of Life", "GET", "/dir/index.html", cnonce: "0a4f113b");

        Assert.Equal("6629fae49393a05397450978507c4ef1", credentials.Response);
        Assert.Equal(DigestQop.Auth, credentials.Qop);
    }

    [Fact]
    public void Challenge_without_qop_gives_the_rfc2069_response_without_cnonce_or_nc()
    {
        DigestCredentials credentials = DigestCredentials.Create(Sip, "alice", "s3cret", "REGISTER", "sip:sip.example.net");

        Assert.Equal("5cd9f60689a6bc0327105d7f61f2c7ef", credentials.Response);
        Assert.Equal(
            "Digest username=\"alice\", realm=\"sip.example.net\", nonce=\"abc123\", uri=\"sip:sip.example.net\", response=\"5cd9f60689a6bc0327105d7f61f2c7ef\", algorithm=MD5",
            credentials.ToString());
    }

    [Fact]
    public void Md5_sess_puts_nonce_and_cnonce_into_a1()
    {
        DigestChallenge challenge = Sip with { Algorithm = DigestAlgorithm.Md5Sess, QopOptions = [DigestQop.Auth] };

        DigestCredentials credentials = DigestCredentials.Create(
            challenge, "alice", "s3cret", "INVITE", "sip:+27115551234@sip.example.net", cnonce: "0a1b2c3d", nonceCount: 2);

        Assert.Equal("9f624eb9e8bca63a3668d713a264da9b", credentials.Response);
        Assert.Contains("algorithm=MD5-sess", credentials.ToString(), StringComparison.Ordinal);
        Assert.Contains("nc=00000002", credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Auth_int_hashes_the_body()
    {
        DigestChallenge challenge = Sip with { Algorithm = DigestAlgorithm.Sha256, QopOptions = [DigestQop.AuthInt] };

        DigestCredentials credentials = DigestCredentials.Create(
            challenge, "alice", "s3cret", "INVITE", "sip:+27115551234@sip.example.net", Encoding.ASCII.GetBytes("v=0\r\n"), "0a1b2c3d");

        Assert.Equal("f53c1ba393a5528dcf85ef141c3a105775a0107a9b6f5b90fd9da93b046889c6", credentials.Response);
        Assert.Contains("qop=auth-int", credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sha256_sess_computes_per_rfc7616()
    {
        DigestChallenge challenge = Sip with { Algorithm = DigestAlgorithm.Sha256Sess, QopOptions = [DigestQop.Auth] };

        DigestCredentials credentials = DigestCredentials.Create(challenge, "alice", "s3cret", "BYE", "sip:bob@192.0.2.4", cnonce: "0a1b2c3d");

        Assert.Equal("028a93281388355512b0d5cba45dde95aafdbe0b2ee5cddfe49d10b396151c4e", credentials.Response);
    }

    [Fact]
    public void Userhash_sends_the_hashed_username()
    {
        DigestChallenge challenge = new DigestChallenge("http-auth@example.org", "n") { Algorithm = DigestAlgorithm.Sha256, UserHash = true };

        DigestCredentials credentials = DigestCredentials.Create(challenge, "Mufasa", "Circle of Life", "GET", "/");

        Assert.Equal("a947aad205e80e429958a387394944c6b496301e79f89d35a4cc23b6ee12b5b6", credentials.Username);
        Assert.EndsWith(", userhash=true", credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Quotes_and_backslashes_in_values_are_escaped()
    {
        DigestCredentials credentials = DigestCredentials.Create(new DigestChallenge("a\"b", "n\\"), "u\"", "p", "OPTIONS", "sip:x");

        string value = credentials.ToString();
        Assert.StartsWith("Digest username=\"u\\\"\", realm=\"a\\\"b\", nonce=\"n\\\\\"", value, StringComparison.Ordinal);
    }

    [Fact]
    public void Misuse_throws()
    {
        DigestChallenge withQop = Sip with { QopOptions = [DigestQop.Auth] };

        Assert.Throws<ArgumentException>(() => DigestCredentials.Create(withQop, "a", "b", "INVITE", "sip:x"));
        Assert.Throws<NotSupportedException>(() => DigestCredentials.Create(Sip with { Algorithm = DigestAlgorithm.Sha512Over256 }, "a", "b", "INVITE", "sip:x"));
        Assert.Throws<NotSupportedException>(() => DigestCredentials.Create(Sip with { Algorithm = null }, "a", "b", "INVITE", "sip:x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => DigestCredentials.Create(Sip, "a", "b", "INVITE", "sip:x", nonceCount: 0));
    }
}
