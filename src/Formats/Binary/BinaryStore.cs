using Crypt.Formats.Encryption;
using Crypt.Formats.Json;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Binary;

/// <summary>
/// SOPS's binary store (<c>stores/json.BinaryStore</c>, FORMAT.md §8.2): the plaintext is the
/// whole file as one string under the key <c>data</c>; the encrypted file is JSON. The string
/// holds the file's bytes exactly, as sops's Go string does (<see cref="ByteStringChunk"/>):
/// any byte sequence is encrypted, hashed for the MAC and written back unchanged.
/// </summary>
internal sealed class BinaryStore : IDocumentStore
{
    /// <summary>The single key holding the file's content.</summary>
    public const string DataKey = "data";

    private readonly JsonStore _json = new();

    public DocumentFormat Format => DocumentFormat.Binary;

    public TreeDocument ParsePlain(ReadOnlyMemory<byte> content)
    {
        // Copied with room after it, so the encryptor writes the parts in place (see RoomChunk).
        return new(new TreeMap().Add(DataKey, PlaintextLeaves.ByteString(content.Span)));
    }

    // ENC[...] values kept as their parts (a third smaller than their text, decoded once).
    public TreeDocument ParseEncrypted(ReadOnlyMemory<byte> content) => _json.ParseEncrypted(content);

    public void EmitPlain(TreeDocument document, EmitOptions options, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Branches.Count != 1)
        {
            throw new UnrepresentableOutputException("error emitting binary store: there must be exactly one tree branch");
        }

        foreach (TreeMapItem item in document.Branches[0].Items)
        {
            if (item.Key == DataKey)
            {
                if (item.Value is not TreeScalar { IsString: true } scalar)
                {
                    throw new UnrepresentableOutputException("error emitting binary store: 'data' does not hold a string", keyPath: DataKey);
                }

                if (scalar.TryGetStringBytes(out ReadOnlySpan<byte> bytes))
                {
                    output.Write(bytes);
                }
                else
                {
                    TextOutput.WriteUtf8(scalar.Text, output);
                }

                return;
            }
        }

        throw new UnrepresentableOutputException("error emitting binary store: no binary data found in tree");
    }

    public void EmitEncrypted(TreeDocument document, EmitOptions options, Stream output) => _json.EmitPlain(document, options, output);

    public void EmitValue(TreeNode value, EmitOptions options, Stream output) =>
        throw new UnrepresentableOutputException("binary files are not structured and extracting a single value is not possible");
}
