using System.Net;
using Faxgate.Sip.Messages;
using Faxgate.Sip.Sdp;
using Faxgate.Sip.Transport;
using Faxgate.Sip.UserAgent;

namespace Faxgate.Sip.Tests.UserAgent;

/// <summary>
/// User agents on a virtual UDP network in virtual time, driven as an adapter drives them: every message is written
/// and parsed again on the way (so the wire form is what travels), chosen messages are lost, and each agent's events
/// go to a handler the test sets (answer, reject, hang up) and to a log the test reads.
/// </summary>
internal sealed class VirtualSipNetwork
{
    private readonly Dictionary<SipEndPoint, SipUserAgent> _agents = [];
    private readonly Dictionary<SipEndPoint, Func<SipRequest, IEnumerable<SipResponse>>> _responders = [];

    public TimeSpan Now { get; private set; }

    /// <summary>Every message that went on the wire: time, sender, receiver, and the message; <c>Lost</c> when dropped.</summary>
    public List<(TimeSpan At, SipEndPoint From, SipEndPoint To, SipMessage Message, bool Lost)> Wire { get; } = [];

    public List<(SipUserAgent Agent, UserAgentEvent Event)> Events { get; } = [];

    /// <summary>Decides, per message, whether it is lost.</summary>
    public Func<SipEndPoint, SipEndPoint, SipMessage, bool> Lose { get; set; } = (_, _, _) => false;

    /// <summary>Called for each event as it is polled; the handler may issue commands at <see cref="Now"/>.</summary>
    public Action<SipUserAgent, UserAgentEvent>? OnEvent { get; set; }

    public static SipEndPoint Udp(string address, int port = 5060) => new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse(address), port));

    public SipUserAgent Add(SipEndPoint at, Func<UserAgentOptions, UserAgentOptions>? configure = null, int seed = 1)
    {
        var options = new UserAgentOptions { LocalEndPoints = [at] };
        var agent = new SipUserAgent(configure?.Invoke(options) ?? options, random: new Random(seed));
        _agents.Add(at, agent);
        return agent;
    }

    /// <summary>A scripted far end (a registrar, a carrier): each request it gets is answered with what the script returns.</summary>
    public void AddResponder(SipEndPoint at, Func<SipRequest, IEnumerable<SipResponse>> respond) => _responders.Add(at, respond);

    public static LocalMedia Media(SipEndPoint at, int port) =>
        new(SdpOrigin.For(at.Address.Address.ToString(), (ulong)port, 1), at.Address.Address.ToString()) { AudioPort = port, UdptlPort = port };

    /// <summary>Moves messages and events until nothing is left to do now.</summary>
    public void Flush()
    {
        bool moved = true;
        while (moved)
        {
            moved = false;
            foreach ((SipEndPoint at, SipUserAgent agent) in _agents.ToList())
            {
                while (agent.TryPollEvent(out UserAgentEvent? e))
                {
                    moved = true;
                    Events.Add((agent, e));
                    OnEvent?.Invoke(agent, e);
                }

                while (agent.TryPollTransmit(out SipTransmit? transmit))
                {
                    moved = true;
                    Deliver(at, transmit);
                }
            }
        }
    }

    /// <summary>Runs timers and messages until <paramref name="end"/> or until no agent has a deadline.</summary>
    public void RunUntil(TimeSpan end)
    {
        Flush();
        while (_agents.Values.Select(a => a.NextDeadline).Where(d => d is not null).Min() is { } deadline && deadline <= end)
        {
            Now = deadline > Now ? deadline : Now;
            foreach (SipUserAgent agent in _agents.Values.ToList())
            {
                agent.HandleTimeout(Now);
            }

            Flush();
        }

        Now = end > Now ? end : Now;
    }

    public IEnumerable<T> EventsOf<T>(SipUserAgent agent) where T : UserAgentEvent =>
        Events.Where(e => e.Agent == agent).Select(e => e.Event).OfType<T>();

    public IEnumerable<SipMessage> Sent(SipEndPoint from) => Wire.Where(w => w.From == from).Select(w => w.Message);

    private void Deliver(SipEndPoint from, SipTransmit transmit)
    {
        byte[] bytes = SipMessageWriter.Write(transmit.Message);
        SipMessage onWire = SipMessageParser.Parse(bytes);
        bool lost = Lose(from, transmit.Destination, onWire);
        Wire.Add((Now, from, transmit.Destination, onWire, lost));
        if (lost)
        {
            return;
        }

        if (_agents.TryGetValue(transmit.Destination, out SipUserAgent? to))
        {
            to.Handle(onWire, from, Now);
        }
        else if (_responders.TryGetValue(transmit.Destination, out Func<SipRequest, IEnumerable<SipResponse>>? respond) && onWire is SipRequest request
            && _agents.TryGetValue(from, out SipUserAgent? back))
        {
            foreach (SipResponse response in respond(request))
            {
                SipMessage reply = SipMessageParser.Parse(SipMessageWriter.Write(response));
                Wire.Add((Now, transmit.Destination, from, reply, false));
                back.Handle(reply, transmit.Destination, Now);
            }
        }
    }
}
