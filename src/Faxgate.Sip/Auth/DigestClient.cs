using System.Security.Cryptography;

namespace Faxgate.Sip.Auth;

/// <summary>
/// The client side of digest authentication for one set of credentials (a trunk's username and password): remembers
/// the challenge of each realm and counts the requests each nonce has served (nc), so that later requests reuse the
/// nonce without another 401/407 round trip (RFC 3261 22.3). No I/O: cnonces come from the given source.
/// </summary>
public sealed class DigestClient
{
    private readonly string _username;
    private readonly string _password;
    private readonly Func<string> _cnonce;
    private readonly Dictionary<string, RealmState> _realms = new(StringComparer.Ordinal);
    private RealmState? _last;

    public DigestClient(string username, string password, Func<string>? cnonceSource = null)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        _username = username;
        _password = password;
        _cnonce = cnonceSource ?? NewCnonce;
    }

    /// <summary>
    /// Takes a challenge from a 401 or 407. False means the far end refused our credentials: it challenged again, not
    /// stale, with the nonce we already answered (RFC 3261 22.2: do not retry the same credentials).
    /// </summary>
    public bool Accept(DigestChallenge challenge)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        if (!challenge.IsSupported)
        {
            throw new NotSupportedException($"digest algorithm {challenge.AlgorithmToken} is not supported");
        }

        if (_realms.TryGetValue(challenge.Realm, out RealmState? known) && known.Used > 0 && !challenge.Stale
            && string.Equals(known.Challenge.Nonce, challenge.Nonce, StringComparison.Ordinal))
        {
            return false;
        }

        _last = new RealmState(challenge);
        _realms[challenge.Realm] = _last;
        return true;
    }

    /// <summary>How many requests the realm's current nonce has served; 0 when none or unknown.</summary>
    public int NonceCount(string realm) => _realms.TryGetValue(realm, out RealmState? state) ? state.Used : 0;

    /// <summary>
    /// Credentials for a request, from the challenge of <paramref name="realm"/> (or the last one taken when null), with
    /// the nonce count advanced; null when no challenge is known.
    /// </summary>
    public DigestCredentials? Authorize(string method, string requestUri, ReadOnlySpan<byte> body = default, string? realm = null)
    {
        RealmState? state = realm is null ? _last : _realms.GetValueOrDefault(realm);
        if (state is null)
        {
            return null;
        }

        state.Used++;
        return DigestCredentials.Create(state.Challenge, _username, _password, method, requestUri, body, _cnonce(), state.Used);
    }

    /// <summary>Forgets every challenge (after a registration ends, or new credentials).</summary>
    public void Reset()
    {
        _realms.Clear();
        _last = null;
    }

    private static string NewCnonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private sealed class RealmState(DigestChallenge challenge)
    {
        public DigestChallenge Challenge { get; } = challenge;

        public int Used { get; set; }
    }
}
