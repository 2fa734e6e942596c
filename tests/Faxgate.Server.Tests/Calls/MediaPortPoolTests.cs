using System.Net;
using System.Net.Sockets;
using Faxgate.Server.Calls;

namespace Faxgate.Server.Tests.Calls;

public sealed class MediaPortPoolTests
{
    private static readonly IPAddress Local = IPAddress.Loopback;

    [Fact]
    public void Ports_are_handed_out_round_robin_and_given_back_on_dispose()
    {
        PortRange range = FreeRange(3);
        var pool = new MediaPortPool(range);

        MediaPort first = pool.Rent(Local);
        Assert.Equal(range.First, first.Port);
        Assert.Equal(new IPEndPoint(Local, range.First), first.LocalEndPoint);
        Assert.Equal(first.LocalEndPoint, first.Socket.LocalEndPoint);
        Assert.Equal(1, pool.InUse);

        first.Dispose();
        Assert.Equal(0, pool.InUse);
        using MediaPort second = pool.Rent(Local);
        Assert.Equal(range.First + 1, second.Port);
        using MediaPort third = pool.Rent(Local);
        Assert.Equal(range.First + 2, third.Port);
        using MediaPort wrapped = pool.Rent(Local);
        Assert.Equal(range.First, wrapped.Port);
        Assert.Equal(3, pool.InUse);
    }

    [Fact]
    public void A_disposed_port_is_closed_and_free_for_anyone()
    {
        PortRange range = FreeRange(2);
        var pool = new MediaPortPool(range);
        MediaPort port = pool.Rent(Local);
        Socket socket = port.Socket;

        port.Dispose();
        port.Dispose();
        Assert.Equal(0, pool.InUse);
        Assert.Throws<ObjectDisposedException>(() => socket.Send([1]));
        using var other = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        other.Bind(new IPEndPoint(Local, range.First));
    }

    [Fact]
    public void A_two_port_range_is_exhausted_by_two_calls_and_recovers_when_one_ends()
    {
        PortRange range = FreeRange(2);
        var pool = new MediaPortPool(range);
        using MediaPort first = pool.Rent(Local);
        MediaPort second = pool.Rent(Local);

        var error = Assert.Throws<MediaPortsExhaustedException>(() => pool.Rent(Local));
        Assert.Equal($"no free media port in {range} on 127.0.0.1: 2 in use by calls, 0 taken by other programs", error.Message);
        Assert.Equal(2, pool.InUse);

        second.Dispose();
        using MediaPort again = pool.Rent(Local);
        Assert.Equal(second.Port, again.Port);
    }

    [Fact]
    public void A_port_another_program_holds_is_passed_over()
    {
        PortRange range = FreeRange(3);
        var pool = new MediaPortPool(range);
        var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        squatter.Bind(new IPEndPoint(Local, range.First));

        using MediaPort first = pool.Rent(Local);
        using MediaPort second = pool.Rent(Local);
        Assert.Equal([range.First + 1, range.First + 2], [first.Port, second.Port]);
        var error = Assert.Throws<MediaPortsExhaustedException>(() => pool.Rent(Local));
        Assert.Contains("2 in use by calls, 1 taken by other programs", error.Message, StringComparison.Ordinal);

        squatter.Dispose();
        using MediaPort freed = pool.Rent(Local);
        Assert.Equal(range.First, freed.Port);
    }

    [Fact]
    public async Task Concurrent_renters_never_share_a_port()
    {
        PortRange range = FreeRange(40);
        var pool = new MediaPortPool(range);
        MediaPort[] ports = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => pool.Rent(Local))));
        Assert.Equal(40, ports.Select(p => p.Port).Distinct().Count());
        Assert.Equal(40, pool.InUse);
        await Task.WhenAll(ports.Select(p => Task.Run(p.Dispose)));
        Assert.Equal(0, pool.InUse);
    }

    /// <summary>A range of <paramref name="count"/> ports that are free now, below the ephemeral ports the kernel hands out.</summary>
    private static PortRange FreeRange(int count)
    {
        for (int attempt = 0; attempt < 200; attempt++)
        {
            int first = Random.Shared.Next(20_000, 30_000 - count);
            if (Enumerable.Range(first, count).All(IsFree))
            {
                return new PortRange(first, first + count - 1);
            }
        }

        throw new InvalidOperationException($"no {count} consecutive free UDP ports found");
    }

    private static bool IsFree(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(new IPEndPoint(Local, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
