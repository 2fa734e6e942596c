using Faxgate.Storage.Addressing;

namespace Faxgate.Storage.Numbers;

/// <summary>
/// Where a call to a number goes (the Fax2Email flow asks before it answers). <see cref="Active"/> is true only when
/// the number and its account are both active; an inactive route is refused the same way as an unknown number.
/// </summary>
public sealed record NumberRoute(
    long NumberId,
    E164Number Number,
    long AccountId,
    string AccountHandle,
    bool Active,
    IReadOnlyList<EmailAddress> Emails,
    AttachmentFormat Format);
