using System.Security.Cryptography;
using System.Text;
using Faxgate.Sip.Messages;
using Faxgate.Sip.Transport;
using Faxgate.Sip.UserAgent;
using static Faxgate.Sip.Tests.UserAgent.VirtualSipNetwork;

namespace Faxgate.Sip.Tests.UserAgent;

/// <summary>REGISTER against a scripted registrar that checks digest credentials (RFC 3261 10 and 22, RFC 2617 qop=auth).</summary>
public sealed class RegistrationTests
{
    private static readonly SipEndPoint FaxgateAt = Udp("10.0.0.1");
    private static readonly SipEndPoint RegistrarAt = Udp("10.0.0.5");

    private readonly VirtualSipNetwork _net = new();
    private readonly List<SipRequest> _registers = [];

    private IEnumerable<SipResponse> Registrar(SipRequest request, string password, int grant)
    {
        _registers.Add(request);
        if (request.Headers.Get(SipHeaderNames.Authorization) is not { } authorization || !Valid(authorization, request, password))
        {
            yield return new SipResponse(401, "Unauthorized", SipResponse.For(request, 401).Headers
                .Add(SipHeaderNames.WwwAuthenticate, "Digest realm=\"sip.test\", nonce=\"n0nce-" + _registers.Count + "\", qop=\"auth\", algorithm=MD5"));
            yield break;
        }

        SipResponse ok = SipResponse.For(request, 200, null, "reg1");
        yield return new SipResponse(200, "OK", ok.Headers.Add(SipHeaderNames.Contact, $"{request.Contacts[0]};expires={grant}"));
    }

    /// <summary>The registrar's side of RFC 2617 3.2.2.1 with qop=auth, written out independently of Faxgate's client.</summary>
    private static bool Valid(string authorization, SipRequest request, string password)
    {
        Dictionary<string, string> p = authorization["Digest ".Length..].Split(',')
            .Select(part => part.Trim().Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1].Trim('"'));
        string ha1 = Md5($"{p["username"]}:sip.test:{password}");
        string ha2 = Md5($"{request.Method}:{p["uri"]}");
        string expected = Md5($"{ha1}:{p["nonce"]}:{p["nc"]}:{p["cnonce"]}:auth:{ha2}");
        return p["response"] == expected;
    }

