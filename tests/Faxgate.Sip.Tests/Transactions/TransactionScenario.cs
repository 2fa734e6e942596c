using Faxgate.Sip.Messages;
using Faxgate.Sip.Transactions;

namespace Faxgate.Sip.Tests.Transactions;

/// <summary>Requests and responses for the transaction tests, and a virtual clock that runs a transaction's timers.</summary>
internal static class TransactionScenario
{
    public static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    public static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    public static SipRequest Request(string method, string transport = "UDP", string branch = "z9hG4bK776asdhds", string sentBy = "pc33.example.com:5060", uint cseq = 1)
        => new(
            method,
            SipUri.Parse("sip:+27115551234@faxgate.example.com"),
            new SipHeaders(
                ("Via", $"SIP/2.0/{transport} {sentBy};branch={branch}"),
                ("Route", "<sip:proxy.example.com;lr>"),
                ("Max-Forwards", "70"),
                ("To", "<sip:+27115551234@faxgate.example.com>"),
                ("From", "\"Fax\" <sip:+27215550000@carrier.example.com>;tag=1928301774"),
                ("Call-ID", "a84b4c76e66710@pc33.example.com"),
                ("CSeq", $"{cseq} {method}"),
                ("Contact", "<sip:gw@192.0.2.1:5060>")));

    public static SipRequest Invite(string transport = "UDP", string branch = "z9hG4bK776asdhds") => Request("INVITE", transport, branch);

    public static SipResponse Response(SipRequest request, int status, string? toTag = "a6c85cf") =>
        SipResponse.For(request, status, toTag: status == 100 ? null : toTag);

    /// <summary>An ACK as the client sends it for a non-2xx final response: same branch, CSeq method ACK.</summary>
    public static SipRequest AckFor(SipRequest invite, SipResponse response) => InviteClientTransaction.AckFor(invite, response);

    public static List<SipMessage> Transmitted(SipTransaction transaction)
    {
        var messages = new List<SipMessage>();
        while (transaction.TryPollTransmit(out SipMessage? message))
        {
            messages.Add(message);
        }

        return messages;
    }

    public static List<TransactionEvent> Events(SipTransaction transaction)
    {
        var events = new List<TransactionEvent>();
        while (transaction.TryPollEvent(out TransactionEvent e))
        {
            events.Add(e);
        }

        return events;
    }

    /// <summary>
    /// Advances virtual time from deadline to deadline up to <paramref name="end"/>, as an adapter loop would, and
    /// returns when each message was sent. Messages already queued count at <paramref name="start"/>.
    /// </summary>
    public static List<(TimeSpan At, SipMessage Message)> RunUntil(SipTransaction transaction, TimeSpan start, TimeSpan end)
    {
        var sent = new List<(TimeSpan, SipMessage)>();
        sent.AddRange(Transmitted(transaction).Select(m => (start, m)));
        while (transaction.NextDeadline is { } deadline && deadline <= end)
        {
            transaction.HandleTimeout(deadline);
            sent.AddRange(Transmitted(transaction).Select(m => (deadline, m)));
        }

        return sent;
    }

    public static TimeSpan[] Times(IEnumerable<(TimeSpan At, SipMessage Message)> sent) => [.. sent.Select(s => s.At)];
}
