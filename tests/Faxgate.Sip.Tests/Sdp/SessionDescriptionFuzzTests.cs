using System.Diagnostics;
using System.Text;
using Faxgate.Sip.Sdp;
using Faxgate.TestSupport;

namespace Faxgate.Sip.Tests.Sdp;

public sealed class SessionDescriptionFuzzTests
{
    [Fact]
    public void Random_and_mutated_bodies_parse_or_give_a_typed_error_and_what_parses_negotiates_and_re_parses()
    {
        Random random = FuzzInputs.Seeded(4566);
        byte[][] seeds = [.. SdpSamples.All.Select(Encoding.UTF8.GetBytes)];
        var local = new LocalMedia(SdpOrigin.For("192.0.2.50", 1, 1), "192.0.2.50") { AudioPort = 40000, UdptlPort = 40002 };
        SessionDescription ourOffer = OfferAnswer.CreateT38Offer(local);
        TimeSpan budget = FuzzInputs.Budget(2);
        var clock = Stopwatch.StartNew();
        int parsed = 0;
        for (int i = 0; i < 200_000 && clock.Elapsed < budget; i++)
        {
            byte[] input = random.Next(4) == 0 ? FuzzInputs.Random(random, 300) : FuzzInputs.Mutate(seeds[random.Next(seeds.Length)], random);
            if (SessionDescription.TryParse(input, out SessionDescription? sdp, out SdpError error))
            {
                parsed++;
                Assert.Equal(SdpErrorKind.None, error.Kind);
                string written = sdp.ToString();
                Assert.Equal(written, SessionDescription.Parse(Encoding.UTF8.GetBytes(written)).ToString());
                SdpAnswer answer = OfferAnswer.Answer(sdp, local);
                Assert.Equal(sdp.Media.Count, answer.Description.Media.Count);
                Assert.True(SessionDescription.TryParse(answer.Description.ToBytes(), out _, out _));
                Assert.True(Enum.IsDefined(OfferAnswer.ReadAnswer(ourOffer, sdp, T38Preferences.Default).Outcome));
            }
            else
            {
                Assert.NotEqual(SdpErrorKind.None, error.Kind);
                Assert.InRange(error.Offset, 0, input.Length);
                Assert.InRange(error.Line, 0, SdpLimits.Default.MaxLines + 1);
            }
        }

        Assert.True(parsed > 0, "no mutated body parsed: the seeds are not exercising the parser");
    }
}
