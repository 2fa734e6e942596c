using Faxgate.Storage.Addressing;

namespace Faxgate.Storage.Senders;

/// <summary>A sender whose password checked out: the address and the active account its faxes are charged to.</summary>
public sealed record SenderIdentity(long SenderId, EmailAddress Email, long AccountId, string AccountHandle);
