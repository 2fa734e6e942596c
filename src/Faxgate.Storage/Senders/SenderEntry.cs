using Faxgate.Storage.Addressing;

namespace Faxgate.Storage.Senders;

/// <summary>An address allowed to send faxes by email, as the administrator sees it (never its password hash).</summary>
public sealed record SenderEntry(EmailAddress Email, string Account, long CreatedAt);
