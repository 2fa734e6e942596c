using System.Diagnostics.CodeAnalysis;

namespace Faxgate.Sip.Auth;

/// <summary>
/// A Digest challenge from a WWW-Authenticate (401) or Proxy-Authenticate (407) header (RFC 3261 22.4, RFC 7616 3.3,
/// RFC 8760). <see cref="TryParse(string, out DigestChallenge?, out DigestError)"/> reads every challenge of one or
/// several header values and picks the strongest one Faxgate can answer.
/// </summary>
public sealed record DigestChallenge(string Realm, string Nonce)
{
    /// <summary>The algorithm; null when the challenge names one we do not know (see <see cref="AlgorithmToken"/>).</summary>
    public DigestAlgorithm? Algorithm { get; init; } = DigestAlgorithm.Md5;

    /// <summary>The algorithm as written, or "MD5" when the challenge names none.</summary>
    public string AlgorithmToken { get; init; } = "MD5";

    public string? Opaque { get; init; }

    /// <summary>The qop options offered that we know; empty for an RFC 2069 challenge without qop.</summary>
    public IReadOnlyList<DigestQop> QopOptions { get; init; } = [];

    /// <summary>stale=true: the nonce expired but the credentials were good; answer again with the new nonce.</summary>
    public bool Stale { get; init; }

    /// <summary>userhash=true (RFC 7616 3.4.4): the username is sent hashed.</summary>
    public bool UserHash { get; init; }

    public string? Domain { get; init; }

    public bool IsSupported => Algorithm is { } algorithm && algorithm.IsSupported();

    public static bool TryParse(string headerValue, [NotNullWhen(true)] out DigestChallenge? challenge, out DigestError error) =>
        TryParse([headerValue], DigestLimits.Default, out challenge, out error);

    public static bool TryParse(IEnumerable<string> headerValues, [NotNullWhen(true)] out DigestChallenge? challenge, out DigestError error) =>
        TryParse(headerValues, DigestLimits.Default, out challenge, out error);

    /// <summary>
    /// Reads the challenges of every header value (each may hold several) and gives the strongest supported one, the
    /// first of equals. A malformed value is passed over when another gives a usable challenge; otherwise the error
    /// says why none is usable (<see cref="DigestErrorKind.UnsupportedAlgorithm"/> when all are well formed).
    /// </summary>
    public static bool TryParse(
        IEnumerable<string> headerValues, DigestLimits limits, [NotNullWhen(true)] out DigestChallenge? challenge, out DigestError error)
    {
        ArgumentNullException.ThrowIfNull(headerValues);
        ArgumentNullException.ThrowIfNull(limits);
        challenge = null;
        error = default;
        var found = new List<(DigestChallenge Challenge, int Offset)>();
        DigestError firstError = default;
        foreach (string value in headerValues)
        {
            DigestError valueError = DigestChallengeReader.Read(value ?? "", limits, found);
            if (firstError.Kind is DigestErrorKind.None or DigestErrorKind.NotDigest && valueError.Kind != DigestErrorKind.None)
            {
                firstError = valueError;
            }
        }

        foreach ((DigestChallenge candidate, _) in found)
        {
            if (candidate.IsSupported && (challenge is null || candidate.Algorithm!.Value.Strength() > challenge.Algorithm!.Value.Strength()))
            {
                challenge = candidate;
            }
        }

        if (challenge is not null)
        {
            return true;
        }

        error = found.Count > 0 ? new DigestError(DigestErrorKind.UnsupportedAlgorithm, found[0].Offset)
            : firstError.Kind != DigestErrorKind.None ? firstError
            : new DigestError(DigestErrorKind.NotDigest, 0);
        return false;
    }

    /// <summary>Parses or throws <see cref="FormatException"/> saying what and where.</summary>
    public static DigestChallenge Parse(string headerValue) =>
        TryParse(headerValue, out DigestChallenge? challenge, out DigestError error)
            ? challenge
            : throw new FormatException($"no usable Digest challenge: {error}");
}
