using System.Diagnostics;
using System.Text;
using Faxgate.Sip.Auth;
using Faxgate.TestSupport;

namespace Faxgate.Sip.Tests.Auth;

public sealed class DigestChallengeFuzzTests
{
    [Fact]
    public void Random_and_mutated_challenges_parse_or_give_a_typed_error_and_what_parses_computes_credentials()
    {
        Random random = FuzzInputs.Seeded(7616);
        byte[][] seeds =
        [
            .. new[]
            {
                "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv\", opaque=\"FQhe\"",
                "Digest realm=\"sip.example.net\",nonce=\"abc123\"",
                "Basic realm=\"x\", Digest realm=\"a\\\"b\", nonce=\"n\", algorithm=MD5-sess, qop=auth, stale=true, Digest realm=\"r\", nonce=\"m\", algorithm=SHA-512-256",
            }.Select(Encoding.UTF8.GetBytes),
        ];
        TimeSpan budget = FuzzInputs.Budget(2);
        var clock = Stopwatch.StartNew();
        int parsed = 0;
        for (int i = 0; i < 200_000 && clock.Elapsed < budget; i++)
        {
            byte[] input = random.Next(4) == 0 ? FuzzInputs.Random(random, 200) : FuzzInputs.Mutate(seeds[random.Next(seeds.Length)], random);
            string value = Encoding.UTF8.GetString(input);
            if (DigestChallenge.TryParse(value, out DigestChallenge? challenge, out DigestError error))
            {
                parsed++;
                Assert.Equal(DigestErrorKind.None, error.Kind);
                Assert.True(challenge.IsSupported);
                DigestCredentials credentials = DigestCredentials.Create(challenge, "alice", "s3cret", "INVITE", "sip:a@b", input, "c", 1);
                Assert.StartsWith("Digest username=\"alice\"", credentials.ToString(), StringComparison.Ordinal);
            }
            else
            {
                Assert.NotEqual(DigestErrorKind.None, error.Kind);
                Assert.InRange(error.Offset, 0, Math.Max(value.Length, DigestLimits.Default.MaxLength));
            }
        }

        Assert.True(parsed > 0, "no mutated challenge parsed: the seeds are not exercising the parser");
    }
}
