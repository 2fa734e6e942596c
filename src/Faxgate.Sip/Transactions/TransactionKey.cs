using System.Diagnostics.CodeAnalysis;
using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Transactions;

/// <summary>
/// What identifies a transaction. A server transaction (section 17.2.3) is found by the top Via branch and sent-by
/// and the method, an ACK counting as INVITE; a client transaction (section 17.1.3) by the top Via branch and the
/// CSeq method, with no sent-by. CANCEL keeps the branch of the INVITE it cancels but is its own transaction.
/// </summary>
public sealed record TransactionKey
{
    private TransactionKey(string branch, string method, string? sentBy)
    {
        Branch = branch;
        Method = method;
        SentBy = sentBy;
    }

    public string Branch { get; }

    public string Method { get; }

    /// <summary>host[:port] of the top Via, host in lower case; null for client transactions.</summary>
    public string? SentBy { get; }

    public bool IsServer => SentBy is not null;

    /// <summary>The key of the server transaction a received request belongs to; false without an RFC 3261 branch.</summary>
    public static bool TryForServer(SipRequest request, [NotNullWhen(true)] out TransactionKey? key)
    {
        ArgumentNullException.ThrowIfNull(request);
        key = null;
        if (request.TopVia is not { } via || !Branches.IsRfc3261(via.Branch))
        {
            return false;
        }

        string method = request.Method == "ACK" ? "INVITE" : request.Method;
        string sentBy = via.Port is { } port ? $"{via.Host.ToLowerInvariant()}:{port}" : via.Host.ToLowerInvariant();
        key = new TransactionKey(via.Branch!, method, sentBy);
        return true;
    }

    /// <summary>The key of the client transaction a request starts, or a response answers (by its CSeq method).</summary>
    public static bool TryForClient(SipMessage message, [NotNullWhen(true)] out TransactionKey? key)
    {
        ArgumentNullException.ThrowIfNull(message);
        key = null;
        string? method = message switch
        {
            SipRequest request => request.Method,
            _ => message.CSeq?.Method,
        };
        if (method is null || message.TopVia is not { } via || !Branches.IsRfc3261(via.Branch))
        {
            return false;
        }

        key = new TransactionKey(via.Branch!, method, null);
        return true;
    }

    public override string ToString() => SentBy is null ? $"{Branch} {Method}" : $"{Branch} {SentBy} {Method}";
}
