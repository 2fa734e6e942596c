using System.Text;

namespace Faxgate.Sip.Auth;

/// <summary>
/// The walk over one challenge header value (RFC 7235 4.1: <c>1#( auth-scheme [ 1*SP #auth-param ] )</c>): a token
/// followed by '=' is a parameter of the current challenge, any other token starts a new challenge.
/// </summary>
internal static class DigestChallengeReader
{
    public static DigestError Read(string value, DigestLimits limits, List<(DigestChallenge, int)> found)
    {
        if (value.Length > limits.MaxLength)
        {
            return new DigestError(DigestErrorKind.TooLong, limits.MaxLength);
        }

        for (int i = 0; i < value.Length; i++)
        {
            if ((value[i] < 0x20 && value[i] != '\t') || value[i] == 0x7F)
            {
                return new DigestError(DigestErrorKind.InvalidCharacter, i);
            }
        }

        int p = 0;
        int parameters = 0;
        Builder? current = null;
        DigestError semantic = default;
        while (true)
        {
            while (p < value.Length && value[p] is ' ' or '\t' or ',')
            {
                p++;
            }

            if (p >= value.Length)
            {
                break;
            }

            int at = p;
            while (p < value.Length && value[p] is not (' ' or '\t' or ',' or '=' or '"'))
            {
                p++;
            }

            if (p == at)
            {
                return new DigestError(DigestErrorKind.MalformedParameter, at);
            }

            string token = value[at..p];
            int afterToken = p;
            while (p < value.Length && value[p] is ' ' or '\t')
            {
                p++;
            }

            if (p >= value.Length || value[p] != '=')
            {
                Finish(current, found, ref semantic);
                current = new Builder(token, at);
                p = afterToken;
                continue;
            }

            p++;
            if (current is null)
            {
                return new DigestError(DigestErrorKind.MalformedParameter, at);
            }

            if (++parameters > limits.MaxParameters)
            {
                return new DigestError(DigestErrorKind.TooManyParameters, at);
            }

            while (p < value.Length && value[p] is ' ' or '\t')
            {
                p++;
            }

            DigestError valueError = ReadValue(value, limits, ref p, out string parameter);
            if (valueError.Kind != DigestErrorKind.None)
            {
                return valueError;
            }

            if (parameter.Length == 0 && value[p - 1] != '"')
            {
                return new DigestError(DigestErrorKind.MalformedParameter, at);
            }

            if (!current.Parameters.TryAdd(token, parameter))
            {
                return new DigestError(DigestErrorKind.DuplicateParameter, at);
            }
        }

        Finish(current, found, ref semantic);
        return semantic.Kind != DigestErrorKind.None ? semantic
            : current is null || found.Count == 0 ? new DigestError(DigestErrorKind.NotDigest, 0)
            : default;
    }

    private static DigestError ReadValue(string value, DigestLimits limits, ref int p, out string parameter)
    {
        parameter = "";
        int start = p;
        if (p < value.Length && value[p] == '"')
        {
            var text = new StringBuilder();
            p++;
            while (true)
            {
                if (p >= value.Length)
                {
                    return new DigestError(DigestErrorKind.UnterminatedQuotedString, start);
                }

                char c = value[p++];
                if (c == '"')
                {
                    break;
                }

                if (c == '\\')
                {
                    if (p >= value.Length)
                    {
                        return new DigestError(DigestErrorKind.UnterminatedQuotedString, start);
                    }

                    c = value[p++];
                }

                if (text.Length >= limits.MaxValueLength)
                {
                    return new DigestError(DigestErrorKind.ValueTooLong, start);
                }

                text.Append(c);
            }

            parameter = text.ToString();
            return default;
        }

        while (p < value.Length && value[p] is not (' ' or '\t' or ','))
        {
            p++;
        }

        if (p - start > limits.MaxValueLength)
        {
            return new DigestError(DigestErrorKind.ValueTooLong, start);
        }

        parameter = value[start..p];
        return default;
    }

    private static void Finish(Builder? builder, List<(DigestChallenge, int)> found, ref DigestError semantic)
    {
        if (builder is null || !string.Equals(builder.Scheme, "Digest", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        DigestError error = builder.Build(out DigestChallenge? challenge);
        if (challenge is not null)
        {
            found.Add((challenge, builder.Offset));
        }
        else if (semantic.Kind == DigestErrorKind.None)
        {
            semantic = error;
        }
    }

    /// <summary>One challenge's scheme and parameters while they are read.</summary>
    private sealed class Builder(string scheme, int offset)
    {
        public string Scheme { get; } = scheme;

        public int Offset { get; } = offset;

        public Dictionary<string, string> Parameters { get; } = new(StringComparer.OrdinalIgnoreCase);

        public DigestError Build(out DigestChallenge? challenge)
        {
            challenge = null;
            if (!Parameters.TryGetValue("realm", out string? realm))
            {
                return new DigestError(DigestErrorKind.MissingRealm, Offset);
            }

            if (!Parameters.TryGetValue("nonce", out string? nonce) || nonce.Length == 0)
            {
                return new DigestError(DigestErrorKind.MissingNonce, Offset);
            }

            string algorithm = Parameters.TryGetValue("algorithm", out string? named) ? named.Trim() : "MD5";
            var qop = new List<DigestQop>();
            if (Parameters.TryGetValue("qop", out string? options))
            {
                foreach (string option in options.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    DigestQop? known = option.ToUpperInvariant() switch
                    {
                        "AUTH" => DigestQop.Auth,
                        "AUTH-INT" => DigestQop.AuthInt,
                        _ => null,
                    };
                    if (known is { } q && !qop.Contains(q))
                    {
                        qop.Add(q);
                    }
                }
            }

            challenge = new DigestChallenge(realm, nonce)
            {
                Algorithm = DigestAlgorithms.FromToken(algorithm),
                AlgorithmToken = algorithm,
                Opaque = Parameters.GetValueOrDefault("opaque"),
                QopOptions = qop,
                Stale = IsTrue("stale"),
                UserHash = IsTrue("userhash"),
                Domain = Parameters.GetValueOrDefault("domain"),
            };
            return default;
        }

        private bool IsTrue(string name) =>
            Parameters.TryGetValue(name, out string? flag) && string.Equals(flag.Trim(), "true", StringComparison.OrdinalIgnoreCase);
    }
}