#pragma warning disable CA5351 // the registrar checks MD5 digests, as the registrars in the field do
    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351

    private SipUserAgent Faxgate() => _net.Add(FaxgateAt);

    private static RegistrationRequest Request(string password) =>
        new("trunk", SipUri.Parse("sip:sip.test"), RegistrarAt, NameAddress.Parse("<sip:faxgate@sip.test>"))
        {
            Credentials = new DigestCredentialsSource("faxgate", password),
            Expires = TimeSpan.FromSeconds(120),
        };

    [Fact]
    public void Registers_with_digest_and_refreshes_at_half_the_granted_time()
    {
        SipUserAgent faxgate = Faxgate();
        _net.AddResponder(RegistrarAt, r => Registrar(r, "faxgate-secret", 60));
        SipRegistration registration = faxgate.Register(Request("faxgate-secret"), _net.Now);
        _net.RunUntil(TimeSpan.FromSeconds(1));
        Assert.Equal(RegistrationState.Registered, registration.State);
        Assert.Equal(TimeSpan.FromSeconds(60), registration.GrantedExpires);
        Assert.Equal(2, _registers.Count); // unauthenticated, then with credentials
        Assert.Equal("120", _registers[0].Headers.Get(SipHeaderNames.Expires));
        Assert.Equal(_registers[0].CallId, _registers[1].CallId);
        Assert.Equal(_registers[0].CSeq!.Number + 1, _registers[1].CSeq!.Number);

        _net.RunUntil(TimeSpan.FromSeconds(31));
        Assert.Equal(4, _registers.Count); // refreshed at 30 s (challenged again with a new nonce)
        Assert.Equal(TimeSpan.FromSeconds(30), _net.Wire.Where(w => w.Message is SipRequest { Method: "REGISTER" }).ElementAt(2).At);
        Assert.Equal(RegistrationState.Registered, registration.State);
    }

    [Fact]
    public void A_wrong_password_fails_and_is_retried_later_without_hammering()
    {
        SipUserAgent faxgate = Faxgate();
        _net.AddResponder(RegistrarAt, r => Registrar(r, "faxgate-secret", 60));
        SipRegistration registration = faxgate.Register(Request("wrong"), _net.Now);
        _net.RunUntil(TimeSpan.FromSeconds(5));
        Assert.Equal(RegistrationState.Failed, registration.State);
        Assert.Equal(401, registration.LastStatus);
        int attempts = _registers.Count;
        Assert.InRange(attempts, 2, 4);
        _net.RunUntil(TimeSpan.FromSeconds(31));
        Assert.InRange(_registers.Count, attempts + 1, attempts * 2);
    }

    [Fact]
    public void Unregister_sends_expires_zero()
    {
        SipUserAgent faxgate = Faxgate();
        _net.AddResponder(RegistrarAt, r => Registrar(r, "faxgate-secret", 60));
        faxgate.Register(Request("faxgate-secret"), _net.Now);
        _net.RunUntil(TimeSpan.FromSeconds(1));
        faxgate.Unregister("trunk", _net.Now);
        _net.RunUntil(TimeSpan.FromSeconds(2));
        Assert.Equal("0", _registers[^1].Headers.Get(SipHeaderNames.Expires));
        Assert.Empty(faxgate.Registrations);
        Assert.Equal(RegistrationState.Unregistered, Assert.IsType<RegistrationChanged>(_net.EventsOf<RegistrationChanged>(faxgate).Last()).Registration.State);
    }

    [Fact]
    public void An_INVITE_challenged_with_407_is_sent_again_with_proxy_credentials()
    {
        SipUserAgent faxgate = Faxgate();
        var invites = new List<SipRequest>();
        _net.AddResponder(RegistrarAt, request =>
        {
            if (request.Method != "INVITE")
            {
                return [];
            }

            invites.Add(request);
            if (request.Headers.Get(SipHeaderNames.ProxyAuthorization) is null)
            {
                return [new SipResponse(407, "Proxy Authentication Required", SipResponse.For(request, 407, null, "p1").Headers
                    .Add(SipHeaderNames.ProxyAuthenticate, "Digest realm=\"sip.test\", nonce=\"abc\", algorithm=SHA-256, qop=\"auth\""))];
            }

            return [SipResponse.For(request, 486, null, "p2")];
        });
        SipCall call = faxgate.PlaceCall(
            new CallRequest(SipUri.Parse("sip:+27115551234@sip.test"), RegistrarAt, NameAddress.Parse("<sip:faxgate@sip.test>"), Media(FaxgateAt, 40000))
            {
                Credentials = new DigestCredentialsSource("faxgate", "faxgate-secret"),
            },
            _net.Now);
        _net.RunUntil(TimeSpan.FromSeconds(40));
        Assert.Equal(2, invites.Count);
        Assert.Contains("algorithm=SHA-256", invites[1].Headers.Get(SipHeaderNames.ProxyAuthorization), StringComparison.Ordinal);
        Assert.Equal(2u, invites[1].CSeq!.Number);
        Assert.Equal(invites[0].From!.Tag, invites[1].From!.Tag);
        Assert.Equal(CallEndReason.Busy, call.Outcome!.Reason);
    }

    [Fact]
    public void An_INVITE_without_credentials_challenged_ends_as_authentication_failed()
    {
        SipUserAgent faxgate = Faxgate();
        _net.AddResponder(RegistrarAt, request => request.Method == "INVITE"
            ? [new SipResponse(401, "Unauthorized", SipResponse.For(request, 401, null, "x").Headers.Add(SipHeaderNames.WwwAuthenticate, "Digest realm=\"r\", nonce=\"n\""))]
            : []);
        SipCall call = faxgate.PlaceCall(
            new CallRequest(SipUri.Parse("sip:1@sip.test"), RegistrarAt, NameAddress.Parse("<sip:faxgate@sip.test>"), Media(FaxgateAt, 40000)), _net.Now);
        _net.RunUntil(TimeSpan.FromSeconds(40));
        Assert.Equal(CallEndReason.AuthenticationFailed, call.Outcome!.Reason);
    }
}
