using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace Faxgate.TestSupport;

/// <summary>
/// The SIP services the interop tests talk to: Kamailio as registrar and proxy at FAXGATE_TEST_KAMAILIO
/// (<c>udp:HOST:PORT</c>), by default the private one the test command starts on udp:127.0.0.1:5070, and the
/// <c>sipsak</c> command. When Kamailio does not answer, the calling test skips visibly, unless
/// FAXGATE_TEST_KAMAILIO was set (as the test command does): then an absent Kamailio is a failure.
/// </summary>
public static class TestServices
{
    public const string DefaultKamailio = "udp:127.0.0.1:5070";

    private const string Variable = "FAXGATE_TEST_KAMAILIO";
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);
    private static readonly Lazy<(IPEndPoint? EndPoint, string? Problem)> KamailioProbe = new(ProbeKamailio);

    private static bool Promised => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 };

    /// <summary>
    /// Kamailio's UDP endpoint. Skips the calling test when Kamailio does not answer and none was promised; fails
    /// when one was promised.
    /// </summary>
    public static IPEndPoint RequireKamailio()
    {
        (IPEndPoint? endPoint, string? problem) = KamailioProbe.Value;
        if (endPoint is not null && problem is null)
        {
            return endPoint;
        }

        Assert.False(Promised, $"{Variable} is set but Kamailio does not answer: {problem}");
        Skip.If(true, $"no Kamailio for the tests ({problem}); the test command starts one");
        throw new InvalidOperationException("unreachable: Skip.If throws");
    }

    /// <summary>
    /// The path of the <c>sipsak</c> command. Skips the calling test when it is not installed, unless the test
    /// command promised the SIP services (FAXGATE_TEST_KAMAILIO set): then its absence is a failure.
    /// </summary>
    public static string RequireSipsak()
    {
        string? path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "sipsak"))
            .FirstOrDefault(File.Exists);
        if (path is not null)
        {
            return path;
        }

        Assert.False(Promised, $"{Variable} is set but sipsak is not installed");
        Skip.If(true, "sipsak is not installed; ./test.sh installs it");
        throw new InvalidOperationException("unreachable: Skip.If throws");
    }

    /// <summary>Reads <c>udp:HOST:PORT</c> (an IPv4 address; only UDP is offered to the tests).</summary>
    public static IPEndPoint ParseEndPoint(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string[] parts = value.Split(':');
        if (parts.Length != 3 || !parts[0].Equals("udp", StringComparison.OrdinalIgnoreCase)
            || !IPAddress.TryParse(parts[1], out IPAddress? address)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port is < 1 or > 65535)
        {
            throw new FormatException($"{Variable} must look like udp:127.0.0.1:5070, not '{value}'");
        }

        return new IPEndPoint(address, port);
    }

    private static (IPEndPoint?, string?) ProbeKamailio()
    {
        string configured = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : DefaultKamailio;
        IPEndPoint endPoint;
        try
        {
            endPoint = ParseEndPoint(configured);
        }
        catch (FormatException e)
        {
            return (null, e.Message);
        }

        return (endPoint, Options(endPoint));
    }

    /// <summary>Sends one OPTIONS to the proxy itself; null when a 200 came back, else what went wrong.</summary>
    private static string? Options(IPEndPoint proxy)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        socket.ReceiveTimeout = (int)ProbeTimeout.TotalMilliseconds;
        int port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        string id = Guid.NewGuid().ToString("N");
        string options =
            $"OPTIONS sip:{proxy.Address}:{proxy.Port} SIP/2.0\r\n" +
            $"Via: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bK{id};rport\r\n" +
            "Max-Forwards: 70\r\n" +
            $"From: <sip:probe@127.0.0.1:{port}>;tag={id[..8]}\r\n" +
            $"To: <sip:{proxy.Address}:{proxy.Port}>\r\n" +
            $"Call-ID: {id}@127.0.0.1\r\n" +
            "CSeq: 1 OPTIONS\r\n" +
            "Content-Length: 0\r\n\r\n";
        try
        {
            socket.SendTo(Encoding.ASCII.GetBytes(options), proxy);
            var buffer = new byte[65536];
            int length = socket.Receive(buffer);
            string reply = Encoding.ASCII.GetString(buffer, 0, length);
            string first = reply.Split('\n')[0].Trim();
            return first.StartsWith("SIP/2.0 200", StringComparison.Ordinal) ? null : $"OPTIONS got '{first}'";
        }
        catch (SocketException e)
        {
            return $"OPTIONS to {proxy}: {e.SocketErrorCode}";
        }
    }
}
