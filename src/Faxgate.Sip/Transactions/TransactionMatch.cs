namespace Faxgate.Sip.Transactions;

/// <summary>The outcome of routing a received message, with the transaction that took it, if any.</summary>
public readonly record struct TransactionMatch(TransactionMatchKind Kind, SipTransaction? Transaction = null);
