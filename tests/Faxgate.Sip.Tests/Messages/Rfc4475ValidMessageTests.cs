using System.Text;
using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Tests.Messages;

/// <summary>RFC 4475 section 3.1.1: each valid message parses to the values the RFC describes.</summary>
public sealed class Rfc4475ValidMessageTests
{
    public static TheoryData<string> Valid => [.. Rfc4475Messages.Valid];

    [Theory]
    [MemberData(nameof(Valid))]
    public void Valid_message_parses_and_a_request_passes_the_checks(string name)
    {
        SipMessage message = Rfc4475Messages.Parse(name);
        if (message is SipRequest request)
        {
            Assert.Null(SipRequestValidator.Check(request));
        }
    }

    [Fact]
    public void Wsinv_short_tortuous_invite_reads_through_its_whitespace_folding_and_escapes()
    {
        SipRequest request = Rfc4475Messages.Request("wsinv");
        Assert.Equal("INVITE", request.Method);
        Assert.Equal("vivekg", request.RequestUri.User);
        Assert.Equal("chair-dnrc.example.com", request.RequestUri.Host);
        Assert.True(request.RequestUri.Parameters.Contains("unknownparam"));
        Assert.Equal("sip:vivekg@chair-dnrc.example.com", request.To!.Uri.ToString());
        Assert.Equal("1918181833n", request.To.Tag);
        Assert.Equal("J Rosenberg \\\"", request.From!.DisplayName);
        Assert.Equal("sip:jdrosen@example.com", request.From.Uri.ToString());
        Assert.Equal("98asjd8", request.From.Tag);
        Assert.Equal(68, request.MaxForwards);
        Assert.Equal("wsinv.ndaksdj@192.0.2.1", request.CallId);
        Assert.Equal(150, request.ContentLength);
        Assert.Equal(new CSeq(9, "INVITE"), request.CSeq);
        Assert.Equal(3, request.Vias.Count);
        Assert.Equal(("SIP/2.0", "UDP", "192.0.2.2", "390skdjuw"), (request.Vias[0].Protocol, request.Vias[0].Transport, request.Vias[0].Host, request.Vias[0].Branch));
        Assert.Equal(("TCP", "spindle.example.com", "z9hG4bK9ikj8"), (request.Vias[1].Transport, request.Vias[1].Host, request.Vias[1].Branch));
        Assert.Equal(("UDP", "192.168.255.111", "z9hG4bK30239"), (request.Vias[2].Transport, request.Vias[2].Host, request.Vias[2].Branch));
        Assert.Equal(string.Empty, request.Headers.Get("Subject"));
        Assert.Equal("newfangled value continued newfangled value", request.Headers.Get("NewFangledHeader"));
        Assert.Equal(";;,,;;,;", request.Headers.Get("UnknownHeaderWithUnusualValue"));
        Assert.Equal("application/sdp", request.ContentType);
        NameAddress route = Assert.Single(request.Routes);
        Assert.True(route.Uri.IsLooseRouting);
        Assert.Equal("value", route.Uri.Parameters.Get("unknownwith"));
        Assert.True(route.Uri.Parameters.Contains("unknown-no-value"));
        NameAddress contact = Assert.Single(request.Contacts);
        Assert.Equal("Quoted string \"\"", contact.DisplayName);
        Assert.Equal("newvalue", contact.Parameters.Get("newparam"));
        Assert.True(contact.Parameters.Contains("secondparam"));
        Assert.Equal("0.33", contact.Parameters.Get("q"));
        Assert.Equal(150, request.Body.Length);
    }

