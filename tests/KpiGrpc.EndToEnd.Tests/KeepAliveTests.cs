using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace KpiGrpc.EndToEnd.Tests;

/// <summary>The server pings a silent connection and closes it when the client has vanished, so that its calls end.</summary>
public sealed class KeepAliveTests : IDisposable
{
    private const byte Settings = 0x4;
    private const byte Ping = 0x6;
    private const byte Ack = 0x1;
    private readonly string _directory = Directory.CreateTempSubdirectory("kpi-keepalive-").FullName;

    [Fact]
    public async Task Connection_ClientStopsAnswering_PingedThenClosed()
    {
        // Arrange: a client that opens an HTTP/2 connection, then never says another word.
        await using var server = await KpiServerProcess.StartAsync(Path.Combine(_directory, "data"), settings:
            ["--Kpi:Limits:KeepAlivePingDelay", "00:00:01", "--Kpi:Limits:KeepAlivePingTimeout", "00:00:01"]);
        using var client = new TcpClient();
        await client.ConnectAsync(server.Address.Host, server.Address.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
        await stream.WriteAsync(Frame(Settings, flags: 0));

        // Act: read what the server sends until it closes the connection.
        var frameTypes = new List<byte>();
        var header = new byte[9];
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (await ReadFullyAsync(stream, header, patience.Token))
        {
            var (length, type, flags) = (BinaryPrimitives.ReadUInt32BigEndian(header) >> 8, header[3], header[4]);
            await ReadFullyAsync(stream, new byte[length], patience.Token);
            frameTypes.Add(type);
            if (type == Settings && (flags & Ack) == 0)
            {
                await stream.WriteAsync(Frame(Settings, Ack), patience.Token);
            }
        }

        // Assert: closed after a ping, not by an idle timeout (Kestrel's closes after 130 s, unpinged).
        Assert.Contains(Ping, frameTypes);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static byte[] Frame(byte type, byte flags) => [0, 0, 0, type, flags, 0, 0, 0, 0];

    /// <summary>Fills <paramref name="buffer"/>; false when the server closed or reset the connection first.</summary>
    private static async Task<bool> ReadFullyAsync(NetworkStream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException)
        {
            return false;
        }
    }
}
