using System.Text;
using Crypt.Crypto.Age;
using Crypt.Crypto.Errors;
using Crypt.Crypto.KeySources;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;
using CsCheck;

namespace Crypt.Formats.Tests.Properties;

/// <summary>
/// decrypt(encrypt(file)) == file through the real stores, for random YAML, JSON and dotenv
/// documents: the plaintext a store writes comes back byte for byte after a full encrypt (new
/// data key wrapped for an age recipient, metadata attached, file emitted) and decrypt
/// (parse, unwrap, decrypt, MAC check). And any change to one encrypted value is caught.
/// (Comments are not values: one that does not decrypt is kept with a warning, as in sops.)
/// </summary>
public sealed class FileRoundTripPropertyTests : IDisposable
{
    private static readonly Gen<string> s_key = Gen.OneOf<string>("db", "password", "user name", "ключ", "api_token", "port", "x_unencrypted", "enabled", "hosts", "a:b");
    private static readonly Gen<string> s_text = Gen.OneOf(Gen.OneOf<string>("", "secret", "two words", "ünïcödé ✓", "#hash", "yes", "1.5", "line1\nline2"), Gen.String[Gen.Char.AlphaNumeric, 0, 12]);
    private static readonly Gen<TreeScalar> s_scalar = Gen.OneOf(
        s_text.Select(s => TreeScalar.String(s)),
        Gen.Long.Select(TreeScalar.Integer),
        Gen.Double[-1e9, 1e9].Select(TreeScalar.FloatingPoint),
        Gen.Bool.Select(TreeScalar.Boolean));

    private readonly X25519Identity _identity = X25519Identity.Generate();

    public void Dispose() => _identity.Dispose();

    [Theory]
    [InlineData(DocumentFormat.Yaml)]
    [InlineData(DocumentFormat.Json)]
    [InlineData(DocumentFormat.Dotenv)]
    public void Decrypt_of_encrypt_gives_back_the_plaintext_file(DocumentFormat format) =>
        Documents(format).Sample(
            plaintext => Task.Run(async () =>
            {
                byte[] encrypted = await EncryptAsync(plaintext, format);
                using KeyRing keys = Keys();
                using DecryptedDocument decrypted = await SopsDocument.DecryptAsync(encrypted, format, keys, DecryptOptions.Default, CancellationToken.None);
                Assert.Equal(Encoding.UTF8.GetString(plaintext), Encoding.UTF8.GetString(decrypted.EmitPlain(format, EmitOptions.Default)));
            }).GetAwaiter().GetResult(),
            iter: 60);

    [Theory]
    [InlineData(DocumentFormat.Yaml)]
    [InlineData(DocumentFormat.Json)]
    [InlineData(DocumentFormat.Dotenv)]
    public void Changing_one_character_of_any_encrypted_value_is_detected(DocumentFormat format) =>
        Gen.Select(Documents(format), Gen.Int[0, int.MaxValue]).Sample(
            (plaintext, pick) => Task.Run(async () =>
            {
                string encrypted = Encoding.UTF8.GetString(await EncryptAsync(plaintext, format));
                // Values only: a comment that does not decrypt is kept as it is, with a warning (as sops).
                int[] dataStarts = [.. AllIndexes(encrypted, "ENC[AES256_GCM,data:").Where(i => i == 0 || encrypted[i - 1] != '#').Select(i => i + "ENC[AES256_GCM,data:".Length)];
                int at = dataStarts[pick % dataStarts.Length];
                char replacement = encrypted[at] == 'A' ? 'B' : 'A';
                byte[] tampered = Encoding.UTF8.GetBytes(string.Concat(encrypted.AsSpan(0, at), replacement.ToString(), encrypted.AsSpan(at + 1)));
                using KeyRing keys = Keys();
                await Assert.ThrowsAnyAsync<CryptException>(() => SopsDocument.DecryptAsync(tampered, format, keys, DecryptOptions.Default, CancellationToken.None));
            }).GetAwaiter().GetResult(),
            iter: 60);

    private async Task<byte[]> EncryptAsync(byte[] plaintext, DocumentFormat format)
    {
        EncryptOptions options = new() { KeyGroups = [[new AgeRecipient(_identity.Recipient.ToString()!)]] };
        EncryptedDocument encrypted = await SopsDocument.EncryptAsync(plaintext, format, options, CancellationToken.None);
        return SopsDocument.Emit(encrypted, format, EmitOptions.Default);
    }

    private KeyRing Keys() => new([new AgeIdentityUnwrapper([X25519Identity.Parse(_identity.ToSecretString())])]);

    /// <summary>Random documents as their store writes them (so the plaintext is canonical).</summary>
    private static Gen<byte[]> Documents(DocumentFormat format) => (format switch
    {
        DocumentFormat.Dotenv => FlatMap(Gen.OneOf(s_text.Select(s => (TreeNode)TreeScalar.String(s)), Gen.Const<TreeNode>(new TreeComment(" note")))),
        _ => Map(3),
    }).Select(map => SopsDocument.EmitPlain(new TreeDocument(map), format, EmitOptions.Default))
      .Where(bytes => bytes.Length > 2);

    private static Gen<TreeMap> FlatMap(Gen<TreeNode> values) =>
        Gen.Select(s_key, values).Array[1, 6].Select(items =>
        {
            TreeMap map = new();
            foreach ((string key, TreeNode value) in items.DistinctBy(i => i.Item1))
            {
                if (value is TreeComment comment)
                {
                    map.AddComment(comment);
                }

                map.Add(key.Replace(':', '_').Replace(' ', '_'), value is TreeComment ? TreeScalar.String("after-comment") : value);
            }

            return map;
        });

    private static Gen<TreeMap> Map(int depth) =>
        Gen.Select(s_key, Node(depth - 1)).Array[1, 5].Select(items =>
        {
            TreeMap map = new();
            foreach ((string key, TreeNode value) in items.DistinctBy(i => i.Item1))
            {
                map.Add(key, value);
            }

            return map;
        });

    private static Gen<TreeNode> Node(int depth) => depth <= 0
        ? s_scalar.Select(s => (TreeNode)s)
        : Gen.Frequency(
            (4, s_scalar.Select(s => (TreeNode)s)),
            (1, Map(depth - 1).Select(m => (TreeNode)m)),
            (1, s_scalar.Array[1, 4].Select(a => (TreeNode)new TreeList([.. a]))));

    private static IEnumerable<int> AllIndexes(string text, string value)
    {
        for (int i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            yield return i;
        }
    }
}
