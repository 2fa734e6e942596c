using Faxgate.Sip.Auth;

namespace Faxgate.Sip.Tests.Auth;

public sealed class DigestChallengeTests
{
    // RFC 7616 3.9.1: one 401 with a SHA-256 and an MD5 challenge.
    private const string Rfc7616Sha256 =
        "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256, " +
        "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

    private const string Rfc7616Md5 =
        "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=MD5, " +
        "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";

    [Fact]
    public void Rfc7616_challenge_reads_every_parameter()
    {
        DigestChallenge challenge = DigestChallenge.Parse(Rfc7616Sha256);

        Assert.Equal("http-auth@example.org", challenge.Realm);
        Assert.Equal("7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", challenge.Nonce);
        Assert.Equal("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", challenge.Opaque);
        Assert.Equal(DigestAlgorithm.Sha256, challenge.Algorithm);
        Assert.Equal([DigestQop.Auth, DigestQop.AuthInt], challenge.QopOptions);
        Assert.False(challenge.Stale);
        Assert.True(challenge.IsSupported);
    }

    [Fact]
    public void The_strongest_supported_challenge_wins_in_one_value_or_over_several_headers()
    {
        Assert.Equal(DigestAlgorithm.Sha256, DigestChallenge.Parse(Rfc7616Md5 + ", " + Rfc7616Sha256).Algorithm);
        Assert.True(DigestChallenge.TryParse([Rfc7616Md5, Rfc7616Sha256], out DigestChallenge? picked, out _));
        Assert.Equal(DigestAlgorithm.Sha256, picked.Algorithm);

        // SHA-512-256 is stronger but not supported: SHA-256 is taken.
        string sha512 = Rfc7616Sha256.Replace("SHA-256", "SHA-512-256", StringComparison.Ordinal);
        Assert.True(DigestChallenge.TryParse([sha512, Rfc7616Md5, Rfc7616Sha256], out picked, out _));
        Assert.Equal(DigestAlgorithm.Sha256, picked.Algorithm);
    }

    [Fact]
    public void Sip_challenge_without_qop_or_algorithm_is_md5_rfc2069_style()
    {
        DigestChallenge challenge = DigestChallenge.Parse("Digest realm=\"sip.example.net\",nonce=\"abc123\"");

        Assert.Equal(DigestAlgorithm.Md5, challenge.Algorithm);
        Assert.Empty(challenge.QopOptions);
        Assert.Null(challenge.Opaque);
    }

    [Fact]
    public void Field_variants_are_read_case_insensitively_with_quoted_algorithm_unquoted_qop_and_escapes()
    {
        DigestChallenge challenge = DigestChallenge.Parse(
            "digest REALM = \"say \\\"hi\\\" \\\\ there\" , NONCE=\"n\\onc e\", Algorithm=\"md5-SESS\", qop=auth, stale=TRUE, domain=\"sip:a sip:b\"");

        Assert.Equal("say \"hi\" \\ there", challenge.Realm);
        Assert.Equal("nonc e", challenge.Nonce);
        Assert.Equal(DigestAlgorithm.Md5Sess, challenge.Algorithm);
        Assert.Equal([DigestQop.Auth], challenge.QopOptions);
        Assert.True(challenge.Stale);
        Assert.Equal("sip:a sip:b", challenge.Domain);
    }

    [Fact]
    public void Other_schemes_beside_digest_are_passed_over()
    {
        DigestChallenge challenge = DigestChallenge.Parse("Basic realm=\"x\", Negotiate abc==, Digest realm=\"r\", nonce=\"n\", algorithm=SHA-256-sess");

        Assert.Equal(DigestAlgorithm.Sha256Sess, challenge.Algorithm);
        Assert.Equal("r", challenge.Realm);
    }

    [Fact]
    public void A_malformed_header_is_passed_over_when_another_is_usable()
    {
        Assert.True(DigestChallenge.TryParse(["Digest realm=\"r", Rfc7616Md5], out DigestChallenge? challenge, out _));
        Assert.Equal(DigestAlgorithm.Md5, challenge.Algorithm);
    }

