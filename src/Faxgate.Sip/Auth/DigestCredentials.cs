using System.Globalization;
using System.Text;

namespace Faxgate.Sip.Auth;

/// <summary>
/// The credentials of an Authorization or Proxy-Authorization header (RFC 3261 22.4, RFC 7616 3.4), computed from a
/// challenge; <see cref="ToString"/> is the header value.
/// </summary>
public sealed record DigestCredentials
{
    private DigestCredentials(string username, string realm, string nonce, string uri, string response, DigestAlgorithm algorithm)
    {
        Username = username;
        Realm = realm;
        Nonce = nonce;
        Uri = uri;
        Response = response;
        Algorithm = algorithm;
    }

    /// <summary>The username as sent: hashed when the challenge asked for userhash.</summary>
    public string Username { get; }

    public string Realm { get; }

    public string Nonce { get; }

    public string Uri { get; }

    /// <summary>The request digest, lower-case hex.</summary>
    public string Response { get; }

    public DigestAlgorithm Algorithm { get; }

    public string? Opaque { get; private init; }

    /// <summary>The qop chosen: auth when offered, else auth-int; null for a challenge without qop.</summary>
    public DigestQop? Qop { get; private init; }

    public string? Cnonce { get; private init; }

    /// <summary>The nc value: how many requests this nonce has served, this one included.</summary>
    public int NonceCount { get; private init; }

    public bool UserHash { get; private init; }

    /// <summary>
    /// Computes the credentials for a request. <paramref name="cnonce"/> is needed when the challenge has qop or a
    /// -sess algorithm; <paramref name="body"/> counts only for auth-int.
    /// </summary>
    public static DigestCredentials Create(
        DigestChallenge challenge,
        string username,
        string password,
        string method,
        string requestUri,
        ReadOnlySpan<byte> body = default,
        string? cnonce = null,
        int nonceCount = 1)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(requestUri);
        ArgumentOutOfRangeException.ThrowIfLessThan(nonceCount, 1);
        if (challenge.Algorithm is not { } algorithm || !algorithm.IsSupported())
        {
            throw new NotSupportedException($"digest algorithm {challenge.AlgorithmToken} is not supported");
        }

        DigestQop? qop = challenge.QopOptions.Contains(DigestQop.Auth) ? DigestQop.Auth
            : challenge.QopOptions.Contains(DigestQop.AuthInt) ? DigestQop.AuthInt
            : null;
        if ((qop is not null || algorithm.IsSession()) && string.IsNullOrEmpty(cnonce))
        {
            throw new ArgumentException("a challenge with qop or a -sess algorithm needs a cnonce", nameof(cnonce));
        }

        // RFC 7616 3.4.2 and 3.4.3.
        string ha1 = algorithm.Hash($"{username}:{challenge.Realm}:{password}");
        if (algorithm.IsSession())
        {
            ha1 = algorithm.Hash($"{ha1}:{challenge.Nonce}:{cnonce}");
        }

        string a2 = qop == DigestQop.AuthInt ? $"{method}:{requestUri}:{algorithm.Hash(body)}" : $"{method}:{requestUri}";
        string nc = nonceCount.ToString("x8", CultureInfo.InvariantCulture);
        string response = qop is { } chosen
            ? algorithm.Hash($"{ha1}:{challenge.Nonce}:{nc}:{cnonce}:{QopToken(chosen)}:{algorithm.Hash(a2)}")
            : algorithm.Hash($"{ha1}:{challenge.Nonce}:{algorithm.Hash(a2)}");
        string sentUsername = challenge.UserHash ? algorithm.Hash($"{username}:{challenge.Realm}") : username;
        return new DigestCredentials(sentUsername, challenge.Realm, challenge.Nonce, requestUri, response, algorithm)
        {
            Opaque = challenge.Opaque,
            Qop = qop,
            Cnonce = qop is not null || algorithm.IsSession() ? cnonce : null,
            NonceCount = nonceCount,
            UserHash = challenge.UserHash,
        };
    }

    /// <summary>The header value: <c>Digest username="...", realm="...", ...</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("Digest ");
        Quoted(text, "username", Username).Append(", ");
        Quoted(text, "realm", Realm).Append(", ");
        Quoted(text, "nonce", Nonce).Append(", ");
        Quoted(text, "uri", Uri).Append(", ");
        Quoted(text, "response", Response).Append(", algorithm=").Append(Algorithm.ToToken());
        if (Cnonce is not null)
        {
            Quoted(text.Append(", "), "cnonce", Cnonce);
        }

        if (Opaque is not null)
        {
            Quoted(text.Append(", "), "opaque", Opaque);
        }

        if (Qop is { } qop)
        {
            text.Append(", qop=").Append(QopToken(qop)).Append(", nc=").Append(NonceCount.ToString("x8", CultureInfo.InvariantCulture));
        }

        if (UserHash)
        {
            text.Append(", userhash=true");
        }

        return text.ToString();
    }

    private static string QopToken(DigestQop qop) => qop == DigestQop.AuthInt ? "auth-int" : "auth";

    private static StringBuilder Quoted(StringBuilder text, string name, string value)
    {
        text.Append(name).Append("=\"");
        foreach (char c in value)
        {
            if (c is '"' or '\\')
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        return text.Append('"');
    }
}
