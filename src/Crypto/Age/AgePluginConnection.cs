using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Crypt.Crypto.Age;

/// <summary>
/// One run of an age plugin binary (age plugin protocol, age v1.3.1 plugin/client.go
/// openClientConnection): <c>age-plugin-NAME --age-plugin=STATE_MACHINE</c> found on PATH,
/// spoken to in age stanzas over its standard input and output, run in the temp folder.
/// Interactive requests get "fail" (Crypt has no plugin UI), messages go to standard error,
/// unknown commands get "unsupported", as the client does without a UI.
/// </summary>
internal sealed class AgePluginConnection : IDisposable
{
    private readonly Process _process;
    private readonly AgeReader _reader;
    private readonly string _name;

    private AgePluginConnection(Process process, string name)
    {
        _process = process;
        _name = name;
        _reader = new AgeReader(process.StandardOutput.BaseStream);
    }

    /// <summary>
    /// Where a plugin's <c>msg</c> stanzas (e.g. "touch your key") go: the library shows nothing
    /// itself; the CLI sets this to print them. Unset, they are acknowledged and dropped.
    /// </summary>
    public static Action<string>? MessageReceived { get; set; }

    public static AgePluginConnection Open(string name, string stateMachine)
    {
        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
        {
            throw new AgeException(AgeFailure.InvalidKey, $"invalid plugin name: \"{name}\"");
        }

        ProcessStartInfo start = new("age-plugin-" + name)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add("--age-plugin=" + stateMachine);
        try
        {
            return new AgePluginConnection(Process.Start(start)!, name);
        }
        catch (Win32Exception e)
        {
            throw new AgeException(AgeFailure.UnsupportedRecipient, $"\"{name}\" plugin not found: age-plugin-{name} is not on PATH ({e.Message})");
        }
    }

    public void Write(string type, IReadOnlyList<string> args, byte[]? body = null)
    {
        StringBuilder text = new();
        AgeHeader.AppendStanza(text, new AgeStanza(type, args, body ?? []));
        Stream input = _process.StandardInput.BaseStream;
        input.Write(Encoding.ASCII.GetBytes(text.ToString()));
        input.Flush();
    }

    /// <summary>Reads the next stanza, answering the UI requests the protocol may interleave.</summary>
    public AgeStanza Read()
    {
        while (true)
        {
            AgeStanza stanza;
            try
            {
                stanza = AgeHeaderReader.ReadStanza(_reader);
            }
            catch (AgeException e)
            {
                throw new AgeException(AgeFailure.Header, $"{_name} plugin: {e.Message}");
            }

            switch (stanza.Type)
            {
                case "msg":
                    MessageReceived?.Invoke($"{_name} plugin: {Encoding.UTF8.GetString(stanza.Body)}");
                    Write("ok", []);
                    break;
                case "request-secret" or "request-public" or "confirm":
                    Write("fail", []);
                    break;
                default:
                    return stanza;
            }
        }
    }

    public AgeException Error(string message) => new(AgeFailure.Header, $"{_name} plugin: {message}");

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}
