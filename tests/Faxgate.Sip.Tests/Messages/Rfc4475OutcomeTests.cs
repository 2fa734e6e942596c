using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Tests.Messages;

/// <summary>
/// RFC 4475 sections 3.1.2 to 3.4: what each message leads to. A parse error on a request is answered 400 and on a
/// response the message is dropped; a request that parses is answered by <see cref="SipRequestValidator"/>'s status,
/// or passes on to the user agent (which answers application-level cases such as 415 or 401 itself).
/// </summary>
public sealed class Rfc4475OutcomeTests
{
    public static TheoryData<string, SipParseErrorKind> ParseErrors => new()
    {
        { "badinv01", SipParseErrorKind.BadHeaderValue },              // 3.1.2.1 extraneous separators in Via and Contact
        { "clerr", SipParseErrorKind.ContentLengthExceedsDatagram },   // 3.1.2.2 (over UDP; a stream waits for more)
        { "ncl", SipParseErrorKind.BadHeaderValue },                   // 3.1.2.3 negative Content-Length
        { "scalar02", SipParseErrorKind.BadHeaderValue },              // 3.1.2.4 CSeq beyond 2**32-1
        { "scalarlg", SipParseErrorKind.BadHeaderValue },              // 3.1.2.5 response: dropped
        { "quotbal", SipParseErrorKind.BadHeaderValue },               // 3.1.2.6 unterminated quoted display name
        { "ltgtruri", SipParseErrorKind.BadRequestUri },               // 3.1.2.7 <> around the Request-URI
        { "lwsruri", SipParseErrorKind.BadStartLine },                 // 3.1.2.8 LWS inside the Request-URI
        { "lwsstart", SipParseErrorKind.BadStartLine },                // 3.1.2.9 several SP between elements
        { "trws", SipParseErrorKind.BadStartLine },                    // 3.1.2.10 SP after the SIP-Version
        { "escruri", SipParseErrorKind.BadRequestUri },                // 3.1.2.11 headers in the Request-URI
        { "regbadct", SipParseErrorKind.BadHeaderValue },              // 3.1.2.13 addr-spec with headers outside <>
        { "badaspec", SipParseErrorKind.BadHeaderValue },              // 3.1.2.14 spaces inside <addr-spec>
        { "baddn", SipParseErrorKind.BadHeaderValue },                 // 3.1.2.15 unquoted non-token display name
        { "bigcode", SipParseErrorKind.BadStatusCode },                // 3.1.2.19 response: dropped
        { "multi01", SipParseErrorKind.DuplicateHeader },              // 3.3.8 several values in single-value headers
        { "mcl01", SipParseErrorKind.DuplicateHeader },                // 3.3.9 two Content-Length values
    };

    public static TheoryData<string, int> Rejections => new()
    {
        { "baddate", 400 },    // 3.1.2.12 time zone other than GMT
        { "badvers", 505 },    // 3.1.2.16 SIP/7.0
        { "mismatch01", 400 }, // 3.1.2.17 CSeq method differs from the start line
        { "mismatch02", 400 }, // 3.1.2.18 unknown method with a different CSeq method (400 is acceptable)
        { "badbranch", 400 },  // 3.2.1 branch of the magic cookie only
        { "insuf", 400 },      // 3.3.1 no Call-ID, From or To
        { "unkscm", 416 },     // 3.3.2 unknown Request-URI scheme
        { "novelsc", 416 },    // 3.3.3 known but atypical scheme
        { "bext01", 420 },     // 3.3.5 Require with unknown option tags
    };

    private static readonly string[] AcceptedNames =
    [
        "unksm2",   // 3.3.4 unknown schemes in To, From, Contact: the registrar decides
        "invut",    // 3.3.6 unknown Content-Type: the user agent answers 415
        "regaut01", // 3.3.7 unknown Authorization scheme: the registrar answers 401
        "bcast",    // 3.3.10 response with a broadcast Via
        "zeromf",   // 3.3.11 Max-Forwards 0: a UAS answers OPTIONS normally
        "cparam01", // 3.3.12 Contact header parameter
        "cparam02", // 3.3.13 Contact URI parameter
        "regescrt", // 3.3.14 escaped header in a Contact URI
        "sdp01",    // 3.3.15 unacceptable Accept: the user agent answers 406
        "inv2543",  // 3.4.1 RFC 2543 syntax is accepted for backward compatibility
    ];

    public static TheoryData<string> Accepted => [.. AcceptedNames];

