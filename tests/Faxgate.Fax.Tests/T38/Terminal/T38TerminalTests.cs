using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Session;
using Faxgate.Fax.T38.Terminal;
using Faxgate.Fax.T38.Udptl;
using Faxgate.Imaging.Pages;
using Faxgate.TestSupport;

namespace Faxgate.Fax.Tests.T38.Terminal;

public sealed class T38TerminalTests
{
    private static BilevelPage[] Pages(int count) =>
        [.. Enumerable.Range(0, count).Select(i => TestPages.Document(1728, 300, 500 + i, PageResolution.Standard))];

    [Fact]
    public void A_session_allowed_faster_than_T38MaxBitRate_is_refused()
    {
        T30Session session = T30Session.ForReceiving(new T30Options { MaxRate = SignallingRate.V17At14400 });
        var options = new T38TerminalOptions { Link = T38LinkOptions.Default with { MaxBitRate = 9600 } };
        Assert.Throws<ArgumentException>(() => new T38Terminal(session, options));
    }

    [Fact]
    public void Two_terminals_at_T38MaxBitRate_9600_fax_at_9600_in_datagrams_no_larger_than_T38FaxMaxDatagram()
    {
        var link = T38LinkOptions.Default with { MaxBitRate = 9600 };
        var udptl = new UdptlSenderOptions { MaxDatagramSize = 150 };
        var t30 = new T30Options { MaxRate = SignallingRate.V17At9600 };
        var sender = new T38Terminal(T30Session.ForSending(new PageDocument(Pages(2)), t30), new T38TerminalOptions { Link = link, Sender = udptl });
        var receiver = new T38Terminal(T30Session.ForReceiving(t30), new T38TerminalOptions { Link = link, Sender = udptl });
        var pair = new TerminalPair(sender, receiver);

        Assert.True(pair.Run(TimeSpan.FromMinutes(5)));
        Assert.True(sender.Session.Outcome!.Succeeded, sender.Session.Outcome.ToString());
        Assert.Equal(SignallingRate.V17At9600, receiver.Session.Outcome!.Rate);
        Assert.All(pair.Sent.SelectMany(s => s), d => Assert.InRange(d.Length, 1, 150));
    }

    [Fact]
    public void Image_data_is_paced_at_the_signalling_rate_not_flooded()
    {
        BilevelPage[] pages = Pages(1);
        var sender = new T38Terminal(T30Session.ForSending(new PageDocument(pages), new T30Options { Ecm = false }));
        var receiver = new T38Terminal(T30Session.ForReceiving(new T30Options { Ecm = false }));
        var pair = new TerminalPair(sender, receiver);
        var sentAt = new List<(TimeSpan At, int Length)>();
        pair.Tamper = (side, datagram) =>
        {
            if (side == 0)
            {
                sentAt.Add((pair.Now, datagram.Length));
            }

            return [datagram];
        };

        Assert.True(pair.Run(TimeSpan.FromMinutes(5)));
        Assert.True(receiver.Session.Outcome!.Succeeded);

        // The call lasts at least as long as its bits take at 14400 bit/s: the page alone is thousands of octets.
        long octets = sentAt.Sum(s => (long)s.Length);
        Assert.True(pair.Now.TotalSeconds > octets * 8.0 / 14400 / 4, $"{octets} octets in {pair.Now.TotalSeconds:0.0} s");
        int busiest = sentAt.GroupBy(s => (long)(s.At.TotalMilliseconds / 100)).Max(g => g.Count());
        Assert.InRange(busiest, 1, 20);
    }
}
