using Faxgate.Fax.T30.Session;
using Faxgate.Sip.UserAgent;

namespace Faxgate.Server.Calls;

/// <summary>How an outbound fax call went: the call's outcome, and the fax's when T.38 was reached.</summary>
public sealed record SipDialResult(CallOutcome Call, FaxOutcome? Fax)
{
    public bool Succeeded => Fax is { Succeeded: true };
}
