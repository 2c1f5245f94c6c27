namespace Crypt.Formats.Tree;

/// <summary>
/// How a text file was laid out apart from its content: a UTF-8 byte order mark, and CRLF line
/// breaks. Crypt reads files in either layout (sops refuses a BOM in JSON and keeps CRs in
/// dotenv values) and writes a document back in the layout it came in: an encrypted file keeps
/// its plaintext's layout, and decrypt writes the plaintext in the encrypted file's layout, so
/// the information lives in the files themselves.
/// </summary>
/// <param name="Bom">The file starts with EF BB BF.</param>
/// <param name="Crlf">The file's line breaks are CR LF (decided by its first line break).</param>
public readonly record struct TextLayout(bool Bom, bool Crlf)
{
    /// <summary>UTF-8 without BOM, LF line breaks: what sops writes.</summary>
    public static TextLayout Plain => default;

    /// <summary>True when this is not <see cref="Plain"/>.</summary>
    public bool IsSpecial => Bom || Crlf;
}