    [Theory]
    [MemberData(nameof(ParseErrors))]
    public void Invalid_message_gives_a_typed_parse_error_with_its_offset(string name, SipParseErrorKind kind)
    {
        byte[] data = Rfc4475Messages.Load(name);
        Assert.Equal(SipParseStatus.Invalid, Rfc4475Messages.ParseDatagram(name, out SipMessage? message, out SipParseError? error));
        Assert.Null(message);
        Assert.Equal(kind, error!.Kind);
        Assert.InRange(error.Offset, 0, data.Length);
        Assert.False(string.IsNullOrEmpty(error.Reason));
    }

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Semantically_invalid_request_parses_and_is_rejected_with_the_rfc_status(string name, int status)
    {
        SipRequest request = Rfc4475Messages.Request(name);
        SipRejection? rejection = SipRequestValidator.Check(request);
        Assert.NotNull(rejection);
        Assert.Equal(status, rejection.StatusCode);

        // The answer is a response built from the request, and it parses again.
        SipResponse answer = SipResponse.For(request, rejection.StatusCode, rejection.Reason, toTag: "t1");
        SipMessage reparsed = SipMessageParser.Parse(SipMessageWriter.Write(answer));
        Assert.Equal(answer, reparsed);
        Assert.Equal(request.Vias, reparsed.Vias);
    }

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Message_the_rfc_says_to_accept_parses_and_passes_the_checks(string name)
    {
        SipMessage message = Rfc4475Messages.Parse(name);
        if (message is SipRequest request)
        {
            Assert.Null(SipRequestValidator.Check(request));
        }
    }

    [Fact]
    public void Every_archive_message_has_an_expected_outcome()
    {
        var known = new HashSet<string>(Rfc4475Messages.Valid);
        known.UnionWith(ParseErrors.Select(row => (string)row[0]));
        known.UnionWith(Rejections.Select(row => (string)row[0]));
        known.UnionWith(AcceptedNames);
        Assert.Equal(known.Order(StringComparer.Ordinal), Rfc4475Messages.All);
    }

    [Fact]
    public void Bext01_lists_the_unsupported_option_tags_and_accepts_supported_ones()
    {
        SipRequest request = Rfc4475Messages.Request("bext01");
        SipRejection rejection = SipRequestValidator.Check(request)!;
        Assert.Equal(["nothingSupportsThis", "nothingSupportsThisEither"], rejection.Unsupported);
        Assert.Null(SipRequestValidator.Check(request, ["nothingSupportsThis", "nothingSupportsThisEither"]));
    }

    [Theory]
    [InlineData("intmeth")]
    [InlineData("mismatch02")]
    public void A_user_agent_that_lists_its_methods_answers_an_unknown_method_with_501(string name)
    {
        string[] methods = ["INVITE", "ACK", "BYE", "CANCEL", "OPTIONS"];
        Assert.Equal(501, SipRequestValidator.Check(Rfc4475Messages.Request(name), knownMethods: methods)!.StatusCode);
        Assert.Null(SipRequestValidator.Check(Rfc4475Messages.Request("zeromf"), knownMethods: methods));
    }

    [Fact]
    public void Insuf_still_gets_a_400_that_copies_what_the_request_has()
    {
        SipRequest request = Rfc4475Messages.Request("insuf");
        SipResponse answer = SipResponse.For(request, 400, SipRequestValidator.Check(request)!.Reason);
        Assert.Equal(request.CSeq, answer.CSeq);
        Assert.Equal(request.Vias, answer.Vias);
        Assert.Null(answer.From);
    }

    [Fact]
    public void Contact_parameters_and_uri_parameters_are_told_apart()
    {
        Assert.True(Rfc4475Messages.Request("cparam01").Contacts[0].Parameters.Contains("unknownparam"));
        Assert.Empty(Rfc4475Messages.Request("cparam01").Contacts[0].Uri.Parameters);
        Assert.True(Rfc4475Messages.Request("cparam02").Contacts[0].Uri.Parameters.Contains("unknownparam"));
        Assert.Equal("<sip:sip.example.com>", Rfc4475Messages.Request("regescrt").Contacts[0].Uri.Headers.Get("Route"));
    }

    [Fact]
    public void Unknown_schemes_are_kept_opaque()
    {
        SipRequest request = Rfc4475Messages.Request("unksm2");
        Assert.Equal(("isbn", "2983792873"), (request.To!.Uri.Scheme, request.To.Uri.Opaque));
        Assert.Equal("//www.example.com", request.From!.Uri.Opaque);
        Assert.Equal("name", request.Contacts[0].Uri.Scheme);
        Assert.Equal("soap.beep", Rfc4475Messages.Request("novelsc").RequestUri.Scheme);
    }

    [Fact]
    public void Inv2543_without_content_length_takes_the_rest_of_the_datagram_as_body()
    {
        SipRequest request = Rfc4475Messages.Request("inv2543");
        Assert.Null(request.ContentLength);
        Assert.Null(request.TopVia!.Branch);
        Assert.Null(request.MaxForwards);
        Assert.EndsWith("m=audio 49217 RTP/AVP 0\r\n", System.Text.Encoding.ASCII.GetString(request.Body.Span), StringComparison.Ordinal);
    }
}
