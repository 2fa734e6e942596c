using System.Net;
using System.Net.Sockets;
using Faxgate.Fax.T30.Session;
using Faxgate.Sip.Messages;
using Faxgate.Sip.Sdp;
using Faxgate.Sip.Transport;
using Faxgate.Sip.UserAgent;
using Microsoft.Extensions.Logging;

namespace Faxgate.Server.Calls;

/// <summary>
/// Places one fax call: INVITE to the target, T.38 by the far end's re-INVITE or ours, the T.30 session sends the
/// document, and the call is hung up as soon as Phase E is over. Its own short-lived user agent on an ephemeral port.
/// </summary>
public static class SipFaxDialer
{
    public static async Task<SipDialResult> SendAsync(
        SipDialRequest request, T30Session session, TimeProvider time, ILogger? logger, Action<FaxEvent>? onEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(session);
        SipTransportKind kind = request.Target.Scheme == "sips" ? SipTransportKind.Tls : request.Target.Transport?.ToLowerInvariant() switch
        {
            "tcp" => SipTransportKind.Tcp,
            "tls" => SipTransportKind.Tls,
            _ => SipTransportKind.Udp,
        };
        int port = request.Target.Port ?? (kind == SipTransportKind.Tls ? 5061 : 5060);
        if (await SipTransports.ResolveAsync(kind, request.Target.Host, port, cancellationToken).ConfigureAwait(false) is not { } destination)
        {
            return new SipDialResult(new CallOutcome(CallEndReason.TransportError, null, $"cannot resolve {request.Target.Host}"), null);
        }

        IPAddress local = LocalAddressFor(destination.Address);
        // A TLS client needs no TLS listener: the connection is ours; Via names the TCP listener's port.
        SipTransportKind listen = kind == SipTransportKind.Tls ? SipTransportKind.Tcp : kind;
        using var media = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        media.Bind(new IPEndPoint(local, 0));
        int mediaPort = ((IPEndPoint)media.LocalEndPoint!).Port;
        await using SipUserAgentHost host = await SipUserAgentHost.StartAsync(
            [new SipEndPoint(listen, new IPEndPoint(local, 0))],
            request.Transport,
            listeners => new UserAgentOptions
            {
                LocalEndPoints = kind == SipTransportKind.Tls ? [.. listeners, listeners[0] with { Transport = SipTransportKind.Tls }] : listeners,
                T38ReinviteDelay = request.T38ReinviteDelay,
                MaxCallDuration = request.MaxCallDuration,
                T38 = request.T38,
                ResolveHost = SipTransports.TryResolveKnown,
            },
            time,
            logger,
            cancellationToken).ConfigureAwait(false);

        string address = local.ToString();
        var localMedia = new LocalMedia(SdpOrigin.For(address, (ulong)time.GetUtcNow().ToUnixTimeSeconds(), 1), address)
        {
            AudioPort = mediaPort,
            UdptlPort = mediaPort,
            T38 = request.T38,
        };
        string fromHost = local.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address;
        var call = new CallRequest(request.Target, destination, NameAddress.Parse($"<sip:{request.CallerId}@{fromHost}>"), localMedia)
        {
            Credentials = request.Credentials,
            RingTimeout = request.RingTimeout,
            OfferT38First = request.OfferT38First,
        };
        SipCall placed = await host.InvokeAsync((agent, now) => agent.PlaceCall(call, now)).ConfigureAwait(false);

        var fax = new T38FaxCall(session) { OnEvent = onEvent };
        using var hangup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<FaxOutcome>? running = null;
        CallOutcome? ended = null;
        using CancellationTokenRegistration cancel = cancellationToken.Register(() =>
            _ = host.InvokeAsync((agent, now) => agent.Hangup(placed, new CallOutcome(CallEndReason.LocalHangup, null, "cancelled"), now)));
        await foreach (UserAgentEvent userAgentEvent in host.Events.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (userAgentEvent is CallMediaChanged { T38: { } t38 } && running is null)
            {
                running = RunThenHangUpAsync(fax, media, t38, host, placed, time, hangup.Token);
            }
            else if (userAgentEvent is CallEnded { Call: var c } over && c == placed)
            {
                ended = over.Outcome;
                break;
            }
        }

        FaxOutcome? outcome = null;
        if (running is not null)
        {
            await hangup.CancelAsync().ConfigureAwait(false);
            outcome = await running.ConfigureAwait(false);
        }

        await host.StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        return new SipDialResult(ended ?? new CallOutcome(CallEndReason.Shutdown, null, "the call did not end"), outcome);
    }

    private static async Task<FaxOutcome> RunThenHangUpAsync(T38FaxCall fax, Socket media, NegotiatedT38 t38, SipUserAgentHost host, SipCall call, TimeProvider time, CancellationToken hangup)
    {
        FaxOutcome outcome = await fax.RunAsync(media, t38, time, hangup).ConfigureAwait(false);
        await host.InvokeAsync((agent, now) => agent.Hangup(call, new CallOutcome(CallEndReason.LocalHangup, null, outcome.Succeeded ? "fax sent" : "fax failed"), now))
            .ConfigureAwait(false);
        return outcome;
    }

    /// <summary>The local address the system would use to reach <paramref name="remote"/> (no packet is sent).</summary>
    private static IPAddress LocalAddressFor(IPEndPoint remote)
    {
        using var probe = new Socket(remote.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            probe.Connect(remote);
            return ((IPEndPoint)probe.LocalEndPoint!).Address;
        }
        catch (SocketException)
        {
            return remote.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback;
        }
    }
}
