using System.Diagnostics;
using Faxgate.Sip.Messages;
using Faxgate.TestSupport;

namespace Faxgate.Sip.Tests.Messages;

public sealed class SipMessageParserFuzzTests
{
    private static readonly SipParserLimits Tight = new()
    {
        MaxMessageBytes = 4096,
        MaxHeaderCount = 40,
        MaxHeaderLineLength = 600,
        MaxViaCount = 8,
        MaxBodyLength = 1024,
    };

    [Fact]
    public void Random_and_mutated_messages_parse_or_give_a_typed_outcome_within_the_limits()
    {
        Random random = FuzzInputs.Seeded(3261);
        byte[][] seeds = [.. Rfc4475Messages.All.Select(Rfc4475Messages.Load)];
        TimeSpan budget = FuzzInputs.Budget(3);
        var clock = Stopwatch.StartNew();
        int runs = 0;
        while (clock.Elapsed < budget || runs < 2000)
        {
            byte[] input = random.Next(8) switch
            {
                0 or 1 => FuzzInputs.Random(random, 512),
                2 => [.. seeds[random.Next(seeds.Length)], .. FuzzInputs.Mutate(seeds[random.Next(seeds.Length)], random)],
                _ => FuzzInputs.Mutate(seeds[random.Next(seeds.Length)], random),
            };
            SipParserLimits limits = random.Next(2) == 0 ? Tight : SipParserLimits.Default;
            Check(input, limits, datagram: random.Next(2) == 0);
            runs++;
        }

        Assert.True(runs >= 2000);
    }

    private static int LeadingLineEnds(byte[] input)
    {
        int at = 0;
        while (at + 1 < input.Length && input[at] == '\r' && input[at + 1] == '\n')
        {
            at += 2;
        }

        return at;
    }

    private static void Check(byte[] input, SipParserLimits limits, bool datagram)
    {
        int consumed = 0;
        SipMessage? message;
        SipParseError? error;
        SipParseStatus status = datagram
            ? SipMessageParser.TryParseDatagram(input, limits, out message, out error)
            : SipMessageParser.TryParse(input, limits, out message, out consumed, out error);
        switch (status)
        {
            case SipParseStatus.Complete:
                Assert.NotNull(message);
                Assert.Null(error);
                Assert.InRange(consumed, 0, input.Length);
                Assert.True(message.Headers.Count <= limits.MaxHeaderCount);
                Assert.True(message.Vias.Count <= limits.MaxViaCount);
                Assert.True(message.Body.Length <= limits.MaxBodyLength);
                Assert.All(message.Headers, h => Assert.True(h.Value.Length <= limits.MaxHeaderLineLength));
                if (message is SipRequest request)
                {
                    _ = SipRequestValidator.Check(request);
                }

                // What parses writes and parses back to the same message.
                byte[] written = SipMessageWriter.Write(message);
                Assert.Equal(SipParseStatus.Complete, SipMessageParser.TryParse(written, SipParserLimits.Default, out SipMessage? again, out int againConsumed, out SipParseError? againError));
                Assert.True(againError is null, againError?.ToString());
                Assert.Equal(written.Length, againConsumed);
                Assert.Equal(message, again);
                break;
            case SipParseStatus.Incomplete:
                Assert.False(datagram);
                Assert.Null(message);
                Assert.Equal(0, consumed);
                // Only a message that may still fit the size limit is waited for.
                Assert.True(input.Length - LeadingLineEnds(input) <= limits.MaxMessageBytes, $"{input.Length} octets waited for");
                break;
            default:
                Assert.Null(message);
                Assert.NotNull(error);
                Assert.InRange(error.Offset, 0, input.Length);
                Assert.Equal(0, consumed);
                break;
        }
    }
}
