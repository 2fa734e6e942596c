using Faxgate.Sip.Auth;

namespace Faxgate.Sip.Tests.Auth;

public sealed class DigestClientTests
{
    private static readonly DigestChallenge Challenge =
        DigestChallenge.Parse("Digest realm=\"sip.example.net\", nonce=\"n1\", qop=\"auth\", algorithm=SHA-256");

    [Fact]
    public void Nonce_count_advances_per_request_and_each_request_gets_a_fresh_cnonce()
    {
        int next = 0;
        var client = new DigestClient("alice", "s3cret", () => $"c{++next}");
        Assert.Null(client.Authorize("REGISTER", "sip:sip.example.net"));

        Assert.True(client.Accept(Challenge));
        DigestCredentials first = client.Authorize("REGISTER", "sip:sip.example.net")!;
        DigestCredentials second = client.Authorize("INVITE", "sip:+27115551234@sip.example.net", realm: "sip.example.net")!;

        Assert.Equal((1, "c1"), (first.NonceCount, first.Cnonce));
        Assert.Equal((2, "c2"), (second.NonceCount, second.Cnonce));
        Assert.Equal(2, client.NonceCount("sip.example.net"));
        Assert.Equal(DigestCredentials.Create(Challenge, "alice", "s3cret", "INVITE", "sip:+27115551234@sip.example.net", cnonce: "c2", nonceCount: 2), second);
        Assert.Null(client.Authorize("INVITE", "sip:x", realm: "other"));
    }

    [Fact]
    public void A_new_nonce_restarts_the_count_and_a_refusal_with_the_same_nonce_stops_retries()
    {
        var client = new DigestClient("alice", "wrong");
        Assert.True(client.Accept(Challenge));
        client.Authorize("REGISTER", "sip:sip.example.net");

        Assert.False(client.Accept(Challenge));
        Assert.True(client.Accept(Challenge with { Nonce = "n2" }));
        Assert.Equal(0, client.NonceCount("sip.example.net"));
        Assert.Equal(1, client.Authorize("REGISTER", "sip:sip.example.net")!.NonceCount);
    }

    [Fact]
    public void A_stale_challenge_is_always_answered_again()
    {
        var client = new DigestClient("alice", "s3cret");
        client.Accept(Challenge);
        client.Authorize("REGISTER", "sip:sip.example.net");

        Assert.True(client.Accept(Challenge with { Stale = true }));
    }

    [Fact]
    public void Default_cnonces_differ()
    {
        var client = new DigestClient("alice", "s3cret");
        client.Accept(Challenge);

        Assert.NotEqual(client.Authorize("OPTIONS", "sip:a")!.Cnonce, client.Authorize("OPTIONS", "sip:a")!.Cnonce);
    }

    [Fact]
    public void An_unsupported_challenge_is_our_misuse()
    {
        var client = new DigestClient("alice", "s3cret");

        Assert.Throws<NotSupportedException>(() => client.Accept(Challenge with { Algorithm = DigestAlgorithm.Sha512Over256 }));
    }
}