    [Fact]
    public void Intmeth_keeps_every_token_character_in_method_uri_and_parameters()
    {
        SipRequest request = Rfc4475Messages.Request("intmeth");
        const string Method = "!interesting-Method0123456789_*+`.%indeed'~";
        Assert.Equal(Method, request.Method);
        Assert.Equal(Method, request.CSeq!.Method);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", request.RequestUri.User);
        Assert.Equal("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", request.RequestUri.Password);
        Assert.Equal("example.com", request.RequestUri.Host);
        Assert.Equal("z9hG4bK-.!%66*_+`'~", request.TopVia!.Branch);
        Assert.Equal("BEL:\a NUL:\0 DEL:\x7f", request.To!.DisplayName);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", request.To.Uri.User);
        Assert.Equal("token1~` token2'+_ token3*%!.-", request.From!.DisplayName);
        Assert.Equal("_token~1'+`*%!-.", request.From.Tag);
        Assert.Equal("\"\u0440\u0430\u0431\u043e\u0442\u0430\u044e\u0449\u0438\u0439\"", request.From.Parameters.Get("fromParam''~+*_!.-%"));
        Assert.Equal("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", request.CallId);
        Assert.Equal(255, request.MaxForwards);
        Assert.Equal("\ufeff\u5927\u505c\u96fb", request.Headers.Get("extensionHeader-!.%*+_`'~"));
    }

    [Fact]
    public void Esc01_unescapes_user_parts_and_uri_parameters_and_finds_compact_headers()
    {
        SipRequest request = Rfc4475Messages.Request("esc01");
        Assert.Equal("sips:user@example.com", request.RequestUri.User);
        Assert.Equal("example.net", request.RequestUri.Host);
        Assert.Equal("user", request.To!.Uri.User);
        Assert.Equal("I have spaces", request.From!.Uri.User);
        Assert.Equal("esc01.239409asdfakjkn23onasd0-3234", request.CallId);
        Assert.Equal("application/sdp", request.ContentType);
        NameAddress contact = Assert.Single(request.Contacts);
        Assert.Equal("caller", contact.Uri.User);
        Assert.True(contact.Uri.IsLooseRouting);
        Assert.Equal("value%41", contact.Uri.Parameters.Get("name"));
    }

    [Fact]
    public void Escnull_keeps_escaped_nulls_in_user_parts()
    {
        SipRequest request = Rfc4475Messages.Request("escnull");
        Assert.Equal("null-\0-null", request.To!.Uri.User);
        Assert.Equal("null-\0-null", request.From!.Uri.User);
        Assert.Equal(["\0", "\0\0"], request.Contacts.Select(c => c.Uri.User));
        Assert.Equal(0, request.ContentLength);
    }

    [Fact]
    public void Esc02_treats_percent_as_a_token_character_and_an_escaped_name_as_another_header()
    {
        SipRequest request = Rfc4475Messages.Request("esc02");
        Assert.Equal("RE%47IST%45R", request.Method);
        Assert.Equal("%Z%45", request.To!.DisplayName);
        Assert.Equal("z9hG4bK209%fzsnel234", request.TopVia!.Branch);
        Assert.Equal(["alias1", "alias3"], request.Contacts.Select(c => c.Uri.User));
        Assert.Equal("<sip:alias2@host2.example.com>", request.Headers.Get("C%6Fntact"));
    }

    [Fact]
    public void Lwsdisp_display_name_without_space_before_the_angle_bracket()
    {
        SipRequest request = Rfc4475Messages.Request("lwsdisp");
        Assert.Equal("caller", request.From!.DisplayName);
        Assert.Equal("sip:caller@example.com", request.From.Uri.ToString());
        Assert.Equal("323", request.From.Tag);
    }

    [Fact]
    public void Longreq_long_values_and_34_vias_in_every_spelling()
    {
        SipRequest request = Rfc4475Messages.Request("longreq");
        Assert.Equal(34, request.Vias.Count);
        Assert.Equal("sip33.example.com", request.Vias[0].Host);
        Assert.Equal("192.0.2.5", request.Vias[33].Received);
        Assert.EndsWith("longbranchvalue", request.Vias[33].Branch, StringComparison.Ordinal);
        Assert.Equal(6000, request.To!.Uri.Port);
        Assert.StartsWith("I have a user name of extreme", request.To.DisplayName, StringComparison.Ordinal);
        Assert.StartsWith("amazinglylongcallername", request.From!.Uri.User, StringComparison.Ordinal);
        Assert.Equal(150, request.Body.Length);
    }

