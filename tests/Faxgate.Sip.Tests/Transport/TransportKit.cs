using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Faxgate.Sip.Messages;
using Faxgate.Sip.Transport;

namespace Faxgate.Sip.Tests.Transport;

/// <summary>Loopback layers, messages, raw sockets and certificates for the transport tests.</summary>
internal static class TransportKit
{
    /// <summary>How long a test waits for something that should happen at once.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public static Task<SipTransportLayer> StartAsync(params string[] listen) => StartAsync(new SipTransportOptions(), TimeProvider.System, listen);

    public static Task<SipTransportLayer> StartAsync(SipTransportOptions options, params string[] listen) => StartAsync(options, TimeProvider.System, listen);

    public static Task<SipTransportLayer> StartAsync(SipTransportOptions options, TimeProvider time, params string[] listen) =>
        SipTransportLayer.StartAsync(listen.Select(SipEndPoint.Parse), options, time, logger: null, CancellationToken.None);

    public static SipEndPoint Listener(SipTransportLayer layer, SipTransportKind kind) =>
        layer.LocalFor(kind, AddressFamily.InterNetwork) ?? throw new InvalidOperationException($"no {kind} listener");

    public static async Task<SipTransportEvent> NextAsync(SipTransportLayer layer)
    {
        using var patience = new CancellationTokenSource(Patience);
        return await layer.Events.ReadAsync(patience.Token);
    }

    public static async Task<SipMessageReceived> NextMessageAsync(SipTransportLayer layer) =>
        Assert.IsType<SipMessageReceived>(await NextAsync(layer));

    /// <summary>An INVITE with an SDP body, its Via naming the transport.</summary>
    public static SipRequest Invite(string transport = "UDP", string callId = "a84b4c76e66710@192.0.2.1") => new(
        "INVITE",
        SipUri.Parse("sip:+27115551234@faxgate.example.com"),
        new SipHeaders(
            ("Via", $"SIP/2.0/{transport} 192.0.2.1:5060;branch=z9hG4bK776asdhds;rport"),
            ("Max-Forwards", "70"),
            ("To", "<sip:+27115551234@faxgate.example.com>"),
            ("From", "\"Fax\" <sip:+27215550000@carrier.example.com>;tag=1928301774"),
            ("Call-ID", callId),
            ("CSeq", "1 INVITE"),
            ("Contact", "<sip:gw@192.0.2.1:5060>"),
            ("Content-Type", "application/sdp")),
        Encoding.ASCII.GetBytes("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=image 40000 udptl t38\r\n"));

    public static SipResponse Ok(SipRequest request) => SipResponse.For(request, 200, toTag: "a6c85cf");

    public static byte[] Octets(SipMessage message) => SipMessageWriter.Write(message);

    public static async Task<Socket> ConnectRawAsync(SipEndPoint endPoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var patience = new CancellationTokenSource(Patience);
        await socket.ConnectAsync(endPoint.Address, patience.Token);
        return socket;
    }

    /// <summary>Reads until the far end closes; true when it did (an orderly close or a reset).</summary>
    public static async Task<bool> ClosedByFarEndAsync(Socket socket)
    {
        using var patience = new CancellationTokenSource(Patience);
        byte[] buffer = new byte[4096];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, patience.Token) > 0)
            {
            }

            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>A loopback port where nothing listens (bound for a moment, then released).</summary>
    public static int ClosedPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    /// <summary>A self-signed server certificate for 127.0.0.1, loaded so that TLS can use its key.</summary>
    public static X509Certificate2 SelfSignedCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=faxgate.test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("faxgate.test");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 made = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), password: null);
    }
}
