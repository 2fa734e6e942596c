using System.Globalization;
using System.Net;
using Faxgate.TestSupport;

namespace Faxgate.Interop.Tests.Sip;

/// <summary>
/// The test services against each other and against the test's own SIP peer: Kamailio on FAXGATE_TEST_KAMAILIO
/// (see tests/services/kamailio.sh) answering sipsak and the peer, and routing a call between two peers.
/// </summary>
[Collection(KamailioRegistrations.Name)]
public sealed class KamailioTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static string Proxy(IPEndPoint kamailio) => $"sip:{kamailio.Address}:{kamailio.Port}";

    private static ExternalTool.Result Sipsak(params string[] arguments) =>
        ExternalTool.Run(TestServices.RequireSipsak(), arguments, TimeSpan.FromSeconds(20));

    [SkippableFact]
    public void Sipsak_gets_200_for_OPTIONS()
    {
        IPEndPoint kamailio = TestServices.RequireKamailio();

        ExternalTool.Result result = Sipsak("-s", Proxy(kamailio));

        Assert.True(result.ExitCode == 0, result.Describe("sipsak -s"));
    }

    [SkippableFact]
    public void Sipsak_registers_with_the_right_password_only()
    {
        IPEndPoint kamailio = TestServices.RequireKamailio();
        string contact = "sip:peer1@127.0.0.1:5099";
        string aor = $"sip:peer1@{kamailio.Address}:{kamailio.Port}";

        ExternalTool.Result wrong = Sipsak("-U", "-i", "-C", contact, "-s", aor, "-a", "wrong", "-x", "60");
        ExternalTool.Result right = Sipsak("-U", "-i", "-C", contact, "-s", aor, "-a", "peer1-secret", "-x", "60");
        Unregister(aor, contact, "peer1-secret");

        Assert.True(wrong.ExitCode == 2, wrong.Describe("sipsak -U with a wrong password"));
        Assert.True(right.ExitCode == 0, right.Describe("sipsak -U"));
    }

    [SkippableFact]
    public async Task The_peer_gets_200_for_OPTIONS()
    {
        IPEndPoint kamailio = TestServices.RequireKamailio();
        await using var peer = TestSipPeer.Start();

        TestSipMessage options = peer.SendOptions(Proxy(kamailio));
        TestSipMessage ok = await peer.WaitResponseAsync(options, 200, Wait);

        Assert.Equal(200, ok.StatusCode);
    }

    [SkippableFact]
    public async Task A_number_gets_480_while_nothing_is_registered_as_faxgate_and_an_unknown_user_404()
    {
        IPEndPoint kamailio = TestServices.RequireKamailio();
        await using var peer = TestSipPeer.Start();

        TestDialog number = peer.SendInvite($"sip:+27115551234@{kamailio.Address}:{kamailio.Port}", TestSdp.T38Offer(40100));
        TestSipMessage unregistered = await peer.WaitResponseAsync(number, 300, Wait);
        TestDialog user = peer.SendInvite($"sip:nobody@{kamailio.Address}:{kamailio.Port}", TestSdp.AudioOffer(40100));
        TestSipMessage notFound = await peer.WaitResponseAsync(user, 300, Wait);

        Assert.Equal(480, unregistered.StatusCode);
        Assert.Equal("Gateway Not Registered", unregistered.Reason);
        Assert.Equal(404, notFound.StatusCode);
        Assert.Contains(peer.Sent, m => m.Method == "ACK" && m.CallId == number.CallId && m.Branch == number.Invite!.Branch);
    }

    [SkippableFact]
    public async Task Kamailio_routes_a_call_between_two_peers_and_stays_in_its_path()
    {
        IPEndPoint kamailio = TestServices.RequireKamailio();
        await using var caller = TestSipPeer.Start();
        await using var callee = TestSipPeer.Start("peer1");
        string contact = $"sip:peer1@127.0.0.1:{callee.LocalPort.ToString(CultureInfo.InvariantCulture)}";
        string aor = $"sip:peer1@{kamailio.Address}:{kamailio.Port}";
        ExternalTool.Result registered = Sipsak("-U", "-i", "-C", contact, "-s", aor, "-a", "peer1-secret", "-x", "60");
        Assert.True(registered.ExitCode == 0, registered.Describe("sipsak -U"));
        try
        {
            Task<TestAnsweredCall> answering = callee.AnswerCallAsync(new TestCalleePlan { MediaPort = 40110, CallLimit = Wait });
            TestDialog dialog = caller.SendInvite(aor, TestSdp.AudioOffer(40112));
            TestSipMessage ok = await caller.WaitResponseAsync(dialog, 200, Wait);
            caller.SendAck(dialog, ok);
            caller.SendReinvite(dialog, TestSdp.T38Offer(40112, sessionVersion: 2));
            TestSipMessage t38 = await caller.WaitResponseAsync(dialog, 200, Wait);
            caller.SendAck(dialog, t38);
            caller.SendBye(dialog);
            TestSipMessage byeOk = await caller.WaitResponseAsync(dialog, 200, Wait);
            TestAnsweredCall call = await answering.WaitAsync(Wait);

            Assert.Equal(200, ok.StatusCode);
            Assert.Equal(contact, call.Invite.RequestUri);
            Assert.Equal(kamailio, call.Invite.RemoteEndPoint);
            Assert.Single(dialog.RouteSet);
            Assert.Contains($"{kamailio.Address}:{kamailio.Port}", dialog.RouteSet[0], StringComparison.Ordinal);
            Assert.All(caller.Sent.Where(m => m.Method is "ACK" or "BYE" || m.ToTag is not null), m => Assert.Equal(kamailio, m.RemoteEndPoint));
            Assert.Equal(new IPEndPoint(IPAddress.Loopback, 40110), t38.Sdp!.T38EndPoint);
            Assert.Equal(new IPEndPoint(IPAddress.Loopback, 40112), call.RemoteT38);
            Assert.NotNull(call.Ack);
            Assert.NotNull(call.Bye);
            Assert.Equal(200, byeOk.StatusCode);
        }
        finally
        {
            Unregister(aor, contact, "peer1-secret");
        }
    }

    /// <summary>Removes a registration again (REGISTER with Expires 0), so that no other test meets it.</summary>
    private static void Unregister(string aor, string contact, string password)
    {
        ExternalTool.Result result = Sipsak("-U", "-i", "-C", contact, "-s", aor, "-a", password, "-x", "0");
        Assert.True(result.ExitCode == 0, result.Describe("sipsak -U -x 0"));
    }
}
