using Crypt.Crypto.Errors;
using Crypt.Formats.Dotenv;
using Crypt.Formats.Json;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Binary;

/// <summary>
/// SOPS's binary store (<c>stores/json.BinaryStore</c>, FORMAT.md §8.2): the plaintext is the
/// whole file as one string under the key <c>data</c>; the encrypted file is JSON. Crypt needs
/// the file to be UTF-8 (see <see cref="StrictUtf8"/>); sops also takes arbitrary bytes.
/// </summary>
internal sealed class BinaryStore : IDocumentStore
{
    /// <summary>The single key holding the file's content.</summary>
    public const string DataKey = "data";

    private readonly JsonStore _json = new();

    public DocumentFormat Format => DocumentFormat.Binary;

    public TreeDocument ParsePlain(ReadOnlyMemory<byte> content) =>
        new(new TreeMap().Add(DataKey, TreeScalar.String(StrictUtf8.Decode(content.Span, "binary"))));

    public TreeDocument ParseEncrypted(ReadOnlyMemory<byte> content) => _json.ParsePlain(content);

    public void EmitPlain(TreeDocument document, EmitOptions options, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Branches.Count != 1)
        {
            throw new CryptFormatException("error emitting binary store: there must be exactly one tree branch");
        }

        foreach (TreeMapItem item in document.Branches[0].Items)
        {
            if (item.Key == DataKey)
            {
                if (item.Value is not TreeScalar { IsString: true } scalar)
                {
                    throw new CryptFormatException("error emitting binary store: 'data' does not hold a string", keyPath: DataKey);
                }

                TextOutput.WriteUtf8(scalar.Text, output);
                return;
            }
        }

        throw new CryptFormatException("error emitting binary store: no binary data found in tree");
    }

    public void EmitEncrypted(TreeDocument document, EmitOptions options, Stream output) => _json.EmitPlain(document, options, output);

    public void EmitValue(TreeNode value, EmitOptions options, Stream output) =>
        throw new CryptFormatException("binary files are not structured and extracting a single value is not possible");
}
