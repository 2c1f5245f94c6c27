using System.Net;
using System.Net.Sockets;

namespace Crypt.Tests.Emulators.Network;

/// <summary>
/// A loopback TCP listener that accepts connections and never answers: the service that hangs.
/// </summary>
public sealed class SilentListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _held = [];
    private readonly CancellationTokenSource _stop = new();

    public SilentListener()
    {
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>An http URL (AWS endpoint form, with a trailing slash).</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>An https vault URL (Key Vault form, no trailing slash).</summary>
    public string VaultUrl => $"https://127.0.0.1:{Port}";

    /// <summary>An http URL of a loopback port that was free a moment ago and has nothing listening on it.</summary>
    public static Uri ClosedPortUrl() => new($"http://127.0.0.1:{FreePort()}/");

    /// <summary>An https vault URL of a loopback port with nothing listening on it.</summary>
    public static string ClosedPortVaultUrl() => $"https://127.0.0.1:{FreePort()}";

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_held)
        {
            _held.ForEach(c => c.Dispose());
        }

        _stop.Dispose();
    }

    private static int FreePort()
    {
        TcpListener probe = new(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_held)
                {
                    _held.Add(client);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }
}
