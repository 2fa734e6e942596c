using Faxgate.Sip.Auth;
using Faxgate.Sip.Messages;

namespace Faxgate.Sip.UserAgent;

/// <summary>Answering 401/407 challenges (RFC 3261 22.2, RFC 8760): the request again with credentials and the next CSeq.</summary>
public sealed partial class SipUserAgent
{
    /// <summary>How many challenges in a row one request may answer before it counts as refused.</summary>
    private const int MaxChallenges = 3;

    /// <summary>
    /// The request to send after <paramref name="challenge"/>, or null when we cannot answer it: no credentials, an
    /// unsupported algorithm, the same nonce refused again, or too many rounds.
    /// </summary>
    private static SipRequest? Authenticate(DigestClient? digest, SipRequest request, SipResponse challenge, uint sequence, ref int rounds)
    {
        if (digest is null || ++rounds > MaxChallenges)
        {
            return null;
        }

        bool proxy = challenge.StatusCode == 407;
        string challengeHeader = proxy ? SipHeaderNames.ProxyAuthenticate : SipHeaderNames.WwwAuthenticate;
        string credentialsHeader = proxy ? SipHeaderNames.ProxyAuthorization : SipHeaderNames.Authorization;
        if (!DigestChallenge.TryParse(challenge.Headers.GetAll(challengeHeader), out DigestChallenge? parsed, out _) || !parsed.IsSupported
            || !digest.Accept(parsed))
        {
            return null;
        }

        DigestCredentials? credentials = digest.Authorize(request.Method, request.RequestUri.ToString(), request.Body.Span, parsed.Realm);
        if (credentials is null)
        {
            return null;
        }

        SipHeaders headers = request.Headers
            .Without(SipHeaderNames.Authorization)
            .Without(SipHeaderNames.ProxyAuthorization)
            .With(SipHeaderNames.CSeq, new CSeq(sequence, request.Method).ToString())
            .Add(credentialsHeader, credentials.ToString());
        return new SipRequest(request.Method, request.RequestUri, headers, request.Body);
    }
}
