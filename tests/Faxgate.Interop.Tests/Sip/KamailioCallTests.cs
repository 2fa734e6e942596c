using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Tiff;
using Faxgate.TestSupport;

namespace Faxgate.Interop.Tests.Sip;

/// <summary>
/// Two Faxgates through Kamailio (tests/services/kamailio.sh): `faxgate serve` registers with Kamailio as its trunk
/// (digest authentication, answering the 401), `faxgate fax send` calls a number at Kamailio, which routes it to the
/// registered serve instance, and the fax is received, stored and listed; `fax send --trunk` through a configured
/// trunk answers Kamailio's 407 with the trunk's credentials (and a wrong password is refused); serve unregisters when
/// it stops. sipsak's OPTIONS to serve is answered.
/// </summary>
[Collection(KamailioRegistrations.Name)]
public sealed class KamailioCallTests
{
    private const string Number = "+27115551234";
    private static readonly TimeSpan CallLimit = TimeSpan.FromMinutes(3);

    [SkippableFact]
    public async Task Faxgate_registers_with_Kamailio_and_receives_a_fax_Kamailio_routes_from_another_Faxgate()
    {
        IPEndPoint kamailio = TestServices.RequireKamailio();
        string sipsak = TestServices.RequireSipsak();
        string dir = Repository.NewScratchDirectory("sip-kamailio");
        BilevelPage[] pages = [.. Enumerable.Range(0, 3).Select(i => TestPages.Document(1728, 500, 950 + i, PageResolution.Standard))];
        string document = Path.Combine(dir, "send.tif");
        TiffWriter.Write(document, pages, new TiffWriteOptions { Scheme = CodingScheme.Mh });
        string kamailioPort = kamailio.Port.ToString(CultureInfo.InvariantCulture);

        ServeProcess serve = await ServeProcess.StartAsync("sip-kamailio", new Dictionary<string, string>
        {
            ["Sip:Trunks:kamailio:Host"] = kamailio.Address.ToString(),
            ["Sip:Trunks:kamailio:Port"] = kamailioPort,
            ["Sip:Trunks:kamailio:Transport"] = "udp",
            ["Sip:Trunks:kamailio:Username"] = "faxgate",
            ["Sip:Trunks:kamailio:Password"] = "faxgate-secret",
            ["Sip:Trunks:kamailio:Register"] = "true",
            ["Sip:Trunks:kamailio:AllowFrom:0"] = "127.0.0.1",
            ["Sip:T38ReinviteDelayMilliseconds"] = "500",
        }, [Number]);
        int port = serve.SipPort;
        string data = serve.DataDirectory;
        string Lines() => string.Join('\n', serve.Log);
        string contact = $"sip:faxgate@127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        bool stopped = false;
        await using (serve)
        {
            try
            {
                // Kamailio challenges every REGISTER of the faxgate account with 401: Registered means it was answered.
                await serve.WaitForLogAsync(new Regex(@"Trunk kamailio registration Registered \(200\)"), TimeSpan.FromMinutes(1));

                // sipsak 0.9.8 cuts a 5-digit port in the Request-URI to 4 digits but sends to the right port.
                ExternalTool.Result options = ExternalTool.Run(sipsak, ["-s", $"sip:127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"], TimeSpan.FromSeconds(40));
                Assert.True(options.ExitCode == 0, options.Describe("sipsak -s") + "\nserve:\n" + Lines());

                using FaxgateProcess sender = FaxgateProcess.Start(null, "fax", "send", "--to", $"sip:{Number}@{kamailio.Address}:{kamailioPort}", "--caller-id", "0115550000", document);
                (int exitCode, string output, string all) = await sender.FinishAsync(CallLimit);
                Assert.True(exitCode == 0, all + "\nserve:\n" + Lines());
                Assert.StartsWith("RESULT status=OK pages=3 rate=14400 ", output, StringComparison.Ordinal);

                await serve.WaitForLogAsync(new Regex(" received, 3 pages"), TimeSpan.FromMinutes(1));
                SendCallTests.AssertListed(data, Number, 3);

                // Through a configured trunk as Kamailio's account peer1: Kamailio challenges the INVITE (407) and
                // relays it once Faxgate answers with the trunk's credentials; a wrong password is refused.
                string one = Path.Combine(dir, "one.tif");
                TiffWriter.Write(one, [pages[0]], new TiffWriteOptions { Scheme = CodingScheme.Mh });
                string Trunk(string password)
                {
                    string config = Path.Combine(dir, $"trunk-{password}.json");
                    File.WriteAllText(config, $$"""
                        { "Sip": { "Trunks": { "kamailio": { "Host": "{{kamailio.Address}}", "Port": {{kamailioPort}}, "Username": "peer1", "Password": "{{password}}" } } } }
                        """);
                    return config;
                }

                string senderData = Path.Combine(dir, "sender");
                using (FaxgateProcess wrong = FaxgateProcess.Start(null, "fax", "send", "--trunk", "kamailio", "--to", Number, "--data", senderData, "--config", Trunk("wrong"), one))
                {
                    (int refusedExit, string refusedOutput, string refusedAll) = await wrong.FinishAsync(CallLimit);
                    Assert.True(refusedExit == 1, refusedAll);
                    Assert.Contains("code=64 pages=0 remote_ident=\"\" call=authenticationfailed sip_status=407", refusedOutput, StringComparison.Ordinal);
                }

                using (FaxgateProcess trunked = FaxgateProcess.Start(null, "fax", "send", "--trunk", "kamailio", "--to", Number, "--data", senderData, "--config", Trunk("peer1-secret"), one))
                {
                    (int trunkExit, string trunkOutput, string trunkAll) = await trunked.FinishAsync(CallLimit);
                    Assert.True(trunkExit == 0, trunkAll + "\nserve:\n" + Lines());
                    Assert.StartsWith("RESULT status=OK pages=1 ", trunkOutput, StringComparison.Ordinal);
                }

                await serve.WaitForLogAsync(new Regex(" received, 1 pages"), TimeSpan.FromMinutes(1));

                stopped = true;
                await serve.StopAsync();
            }
            finally
            {
                if (!stopped)
                {
                    // Leave no registration behind for the other Kamailio tests.
                    await serve.DisposeAsync();
                    ExternalTool.Run(sipsak, ["-U", "-i", "-C", contact, "-s", $"sip:faxgate@{kamailio.Address}:{kamailioPort}", "-a", "faxgate-secret", "-x", "0"], TimeSpan.FromSeconds(40));
                }
            }
        }

        // Unregistered on SIGTERM: Kamailio has nobody to route a number to any more.
        await using var peer = TestSipPeer.Start();
        TestDialog call = peer.SendInvite($"sip:{Number}@{kamailio.Address}:{kamailioPort}", TestSdp.T38Offer(9));
        TestSipMessage refused = await peer.WaitResponseAsync(call, 300, TimeSpan.FromSeconds(10));
        Assert.Equal(480, refused.StatusCode);
    }
}
