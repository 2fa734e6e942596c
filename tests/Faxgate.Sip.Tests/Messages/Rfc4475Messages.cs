using Faxgate.Sip.Messages;
using Faxgate.TestSupport;

namespace Faxgate.Sip.Tests.Messages;

/// <summary>The RFC 4475 torture messages, as the files its Appendix A archive holds (Rfc4475/*.dat).</summary>
internal static class Rfc4475Messages
{
    /// <summary>Section 3.1.1: valid messages a parser must accept.</summary>
    public static readonly string[] Valid =
        ["wsinv", "intmeth", "esc01", "escnull", "esc02", "lwsdisp", "longreq", "dblreq", "semiuri", "transports", "mpart01", "unreason", "noreason"];

    /// <summary>Every message of the archive.</summary>
    private static string Folder => Path.Combine(Repository.Root, "tests", "Faxgate.Sip.Tests", "Messages", "Rfc4475");

    public static IEnumerable<string> All =>
        Directory.EnumerateFiles(Folder, "*.dat")
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal)!;

    public static byte[] Load(string name) => File.ReadAllBytes(Path.Combine(Folder, name + ".dat"));

    public static SipParseStatus ParseDatagram(string name, out SipMessage? message, out SipParseError? error) =>
        SipMessageParser.TryParseDatagram(Load(name), SipParserLimits.Default, out message, out error);

    public static SipMessage Parse(string name)
    {
        SipParseStatus status = ParseDatagram(name, out SipMessage? message, out SipParseError? error);
        Assert.True(status == SipParseStatus.Complete, $"{name}: {status} {error}");
        return message!;
    }

    public static SipRequest Request(string name) => Assert.IsType<SipRequest>(Parse(name));
}
