namespace Faxgate.Storage.Faxes;

/// <summary>
/// Where a fax stands (faxes.status): <see cref="Active"/> while its call is up, then one of the three ends. A fax
/// that failed is a normal result, with the outcome code and reason saying why.
/// </summary>
public static class FaxStatuses
{
    public const string Active = "active";

    public const string Received = "received";

    public const string Sent = "sent";

    public const string Failed = "failed";

    public static IReadOnlyList<string> All { get; } = [Active, Received, Sent, Failed];

    /// <summary>The statuses a fax can finish with.</summary>
    public static IReadOnlyList<string> Final { get; } = [Received, Sent, Failed];
}
