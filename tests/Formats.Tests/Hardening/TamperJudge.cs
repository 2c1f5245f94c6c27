using System.Text;
using System.Text.Json;
using Crypt.Crypto.Errors;
using Crypt.Crypto.KeySources;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Tests.Hardening;

/// <summary>
/// Decrypts a mutant and says what became of it, against the untouched file's plaintext: refused
/// (a <see cref="CryptException"/>: the exception type is the outcome), the same plaintext, or a
/// plaintext that differs only where the SOPS format does not authenticate (FORMAT.md: the MAC
/// covers values in walk order, the AAD of a value is its key path; sops.go Tree.Encrypt):
/// <list type="bullet">
/// <item>comments (outside the MAC; one that no longer decrypts warns and stays encrypted);</item>
/// <item>the <c>type:</c> tag (outside the AAD; the MAC hashes the text, so 5432 and "5432" agree);</item>
/// <item>null and empty values (never encrypted, hashed as nothing);</item>
/// <item>the name of a key whose whole subtree is stored in the clear (no AAD to bind it);</item>
/// <item>the order of entries whose values are equal (the MAC hashes values, not keys, in order);</item>
/// <item>more generally, keys and nesting wherever the values in walk order stay the same and
/// every encrypted value keeps its path (its AAD);</item>
/// <item>with <c>mac_only_encrypted</c>, anything stored in the clear.</item>
/// </list>
/// Anything else is "unexplained", and the sweep fails.
/// </summary>
internal sealed class TamperJudge(DocumentFormat format, KeyRing keys, string cipherText, bool macOnlyEncrypted)
{
    private byte[] _plain = [];
    private JsonElement _plainJson;
    private JsonElement _encryptedJson;

    public async Task InitializeAsync()
    {
        using DecryptedDocument reference = await DecryptAsync(cipherText);
        _plain = reference.EmitPlain(format, EmitOptions.Default);
        _plainJson = AsJson(reference.Tree);
        (TreeDocument tree, _) = SopsDocument.ParseEncrypted(Encoding.UTF8.GetBytes(cipherText), format);
        _encryptedJson = AsJson(tree);
    }

    public async Task<string> JudgeAsync(string mutant)
    {
        DecryptedDocument decrypted;
        try
        {
            decrypted = await DecryptAsync(mutant);
        }
        catch (CryptException e)
        {
            return "refused: " + e.GetType().Name;
        }
        catch (Exception e)
        {
            return $"{TamperTally.UnexplainedPrefix}threw {e.GetType().Name}: {e.Message}";
        }

        using (decrypted)
        {
            string warned = decrypted.Warnings.Count > 0 ? ", warned" : "";
            if (decrypted.EmitPlain(format, EmitOptions.Default).AsSpan().SequenceEqual(_plain))
            {
                return "accepted: same plaintext" + warned;
            }

            JsonElement json = AsJson(decrypted.Tree);
            var classes = new SortedSet<string>(StringComparer.Ordinal);
            string? unexplained = new JsonDifference(macOnlyEncrypted, classes).Classify(_plainJson, json, _encryptedJson, "");
            if (unexplained is not null && JsonDifference.ValuesInOrder(_plainJson).SequenceEqual(JsonDifference.ValuesInOrder(json)))
            {
                (unexplained, classes) = (null, ["keys or nesting of clear data changed"]);
            }

            return unexplained is not null
                ? TamperTally.UnexplainedPrefix + unexplained
                : "accepted: " + (classes.Count == 0 ? "comments only" : string.Join(" + ", classes)) + warned;
        }
    }

    /// <summary>The documents of a tree as one JSON array (JSON holds one document; YAML may hold several).</summary>
    private static JsonElement AsJson(TreeDocument tree)
    {
        IEnumerable<string> documents = tree.Branches.Select(branch =>
            Encoding.UTF8.GetString(SopsDocument.EmitPlain(new TreeDocument(branch), DocumentFormat.Json, EmitOptions.Default)));
        return JsonDocument.Parse($"[{string.Join(',', documents)}]").RootElement;
    }

    private Task<DecryptedDocument> DecryptAsync(string text) =>
        SopsDocument.DecryptAsync(Encoding.UTF8.GetBytes(text), format, keys, DecryptOptions.Default, CancellationToken.None);
}
