using System.Diagnostics;
using System.Text;
using Faxgate.Sip.Messages;
using Faxgate.Sip.Tests.Messages;
using Faxgate.Sip.Transport;
using Faxgate.Sip.UserAgent;
using Faxgate.TestSupport;
using static Faxgate.Sip.Tests.UserAgent.VirtualSipNetwork;

namespace Faxgate.Sip.Tests.UserAgent;

/// <summary>
/// Mutated SIP from a hostile far end, fed to a user agent that answers every call: whatever arrives (broken or odd
/// INVITEs, stray ACKs, BYEs and responses for calls it has) it answers or drops, never throws, and is left with no
/// call or transaction once time has run out.
/// </summary>
public sealed class UserAgentFuzzTests
{
    private static readonly SipEndPoint Faxgate = Udp("192.0.2.10");
    private static readonly SipEndPoint FarEnd = Udp("192.0.2.20");

    private static byte[] Invite(string callId, string body) => Encoding.ASCII.GetBytes(
        $"INVITE sip:+27115551234@192.0.2.10 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.20:5060;branch=z9hG4bK{callId};rport\r\n" +
        $"From: <sip:1@192.0.2.20>;tag=f{callId}\r\nTo: <sip:+27115551234@192.0.2.10>\r\nCall-ID: {callId}\r\nCSeq: 1 INVITE\r\n" +
        $"Contact: <sip:1@192.0.2.20:5060>\r\nMax-Forwards: 70\r\nSession-Expires: 1800\r\nContent-Type: application/sdp\r\n" +
        $"Content-Length: {body.Length}\r\n\r\n{body}");

    private const string AudioOffer = "v=0\r\no=- 1 1 IN IP4 192.0.2.20\r\ns=-\r\nc=IN IP4 192.0.2.20\r\nt=0 0\r\nm=audio 30000 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\n";
    private const string T38Offer = "v=0\r\no=- 1 2 IN IP4 192.0.2.20\r\ns=-\r\nc=IN IP4 192.0.2.20\r\nt=0 0\r\nm=image 30000 udptl t38\r\na=T38FaxVersion:0\r\na=T38MaxBitRate:14400\r\na=T38FaxRateManagement:transferredTCF\r\na=T38FaxUdpEC:t38UDPRedundancy\r\n";

    [Fact]
    public void Mutated_messages_are_answered_or_dropped_and_leave_nothing_behind()
    {
        Random random = FuzzInputs.Seeded(4475);
        var agent = new SipUserAgent(new UserAgentOptions { LocalEndPoints = [Faxgate], MaxCallDuration = TimeSpan.FromMinutes(5) }, random: random);
        byte[][] seeds = [.. Rfc4475Messages.All.Select(Rfc4475Messages.Load), Invite("a1", AudioOffer), Invite("a2", T38Offer)];
        var sent = new List<byte[]>();
        TimeSpan now = TimeSpan.Zero;
        TimeSpan budget = FuzzInputs.Budget(3);
        var clock = Stopwatch.StartNew();
        int runs = 0;
        while (clock.Elapsed < budget || runs < 3000)
        {
            // Seeds, mutations of them, and mutations of what the agent itself sent (in-dialog requests and responses).
            byte[] input = random.Next(6) switch
            {
                0 => seeds[random.Next(seeds.Length)],
                1 when sent.Count > 0 => FuzzInputs.Mutate(sent[random.Next(sent.Count)], random),
                _ => FuzzInputs.Mutate(seeds[random.Next(seeds.Length)], random),
            };
            now += TimeSpan.FromMilliseconds(random.Next(0, 400));
            if (SipMessageParser.TryParseDatagram(input, SipParserLimits.Default, out SipMessage? message, out SipParseError? error) == SipParseStatus.Complete)
            {
                agent.Handle(message!, FarEnd, now);
            }
            else
            {
                agent.HandleUnparsable(input, error!.Reason, FarEnd, now);
            }

            Pump(agent, now, sent, random);
            runs++;
        }

        for (int i = 0; i < 400 && agent.NextDeadline is { } deadline; i++)
        {
            now = deadline > now ? deadline : now;
            agent.HandleTimeout(now);
            Pump(agent, now, sent, random);
        }

        Assert.Empty(agent.Calls);
        Assert.Equal(0, agent.TransactionCount);
        Assert.Null(agent.NextDeadline);
    }

    private static void Pump(SipUserAgent agent, TimeSpan now, List<byte[]> sent, Random random)
    {
        if (agent.NextDeadline is { } due && due <= now)
        {
            agent.HandleTimeout(now);
        }

        while (agent.TryPollEvent(out UserAgentEvent? e))
        {
            if (e is IncomingCall incoming)
            {
                if (random.Next(3) == 0)
                {
                    agent.Reject(incoming.Call, 404, null, now);
                }
                else
                {
                    agent.Accept(incoming.Call, Media(Faxgate, 40000), now);
                }
            }
        }

        while (agent.TryPollTransmit(out SipTransmit? transmit))
        {
            if (sent.Count < 200)
            {
                sent.Add(SipMessageWriter.Write(transmit.Message));
            }
        }
    }
}
