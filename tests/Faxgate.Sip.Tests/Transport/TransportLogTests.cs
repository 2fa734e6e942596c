using System.Net.Sockets;
using Faxgate.Sip.Messages;
using Faxgate.Sip.Transport;
using static Faxgate.Sip.Tests.Transport.TransportKit;

namespace Faxgate.Sip.Tests.Transport;

public sealed class TransportLogTests
{
    [Fact]
    public async Task Connections_are_logged_when_opened_and_closed_and_message_content_never()
    {
        var calleeLog = new ListLogger();
        var callerLog = new ListLogger();
        SipTransportLayer callee = await SipTransportLayer.StartAsync(
            [SipEndPoint.Parse("tcp:127.0.0.1:0")], new SipTransportOptions(), TimeProvider.System, calleeLog, CancellationToken.None);
        SipTransportLayer caller = await SipTransportLayer.StartAsync([], new SipTransportOptions(), TimeProvider.System, callerLog, CancellationToken.None);
        SipEndPoint listener = Listener(callee, SipTransportKind.Tcp);
        SipRequest invite = Invite("TCP");

        await caller.SendAsync(listener, invite, CancellationToken.None);
        SipMessageReceived request = await NextMessageAsync(callee);
        await callee.SendAsync(request.Source, Ok(invite), CancellationToken.None);
        await NextMessageAsync(caller);
        await caller.DisposeAsync();
        await callee.DisposeAsync();

        Assert.Contains(calleeLog.Lines, line => line.Text == $"SIP listening on {listener}");
        Assert.Contains(calleeLog.Lines, line => line.Text.StartsWith($"SIP connection {request.Source} opened (inbound", StringComparison.Ordinal));
        Assert.Contains(calleeLog.Lines, line => line.Text.StartsWith($"SIP connection {request.Source} closed", StringComparison.Ordinal));
        Assert.Contains(callerLog.Lines, line => line.Text.StartsWith($"SIP connection {listener} opened (outbound", StringComparison.Ordinal));
        Assert.Contains(callerLog.Lines, line => line.Text.StartsWith($"SIP connection {listener} closed", StringComparison.Ordinal));
        Assert.DoesNotContain(calleeLog.Lines.Concat(callerLog.Lines), line => line.Text.Contains("udptl", StringComparison.Ordinal)
            || line.Text.Contains(invite.CallId!, StringComparison.Ordinal));
    }
}
