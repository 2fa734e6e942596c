using System.Diagnostics.CodeAnalysis;
using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Transactions;

/// <summary>
/// The live transactions of one user agent, sans-IO: routes each received message to its transaction (sections
/// 17.1.3 and 17.2.3), creates server transactions for new requests and client transactions with fresh branches,
/// and forgets a transaction once it is Terminated and everything it had to say has been polled.
/// </summary>
public sealed class TransactionTable
{
    private readonly Dictionary<TransactionKey, SipTransaction> _transactions = [];
    private readonly SipTimers _timers;
    private readonly BranchGenerator _newBranch;

    public TransactionTable(SipTimers? timers = null, BranchGenerator? newBranch = null)
    {
        _timers = timers ?? SipTimers.Default;
        _newBranch = newBranch ?? Branches.Random;
    }

    public int Count => _transactions.Count;

    public IEnumerable<SipTransaction> Transactions => _transactions.Values;

    /// <summary>The earliest deadline of any transaction.</summary>
    public TimeSpan? NextDeadline
    {
        get
        {
            TimeSpan? earliest = null;
            foreach (SipTransaction transaction in _transactions.Values)
            {
                if (transaction.NextDeadline is { } d && (earliest is null || d < earliest))
                {
                    earliest = d;
                }
            }

            return earliest;
        }
    }

    public bool TryGet(TransactionKey key, [NotNullWhen(true)] out SipTransaction? transaction) =>
        _transactions.TryGetValue(key, out transaction);

    /// <summary>A transport is reliable unless the Via says UDP.</summary>
    public static bool IsReliable(Via via)
    {
        ArgumentNullException.ThrowIfNull(via);
        return !string.Equals(via.Transport, "UDP", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Starts a client transaction for <paramref name="request"/>: its top Via gets a new branch from the generator
    /// (a CANCEL keeps the branch of the INVITE it cancels, section 9.1), the transaction sends it at once.
    /// </summary>
    public ClientTransaction StartClient(SipRequest request, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.TopVia is not { } via)
        {
            throw new ArgumentException("a request needs a Via", nameof(request));
        }

        SipRequest stamped = request.Method == "CANCEL" ? request : WithTopBranch(request, NewBranch());
        bool reliable = IsReliable(via);
        ClientTransaction transaction = stamped.Method == "INVITE"
            ? new InviteClientTransaction(stamped, reliable, _timers)
            : new NonInviteClientTransaction(stamped, reliable, _timers);
        if (!_transactions.TryAdd(transaction.Key, transaction))
        {
            throw new InvalidOperationException($"a transaction {transaction.Key} exists already");
        }

        transaction.Start(now);
        return transaction;
    }

    /// <summary>Routes a received message to its transaction, creating a server transaction for a new request.</summary>
    public TransactionMatch Route(SipMessage message, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(message);
        Sweep();
        if (message is SipResponse)
        {
            // A Terminated INVITE client transaction has passed its 2xx up; the 2xx retransmissions go to the TU.
            if (TransactionKey.TryForClient(message, out TransactionKey? clientKey) && _transactions.TryGetValue(clientKey, out SipTransaction? client)
                && client.State != TransactionState.Terminated)
            {
                client.Handle(message, now);
                return new TransactionMatch(TransactionMatchKind.Matched, client);
            }

            return new TransactionMatch(TransactionMatchKind.StrayResponse);
        }

        var request = (SipRequest)message;
        if (!TransactionKey.TryForServer(request, out TransactionKey? key))
        {
            return new TransactionMatch(TransactionMatchKind.NotRfc3261);
        }

        if (_transactions.TryGetValue(key, out SipTransaction? existing))
        {
            existing.Handle(request, now);
            return new TransactionMatch(TransactionMatchKind.Matched, existing);
        }

        if (request.Method == "ACK")
        {
            return new TransactionMatch(TransactionMatchKind.UnmatchedAck);
        }

        bool reliable = IsReliable(request.TopVia!);
        ServerTransaction created = request.Method == "INVITE"
            ? new InviteServerTransaction(request, reliable, now, _timers)
            : new NonInviteServerTransaction(request, reliable, _timers);
        _transactions.Add(key, created);
        return new TransactionMatch(TransactionMatchKind.NewRequest, created);
    }

    /// <summary>Fires the due timers of every transaction.</summary>
    public void HandleTimeout(TimeSpan now)
    {
        foreach (SipTransaction transaction in _transactions.Values)
        {
            transaction.HandleTimeout(now);
        }
    }

    /// <summary>The next message any transaction wants sent.</summary>
    public bool TryPollTransmit([NotNullWhen(true)] out SipMessage? message)
    {
        foreach (SipTransaction transaction in _transactions.Values)
        {
            if (transaction.TryPollTransmit(out message))
            {
                return true;
            }
        }

        message = null;
        return false;
    }

    /// <summary>The next event of any transaction, with the transaction it comes from.</summary>
    public bool TryPollEvent([NotNullWhen(true)] out SipTransaction? source, out TransactionEvent transactionEvent)
    {
        foreach (SipTransaction transaction in _transactions.Values)
        {
            if (transaction.TryPollEvent(out transactionEvent))
            {
                source = transaction;
                return true;
            }
        }

        source = null;
        transactionEvent = default;
        Sweep();
        return false;
    }

    /// <summary>Forgets the transactions that are Terminated and have nothing left to poll.</summary>
    public int Sweep()
    {
        List<TransactionKey>? done = null;
        foreach ((TransactionKey key, SipTransaction transaction) in _transactions)
        {
            if (transaction.State == TransactionState.Terminated && !transaction.HasPending)
            {
                (done ??= []).Add(key);
            }
        }

        foreach (TransactionKey key in done ?? [])
        {
            _transactions.Remove(key);
        }

        return done?.Count ?? 0;
    }

    private string NewBranch()
    {
        string branch = _newBranch();
        return Branches.IsRfc3261(branch) ? branch : throw new InvalidOperationException($"the branch generator gave '{branch}', not z9hG4bK...");
    }

    /// <summary>A copy of <paramref name="request"/> whose top Via carries <paramref name="branch"/>.</summary>
    public static SipRequest WithTopBranch(SipRequest request, string branch)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(branch);
        Via top = request.TopVia ?? throw new ArgumentException("a request needs a Via", nameof(request));
        return new SipRequest(request.Method, request.RequestUri, request.HeadersWithTopVia(top with { Parameters = top.Parameters.With("branch", branch) }), request.Body, request.Version);
    }
}