    [Fact]
    public void Dblreq_datagram_ignores_the_second_request_and_a_stream_reads_both()
    {
        byte[] data = Rfc4475Messages.Load("dblreq");
        SipRequest first = Rfc4475Messages.Request("dblreq");
        Assert.Equal("REGISTER", first.Method);
        Assert.Equal(0, first.Body.Length);

        Assert.Equal(SipParseStatus.Complete, SipMessageParser.TryParse(data, out SipMessage? streamed, out int consumed, out _));
        Assert.Equal(first, streamed);
        Assert.Equal(SipParseStatus.Complete, SipMessageParser.TryParse(data.AsSpan(consumed), out SipMessage? second, out int consumed2, out _));
        var invite = Assert.IsType<SipRequest>(second);
        Assert.Equal("INVITE", invite.Method);
        Assert.Equal("sip:joe@example.com", invite.To!.Uri.ToString());
        Assert.Equal(150, invite.Body.Length);
        Assert.True(consumed + consumed2 <= data.Length);
    }

    [Fact]
    public void Semiuri_semicolon_in_the_user_part_is_not_a_parameter()
    {
        SipRequest request = Rfc4475Messages.Request("semiuri");
        Assert.Equal("user;par=u@example.net", request.RequestUri.User);
        Assert.Equal("example.com", request.RequestUri.Host);
        Assert.Empty(request.RequestUri.Parameters);
        Assert.Equal("application/sdp, application/pkcs7-mime, multipart/mixed, multipart/signed, message/sip, message/sipfrag", request.Headers.Get("Accept"));
    }

    [Fact]
    public void Transports_every_via_transport_is_kept()
    {
        SipRequest request = Rfc4475Messages.Request("transports");
        Assert.Equal(["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"], request.Vias.Select(v => v.Transport));
    }

    [Fact]
    public void Mpart01_binary_multipart_body_is_kept_byte_for_byte()
    {
        byte[] data = Rfc4475Messages.Load("mpart01");
        SipRequest request = Rfc4475Messages.Request("mpart01");
        Assert.Equal("MESSAGE", request.Method);
        Assert.Equal(553, request.Body.Length);
        Assert.Equal(data.AsSpan(data.Length - 553).ToArray(), request.Body.ToArray());
        Assert.Equal("multipart/mixed;boundary=7a9cbec02ceef655", request.ContentType);
        Assert.True(request.TopVia!.HasRport);
        Assert.Null(request.TopVia.Rport);
        Assert.Equal("127.0.0.1", request.TopVia.Host);
        Assert.Equal(5070, request.TopVia.Port);
        Assert.Equal(5080, Assert.Single(request.Routes).Uri.Port);
    }

    [Fact]
    public void Unreason_utf8_reason_phrase()
    {
        var response = Assert.IsType<SipResponse>(Rfc4475Messages.Parse("unreason"));
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("= 2**3 * 5**2 \u043d\u043e \u0441\u0442\u043e \u0434\u0435\u0432\u044f\u043d\u043e\u0441\u0442\u043e \u0434\u0435\u0432\u044f\u0442\u044c - \u043f\u0440\u043e\u0441\u0442\u043e\u0435", response.ReasonPhrase);
        Assert.Equal(154, response.Body.Length);
    }

    [Fact]
    public void Noreason_empty_reason_phrase()
    {
        var response = Assert.IsType<SipResponse>(Rfc4475Messages.Parse("noreason"));
        Assert.Equal(100, response.StatusCode);
        Assert.Equal(string.Empty, response.ReasonPhrase);
        Assert.True(response.IsProvisional);
        Assert.Equal(Encoding.ASCII.GetBytes("SIP/2.0 100 \r\n"), SipMessageWriter.Write(response).AsSpan(0, 14).ToArray());
    }
}
