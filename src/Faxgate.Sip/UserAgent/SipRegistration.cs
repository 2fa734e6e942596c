using Faxgate.Sip.Auth;

namespace Faxgate.Sip.UserAgent;

/// <summary>One registration binding and its refresh schedule (RFC 3261 10.2.4: refreshed before it expires).</summary>
public sealed class SipRegistration
{
    internal SipRegistration(RegistrationRequest request, string callId, string tag)
    {
        Request = request;
        CallId = callId;
        Tag = tag;
        Digest = request.Credentials is { } c ? new DigestClient(c.Username, c.Password) : null;
    }

    public RegistrationRequest Request { get; }

    public string Name => Request.Name;

    public RegistrationState State { get; internal set; } = RegistrationState.Registering;

    /// <summary>The status of the last final response (or 408 made up on a timeout).</summary>
    public int? LastStatus { get; internal set; }

    /// <summary>The expiry the registrar granted.</summary>
    public TimeSpan? GrantedExpires { get; internal set; }

    internal string CallId { get; }

    internal string Tag { get; }

    internal uint Sequence { get; set; }

    internal DigestClient? Digest { get; }

    internal int ChallengesAnswered { get; set; }

    internal TimeSpan? NextAttempt { get; set; }

    internal bool Removing { get; set; }

    public override string ToString() => $"{Name}: {State}{(LastStatus is { } s ? $" ({s})" : "")}";
}
