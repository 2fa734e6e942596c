namespace Faxgate.Storage.Faxes;

/// <summary>Which way a fax went (faxes.direction): received from the phone network or sent to it.</summary>
public static class FaxDirections
{
    public const string In = "in";

    public const string Out = "out";

    public static IReadOnlyList<string> All { get; } = [In, Out];
}
