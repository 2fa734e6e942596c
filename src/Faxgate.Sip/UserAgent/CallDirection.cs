namespace Faxgate.Sip.UserAgent;

public enum CallDirection
{
    /// <summary>The far end called us (an INVITE to one of our numbers).</summary>
    Inbound,

    /// <summary>We called the far end (an INVITE to a trunk).</summary>
    Outbound,
}
