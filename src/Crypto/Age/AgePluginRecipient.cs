using System.Globalization;

namespace Crypt.Crypto.Age;

/// <summary>
/// An <c>age1NAME1...</c> recipient, wrapped by the <c>age-plugin-NAME</c> binary through the
/// recipient-v1 state machine (age v1.3.1 plugin/client.go Recipient.WrapWithLabels):
/// add-recipient, wrap-file-key, extension-labels, done; then recipient-stanza / labels /
/// error replies until done.
/// </summary>
internal sealed class AgePluginRecipient : IAgeRecipient
{
    private readonly string _encoding;
    private IReadOnlyList<string>? _labels;

    private AgePluginRecipient(string name, string encoding)
    {
        Name = name;
        _encoding = encoding;
    }

    /// <summary>The plugin name (the binary is <c>age-plugin-NAME</c>).</summary>
    public string Name { get; }

    /// <inheritdoc />
    /// <remarks>Known after <see cref="Wrap"/>; the plugin declares them.</remarks>
    public IReadOnlyList<string> Labels => _labels ?? [];

    /// <summary>Parses <c>age1NAME1...</c>.</summary>
    /// <exception cref="AgeException">Not a valid plugin recipient (<see cref="AgeFailure.InvalidKey"/>).</exception>
    public static AgePluginRecipient Parse(string recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        if (!Bech32.TryDecode(recipient, out string hrp, out _, out string error))
        {
            throw new AgeException(AgeFailure.InvalidKey, $"invalid plugin recipient encoding \"{AgeKeyParser.Shorten(recipient)}\": {error}");
        }

        string name = hrp["age1".Length..];
        return AgePluginNames.IsValid(name)
            ? new AgePluginRecipient(name, recipient)
            : throw new AgeException(AgeFailure.InvalidKey, $"invalid plugin name: \"{name}\"");
    }

    /// <inheritdoc />
    public IReadOnlyList<AgeStanza> Wrap(ReadOnlySpan<byte> fileKey)
    {
        using AgePluginConnection plugin = AgePluginConnection.Open(Name, "recipient-v1");
        plugin.Write("add-recipient", [_encoding]);
        plugin.Write("wrap-file-key", [], fileKey.ToArray());
        plugin.Write("extension-labels", []);
        plugin.Write("done", []);
        List<AgeStanza> stanzas = [];
        List<string>? labels = null;
        while (true)
        {
            AgeStanza reply = plugin.Read();
            switch (reply.Type)
            {
                case "recipient-stanza":
                    if (reply.Args.Count < 2 || !int.TryParse(reply.Args[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index) || index != 0)
                    {
                        throw plugin.Error("malformed recipient stanza");
                    }

                    stanzas.Add(new AgeStanza(reply.Args[1], [.. reply.Args.Skip(2)], reply.Body));
                    plugin.Write("ok", []);
                    break;
                case "labels":
                    if (labels is not null)
                    {
                        throw plugin.Error("repeated labels stanza");
                    }

                    labels = [.. reply.Args];
                    plugin.Write("ok", []);
                    break;
                case "error":
                    plugin.Write("ok", []);
                    throw plugin.Error(System.Text.Encoding.UTF8.GetString(reply.Body));
                case "done":
                    if (stanzas.Count == 0)
                    {
                        throw plugin.Error("received zero recipient stanzas");
                    }

                    _labels = labels ?? [];
                    return stanzas;
                default:
                    plugin.Write("unsupported", []);
                    break;
            }
        }
    }

    /// <summary>The <c>age1NAME1...</c> form.</summary>
    public override string ToString() => _encoding;
}
