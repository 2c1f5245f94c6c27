using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Formats;

public sealed partial class DecryptedDocument
{
    /// <summary>Re-encrypts <paramref name="edited"/> (see <see cref="Reencrypt(TreeDocument)"/>) and writes the file.</summary>
    public byte[] Reencrypt(TreeDocument edited, DocumentFormat format, EmitOptions options) =>
        SopsDocument.Emit(Reencrypt(edited), format, options);
}
