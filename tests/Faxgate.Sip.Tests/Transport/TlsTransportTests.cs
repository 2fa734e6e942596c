using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Faxgate.Sip.Messages;
using Faxgate.Sip.Transport;
using static Faxgate.Sip.Tests.Transport.TransportKit;

namespace Faxgate.Sip.Tests.Transport;

public sealed class TlsTransportTests
{
    [Fact]
    public async Task A_request_and_its_response_cross_over_tls_when_the_certificate_is_the_expected_one()
    {
        using X509Certificate2 certificate = SelfSignedCertificate();
        string thumbprint = certificate.Thumbprint;
        await using SipTransportLayer callee = await StartAsync(new SipTransportOptions { TlsCertificate = certificate }, "tls:127.0.0.1:0");
        var pinned = new SipTransportOptions { TlsValidation = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == thumbprint };
        await using SipTransportLayer caller = await StartAsync(pinned);
        SipRequest invite = Invite("TLS");

        await caller.SendAsync(Listener(callee, SipTransportKind.Tls), invite, CancellationToken.None);
        SipMessageReceived request = await NextMessageAsync(callee);
        Assert.Equal(invite, request.Message);
        Assert.Equal(SipTransportKind.Tls, request.Source.Transport);

        SipResponse ok = Ok((SipRequest)request.Message);
        await callee.SendAsync(request.Source, ok, CancellationToken.None);
        SipMessageReceived response = await NextMessageAsync(caller);
        Assert.Equal(ok, response.Message);
        Assert.Equal(Listener(callee, SipTransportKind.Tls), response.Source);
        Assert.Equal(1, caller.OpenConnections);
        Assert.Equal(1, callee.OpenConnections);
    }

    [Fact]
    public async Task A_server_whose_certificate_is_not_trusted_is_refused()
    {
        using X509Certificate2 certificate = SelfSignedCertificate();
        await using SipTransportLayer callee = await StartAsync(new SipTransportOptions { TlsCertificate = certificate }, "tls:127.0.0.1:0");
        await using SipTransportLayer caller = await StartAsync(new SipTransportOptions());
        SipEndPoint target = Listener(callee, SipTransportKind.Tls);

        SipTransportException error = await Assert.ThrowsAsync<SipTransportException>(
            async () => await caller.SendAsync(target, Invite("TLS"), CancellationToken.None));

        Assert.Equal(SipTransportFailure.TlsFailed, error.Failure);
        Assert.Contains(target.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal(0, caller.OpenConnections);
    }

    [Fact]
    public async Task A_tls_listener_without_a_certificate_is_refused_with_a_clear_message()
    {
        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => StartAsync("tls:127.0.0.1:0"));
        Assert.Contains("TlsCertificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_never_answers_the_handshake_times_out()
    {
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        silent.Listen(1);
        var target = new SipEndPoint(SipTransportKind.Tls, (IPEndPoint)silent.LocalEndPoint!);
        await using SipTransportLayer caller = await StartAsync(new SipTransportOptions { ConnectTimeout = TimeSpan.FromMilliseconds(300) });

        SipTransportException error = await Assert.ThrowsAsync<SipTransportException>(
            async () => await caller.SendAsync(target, Invite("TLS"), CancellationToken.None));

        Assert.Equal(SipTransportFailure.Timeout, error.Failure);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, caller.OpenConnections);
    }

    [Fact]
    public async Task A_client_that_never_starts_the_handshake_is_closed_after_the_connect_timeout()
    {
        using X509Certificate2 certificate = SelfSignedCertificate();
        var options = new SipTransportOptions { TlsCertificate = certificate, ConnectTimeout = TimeSpan.FromMilliseconds(300) };
        await using SipTransportLayer callee = await StartAsync(options, "tls:127.0.0.1:0");

        using Socket idle = await ConnectRawAsync(Listener(callee, SipTransportKind.Tls));

        Assert.True(await ClosedByFarEndAsync(idle));
        Assert.Equal(0, callee.OpenConnections);
    }
}
