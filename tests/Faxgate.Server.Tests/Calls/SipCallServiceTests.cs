using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Faxgate.Server.Calls;
using Faxgate.Server.Options;
using Faxgate.Storage;
using Faxgate.Storage.Addressing;
using Faxgate.Storage.Crypto;
using Faxgate.Storage.Documents;
using Faxgate.Storage.Faxes;
using Faxgate.Storage.Numbers;
using Faxgate.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Faxgate.Server.Tests.Calls;

public sealed class SipCallServiceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A CANCEL right behind its INVITE often arrives while the service still looks the number up, and the call's end
    /// may then be reported before the service tracks the call: the fax row must still be finished and the media port
    /// given back, whichever of the CANCEL and the answer wins.
    /// </summary>
    [Fact]
    public async Task Calls_cancelled_at_once_leave_no_active_fax_row_and_no_rented_port()
    {
        string data = Repository.NewScratchDirectory("sip-call-service");
        Database database = await Database.OpenAsync(new StorageOptions(), data, TimeProvider.System, CancellationToken.None);
        await TestAccounts.AddAsync(database, "acme");
        await new NumberStore(database).AddAsync(E164Number.Parse("+27115551234"), "acme", [EmailAddress.Parse("fax@acme.example")], AttachmentFormat.Pdf, "test", CancellationToken.None);
        int first = Random.Shared.Next(42000, 58000);
        SipSettings settings = SipSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sip:Listen:0"] = "udp:127.0.0.1:0",
            ["Sip:MediaPorts"] = $"{first}-{first + 99}",
            ["Sip:T38ReinviteDelayMilliseconds"] = "60000",
        }).Build());
        var ports = new MediaPortPool(settings.MediaPorts);
        var faxes = new FaxStore(database);
        using ServerKey key = ServerKey.FromBytes(new byte[32]);
        var service = new SipCallService(settings, ports, faxes, new DocumentStore(database, key), database,
            Microsoft.Extensions.Options.Options.Create(new ServerOptions { NodeName = "test-node" }), TimeProvider.System, NullLogger<SipCallService>.Instance);
        await service.StartAsync(CancellationToken.None);
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (service.LocalEndPoints.Count == 0)
            {
                Assert.True(clock.Elapsed < Wait, "the service did not start listening");
                await Task.Delay(20);
            }

            var server = new IPEndPoint(IPAddress.Loopback, service.LocalEndPoints[0].Address.Port);
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            int local = ((IPEndPoint)socket.LocalEndPoint!).Port;
            int cancelled = 0;
            for (int i = 0; i < 20; i++)
            {
                string callId = $"cancel-{i}-{Guid.NewGuid():N}@127.0.0.1";
                string branch = $"z9hG4bK{Guid.NewGuid():N}";
                string sdp = $"v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {local + 2} RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
                Send(socket, server, Request("INVITE", branch, callId, 1, local, toTag: null, sdp));
                Send(socket, server, Request("CANCEL", branch, callId, 1, local, toTag: null, null));
                (int status, string toTag) = await FinalResponseAsync(socket, callId);
                if (status == 487)
                {
                    cancelled++;
                    Send(socket, server, Request("ACK", branch, callId, 1, local, toTag, null));
                    continue;
                }

                Assert.Equal(200, status);
                Send(socket, server, Request("ACK", $"z9hG4bK{Guid.NewGuid():N}", callId, 1, local, toTag, null));
                Send(socket, server, Request("BYE", $"z9hG4bK{Guid.NewGuid():N}", callId, 2, local, toTag, null));
            }

            clock.Restart();
            while ((await faxes.ListAsync(new FaxFilter { Status = FaxStatuses.Active }, CancellationToken.None)).Count > 0 || ports.InUse > 0)
            {
                Assert.True(clock.Elapsed < Wait,
                    $"{ports.InUse} ports still rented and fax rows still active after 20 calls ({cancelled} cancelled before the answer)");
                await Task.Delay(50);
            }

            Assert.Equal(20, (await faxes.ListAsync(new FaxFilter(), CancellationToken.None)).Count);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    private static void Send(Socket socket, IPEndPoint to, string text) => socket.SendTo(Encoding.UTF8.GetBytes(text), to);

    private static string Request(string method, string branch, string callId, int cseq, int localPort, string? toTag, string? sdp)
    {
        string body = sdp ?? string.Empty;
        return new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{method} sip:+27115551234@127.0.0.1 SIP/2.0\r\n")
            .Append(CultureInfo.InvariantCulture, $"Via: SIP/2.0/UDP 127.0.0.1:{localPort};branch={branch};rport\r\n")
            .Append("Max-Forwards: 70\r\n")
            .Append("From: <sip:+12125550100@127.0.0.1>;tag=caller\r\n")
            .Append(CultureInfo.InvariantCulture, $"To: <sip:+27115551234@127.0.0.1>{(toTag is null ? string.Empty : ";tag=" + toTag)}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Call-ID: {callId}\r\n")
            .Append(CultureInfo.InvariantCulture, $"CSeq: {cseq} {method}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Contact: <sip:+12125550100@127.0.0.1:{localPort}>\r\n")
            .Append(sdp is null ? string.Empty : "Content-Type: application/sdp\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n")
            .Append(body)
            .ToString();
    }

    /// <summary>The status and To tag of the first final response to the INVITE of <paramref name="callId"/>.</summary>
    private static async Task<(int Status, string ToTag)> FinalResponseAsync(Socket socket, string callId)
    {
        var buffer = new byte[65536];
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            int length = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            string[] lines = Encoding.UTF8.GetString(buffer, 0, length).Split("\r\n");
            string? Header(string name) => lines.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))?[(name.Length + 1)..].Trim();
            if (!lines[0].StartsWith("SIP/2.0 ", StringComparison.Ordinal) || Header("Call-ID") != callId || Header("CSeq") != "1 INVITE")
            {
                continue;
            }

            int status = int.Parse(lines[0].AsSpan(8, 3), NumberStyles.None, CultureInfo.InvariantCulture);
            if (status >= 200)
            {
                string to = Header("To") ?? string.Empty;
                int tag = to.IndexOf(";tag=", StringComparison.Ordinal);
                return (status, tag < 0 ? string.Empty : to[(tag + 5)..].Split(';')[0]);
            }
        }
    }
}
