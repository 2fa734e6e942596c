using Faxgate.Sip.Messages;
using Faxgate.Sip.Tests.Messages;
using Faxgate.Sip.Transport;
using Faxgate.Sip.UserAgent;
using static Faxgate.Sip.Tests.UserAgent.VirtualSipNetwork;

namespace Faxgate.Sip.Tests.UserAgent;

/// <summary>
/// Every RFC 4475 torture message fed to Faxgate's user agent as a datagram from a far end, the way the host feeds
/// it: what parses goes to <see cref="SipUserAgent.Handle"/>, what does not to <see cref="SipUserAgent.HandleUnparsable"/>.
/// Each request is answered as RFC 4475 says (or dropped where it allows), no response is answered, none throws.
/// </summary>
public sealed class Rfc4475UserAgentTests
{
    private static readonly SipEndPoint Faxgate = Udp("192.0.2.10");
    private static readonly SipEndPoint FarEnd = Udp("192.0.2.20");

    public static TheoryData<string> All => [.. Rfc4475Messages.All];

    /// <summary>The status each request gets from the user agent (null: the request becomes a call offer; -1: dropped).</summary>
    private static readonly Dictionary<string, int?> Expected = new(StringComparer.Ordinal)
    {
        ["wsinv"] = 481,
        ["esc01"] = null,
        ["escnull"] = 405,
        ["esc02"] = 501,
        ["lwsdisp"] = 200,
        ["longreq"] = null,
        ["dblreq"] = 405,
        ["semiuri"] = 200,
        ["transports"] = 200,
        ["mpart01"] = 405,
        ["intmeth"] = 501,
        ["baddate"] = 400,
        ["badvers"] = 505,
        ["mismatch01"] = 400,
        ["mismatch02"] = 501,
        ["badbranch"] = 400,
        ["insuf"] = 400,
        ["unkscm"] = 416,
        ["novelsc"] = 416,
        ["bext01"] = 420,
        ["unksm2"] = 405,
        ["invut"] = 415,
        ["regaut01"] = 405,
        ["zeromf"] = 200,
        ["cparam01"] = 405,
        ["cparam02"] = 405,
        ["regescrt"] = 405,
        ["sdp01"] = null,
        ["inv2543"] = null,
        ["clerr"] = 400,
        ["ncl"] = 400,
        ["scalar02"] = 400,
        ["quotbal"] = 400,
        ["ltgtruri"] = 400,
        ["lwsruri"] = 400,
        ["lwsstart"] = 400,
        ["trws"] = 400,
        ["escruri"] = 400,
        ["regbadct"] = 400,
        ["badaspec"] = 400,
        ["baddn"] = 400,
        ["multi01"] = 400,
        ["mcl01"] = 400,
        ["badinv01"] = -1,
    };

    [Theory]
    [MemberData(nameof(All))]
    public void The_user_agent_answers_each_torture_message_as_the_rfc_says(string name)
    {
        var agent = new SipUserAgent(new UserAgentOptions { LocalEndPoints = [Faxgate] });
        byte[] data = Rfc4475Messages.Load(name);
        bool isResponse = data.AsSpan().StartsWith("SIP/2.0 "u8);
        if (SipMessageParser.TryParseDatagram(data, SipParserLimits.Default, out SipMessage? message, out SipParseError? error) == SipParseStatus.Complete)
        {
            agent.Handle(message!, FarEnd, TimeSpan.Zero);
        }
        else
        {
            agent.HandleUnparsable(data, error!.Reason, FarEnd, TimeSpan.Zero);
        }

        // Offers are refused by the test's router, as Faxgate refuses unknown numbers.
        var offers = new List<SipCall>();
        while (agent.TryPollEvent(out UserAgentEvent? e))
        {
            if (e is IncomingCall incoming)
            {
                offers.Add(incoming.Call);
            }
        }

        foreach (SipCall call in offers)
        {
            agent.Reject(call, 404, null, TimeSpan.Zero);
        }

        agent.HandleTimeout(TimeSpan.FromMilliseconds(300));
        var answers = new List<SipResponse>();
        while (agent.TryPollTransmit(out SipTransmit? transmit))
        {
            answers.Add(Assert.IsType<SipResponse>(transmit.Message));
            Assert.Equal(FarEnd.Address.Address, transmit.Destination.Address.Address);
        }

        if (isResponse)
        {
            Assert.Empty(answers);
            return;
        }

        int? expected = Expected.TryGetValue(name, out int? known) ? known : throw new Xunit.Sdk.XunitException($"no expectation for {name}");
        if (expected == -1)
        {
            Assert.Empty(answers);
        }
        else if (expected is null)
        {
            Assert.Single(offers);
            Assert.Contains(answers, a => a.StatusCode == 404);
        }
        else
        {
            Assert.Equal(expected, answers.Where(a => a.StatusCode >= 200).Select(a => a.StatusCode).Single());
        }
    }

    [Fact]
    public void An_rfc2543_invite_is_one_transaction_and_its_answers_carry_no_branch_it_did_not_send()
    {
        var agent = new SipUserAgent(new UserAgentOptions { LocalEndPoints = [Faxgate] });
        SipMessage invite = SipMessageParser.Parse(Rfc4475Messages.Load("inv2543"));
        agent.Handle(invite, FarEnd, TimeSpan.Zero);
        agent.Handle(invite, FarEnd, TimeSpan.FromMilliseconds(100)); // a retransmission
        Assert.True(agent.TryPollEvent(out UserAgentEvent? first));
        Assert.False(agent.TryPollEvent(out _));
        agent.Reject(Assert.IsType<IncomingCall>(first).Call, 486, null, TimeSpan.FromMilliseconds(150));
        var answers = new List<SipResponse>();
        while (agent.TryPollTransmit(out SipTransmit? transmit))
        {
            answers.Add(Assert.IsType<SipResponse>(transmit.Message));
        }

        Assert.Equal(486, Assert.Single(answers).StatusCode);
        Assert.Null(answers[0].TopVia!.Branch);
    }
}
