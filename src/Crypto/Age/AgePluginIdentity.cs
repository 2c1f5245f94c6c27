using System.Globalization;

namespace Crypt.Crypto.Age;

/// <summary>
/// An <c>AGE-PLUGIN-NAME-1...</c> identity, unwrapped by the <c>age-plugin-name</c> binary
/// through the identity-v1 state machine (age v1.3.1 plugin/client.go Identity.Unwrap):
/// add-identity, every stanza as recipient-stanza 0, done; then file-key / error replies
/// until done. No file-key means the identity did not match.
/// </summary>
internal sealed class AgePluginIdentity : IAgeIdentity
{
    private readonly string _encoding;

    private AgePluginIdentity(string name, string encoding)
    {
        Name = name;
        _encoding = encoding;
    }

    /// <summary>The plugin name, lower case (the binary is <c>age-plugin-name</c>).</summary>
    public string Name { get; }

    /// <summary>Parses <c>AGE-PLUGIN-NAME-1...</c>.</summary>
    /// <exception cref="AgeException">Not a valid plugin identity (<see cref="AgeFailure.InvalidKey"/>); the message never repeats it.</exception>
    public static AgePluginIdentity Parse(string identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (!Bech32.TryDecode(identity, out string hrp, out _, out string error))
        {
            throw new AgeException(AgeFailure.InvalidKey, $"invalid plugin identity encoding: {error}");
        }

        if (!hrp.StartsWith("AGE-PLUGIN-", StringComparison.Ordinal) || !hrp.EndsWith('-'))
        {
            throw new AgeException(AgeFailure.InvalidKey, "not a plugin identity");
        }

        string name = hrp["AGE-PLUGIN-".Length..^1].ToLowerInvariant();
        return AgePluginNames.IsValid(name)
            ? new AgePluginIdentity(name, identity)
            : throw new AgeException(AgeFailure.InvalidKey, $"invalid plugin name: \"{name}\"");
    }

    /// <inheritdoc />
    public byte[]? Unwrap(IReadOnlyList<AgeStanza> stanzas)
    {
        ArgumentNullException.ThrowIfNull(stanzas);
        using AgePluginConnection plugin = AgePluginConnection.Open(Name, "identity-v1");
        plugin.Write("add-identity", [_encoding]);
        foreach (AgeStanza stanza in stanzas)
        {
            plugin.Write("recipient-stanza", ["0", stanza.Type, .. stanza.Args], stanza.Body);
        }

        plugin.Write("done", []);
        byte[]? fileKey = null;
        while (true)
        {
            AgeStanza reply = plugin.Read();
            switch (reply.Type)
            {
                case "file-key":
                    if (reply.Args.Count != 1 || !int.TryParse(reply.Args[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index != 0)
                    {
                        throw plugin.Error("malformed file-key stanza");
                    }

                    if (fileKey is not null)
                    {
                        throw plugin.Error("received duplicated file-key stanza");
                    }

                    fileKey = reply.Body;
                    plugin.Write("ok", []);
                    break;
                case "error":
                    plugin.Write("ok", []);
                    throw plugin.Error(System.Text.Encoding.UTF8.GetString(reply.Body));
                case "done":
                    return fileKey;
                default:
                    plugin.Write("unsupported", []);
                    break;
            }
        }
    }

    /// <summary>Names the plugin only.</summary>
    public override string ToString() => $"age plugin identity ({Name})";
}