    [Theory]
    [InlineData("", DigestErrorKind.NotDigest, 0)]
    [InlineData("Basic realm=\"x\"", DigestErrorKind.NotDigest, 0)]
    [InlineData("Digest realm=\"r\"", DigestErrorKind.MissingNonce, 0)]
    [InlineData("Digest nonce=\"n\"", DigestErrorKind.MissingRealm, 0)]
    [InlineData("Digest realm=\"r\", nonce=\"\"", DigestErrorKind.MissingNonce, 0)]
    [InlineData("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-1", DigestErrorKind.UnsupportedAlgorithm, 0)]
    [InlineData("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256", DigestErrorKind.UnsupportedAlgorithm, 0)]
    [InlineData("Digest realm=\"r\", nonce=\"n", DigestErrorKind.UnterminatedQuotedString, 24)]
    [InlineData("Digest realm=\"r\", nonce=\"n\\", DigestErrorKind.UnterminatedQuotedString, 24)]
    [InlineData("Digest realm=\"r\", nonce=, opaque=\"o\"", DigestErrorKind.MalformedParameter, 18)]
    [InlineData("Digest realm=\"r\", =\"n\"", DigestErrorKind.MalformedParameter, 18)]
    [InlineData("realm=\"r\", nonce=\"n\"", DigestErrorKind.MalformedParameter, 0)]
    [InlineData("Digest realm=\"r\", realm=\"s\", nonce=\"n\"", DigestErrorKind.DuplicateParameter, 18)]
    [InlineData("Digest realm=\"r\",\r\n nonce=\"n\"", DigestErrorKind.InvalidCharacter, 17)]
    [InlineData("Digest realm=\"r\0\", nonce=\"n\"", DigestErrorKind.InvalidCharacter, 15)]
    public void Malformed_challenges_give_a_typed_error_at_the_offending_character(string value, DigestErrorKind kind, int offset)
    {
        Assert.False(DigestChallenge.TryParse(value, out DigestChallenge? challenge, out DigestError error));
        Assert.Null(challenge);
        Assert.Equal(new DigestError(kind, offset), error);
        Assert.Throws<FormatException>(() => DigestChallenge.Parse(value));
    }

    [Fact]
    public void An_unknown_algorithm_is_kept_by_name_for_the_log()
    {
        Assert.False(DigestChallenge.TryParse("Digest realm=\"r\", nonce=\"n\", algorithm=SHA3", out _, out DigestError error));
        Assert.Equal(DigestErrorKind.UnsupportedAlgorithm, error.Kind);
    }

    [Fact]
    public void Huge_values_and_too_many_parameters_hit_the_limits()
    {
        string hugeNonce = "Digest realm=\"r\", nonce=\"" + new string('n', 5000) + "\"";
        string hugeToken = "Digest realm=\"r\", nonce=" + new string('n', 5000);
        string huge = "Digest realm=\"r\", nonce=\"" + new string('n', 9000) + "\"";
        string many = "Digest realm=\"r\", nonce=\"n\"" + string.Concat(Enumerable.Range(0, 70).Select(i => $", p{i}=x"));

        Assert.Equal(new DigestError(DigestErrorKind.ValueTooLong, 24), ErrorOf(hugeNonce));
        Assert.Equal(new DigestError(DigestErrorKind.ValueTooLong, 24), ErrorOf(hugeToken));
        Assert.Equal(DigestErrorKind.TooLong, ErrorOf(huge).Kind);
        Assert.Equal(DigestErrorKind.TooManyParameters, ErrorOf(many).Kind);
        Assert.True(DigestChallenge.TryParse([hugeNonce], new DigestLimits { MaxValueLength = 6000 }, out _, out _));
    }

    [Fact]
    public void Every_prefix_of_a_challenge_parses_or_gives_a_typed_error()
    {
        for (int length = 0; length <= Rfc7616Sha256.Length; length++)
        {
            string prefix = Rfc7616Sha256[..length];
            if (DigestChallenge.TryParse(prefix, out DigestChallenge? challenge, out DigestError error))
            {
                Assert.Equal("http-auth@example.org", challenge.Realm);
            }
            else
            {
                Assert.NotEqual(DigestErrorKind.None, error.Kind);
                Assert.InRange(error.Offset, 0, length);
            }
        }
    }

    private static DigestError ErrorOf(string value)
    {
        Assert.False(DigestChallenge.TryParse(value, out _, out DigestError error));
        return error;
    }
}
