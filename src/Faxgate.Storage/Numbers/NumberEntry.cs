using Faxgate.Storage.Addressing;

namespace Faxgate.Storage.Numbers;

/// <summary>One fax number as the administrator sees it: whose it is, whether it takes calls, where faxes go.</summary>
public sealed record NumberEntry(
    E164Number Number,
    string Account,
    bool Active,
    AttachmentFormat Format,
    IReadOnlyList<EmailAddress> Emails,
    long CreatedAt);
