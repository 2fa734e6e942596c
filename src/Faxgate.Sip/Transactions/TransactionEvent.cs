using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Transactions;

/// <summary>What a transaction tells its TU: a response, a time-out, a transport failure or its end.</summary>
public readonly record struct TransactionEvent(TransactionEventKind Kind, SipResponse? Response = null);
