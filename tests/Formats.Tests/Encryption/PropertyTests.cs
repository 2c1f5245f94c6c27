using Crypt.Crypto.Errors;
using Crypt.Crypto.Keys;
using Crypt.Crypto.KeySources;
using Crypt.Crypto.Values;
using Crypt.Formats.Metadata;
using Crypt.Formats.Tree;
using CsCheck;

namespace Crypt.Formats.Tests.Encryption;

/// <summary>
/// Properties over random trees (THREATS.md "someone who can write to the repository"):
/// round trip for every selection mode, and every kind of tampering detected.
/// </summary>
public sealed class PropertyTests
{
    private static readonly EncryptionRule[] s_rules =
    [
        EncryptionRule.Default,
        new(EncryptionMode.EncryptedSuffix, "Templates"),
        new(EncryptionMode.UnencryptedRegex, "^(secret|ключ)"),
        new(EncryptionMode.EncryptedRegex, "^(password|a|鍵)"),
        new(EncryptionMode.UnencryptedCommentRegex, "sops:clear"),
        new(EncryptionMode.EncryptedCommentRegex, "sops:enc"),
    ];

    private static readonly Gen<(int Seed, EncryptionRule Rule, bool MacOnly)> s_cases =
        Gen.Select(Gen.Int, Gen.Int[0, s_rules.Length - 1], Gen.Bool, (seed, rule, macOnly) => (seed, s_rules[rule], macOnly));

    [Fact]
    public void Decrypt_of_encrypt_is_the_original_tree_for_every_mode() =>
        s_cases.Sample(c =>
        {
            TreeDocument original = RandomTrees.Build(c.Seed);
            using DataKey key = TestKeys.Fixed();
            EncryptedDocument encrypted = Encrypt(original, key, c.Rule, c.MacOnly);
            using DecryptedDocument decrypted = SopsDocument.Decrypt(encrypted.Tree, encrypted.Metadata, key.Clone(), DecryptOptions.Default);
            TreeAssert.Equal(original, decrypted.Tree);
            Assert.Empty(decrypted.Warnings);
        });

    [Fact]
    public void Decrypt_fails_with_ValueDecryption_when_two_ciphertexts_are_swapped() =>
        Gen.Int.Sample(seed =>
        {
            using DataKey key = TestKeys.Fixed();
            EncryptedDocument encrypted = Encrypt(RandomTrees.Build(seed), key, EncryptionRule.Default, false);
            List<LeafSlot> values = [.. LeafSlot.Of(encrypted.Tree).Where(s => s.IsEncrypted && s.Node is TreeScalar)];
            LeafSlot? first = values.FirstOrDefault();
            LeafSlot? other = values.FirstOrDefault(s => first is not null && s.Aad != first.Aad);
            if (first is null || other is null)
            {
                return;
            }

            first.Replace(other.Node);
            other.Replace(first.Node);
            Assert.Throws<ValueDecryptionException>(() => SopsDocument.Decrypt(encrypted.Tree, encrypted.Metadata, key.Clone(), DecryptOptions.Default));
        });

    [Fact]
    public void Decrypt_fails_with_ValueDecryption_when_any_bit_of_data_iv_or_tag_changes() =>
        Gen.Select(Gen.Int, Gen.Int[0, 2], Gen.Int[0, 1000]).Sample((seed, field, position) =>
        {
            using DataKey key = TestKeys.Fixed();
            EncryptedDocument encrypted = Encrypt(RandomTrees.Build(seed), key, EncryptionRule.Default, false);
            LeafSlot? slot = LeafSlot.Of(encrypted.Tree).FirstOrDefault(s => s.IsEncrypted && s.Node is TreeScalar);
            if (slot is null)
            {
                return;
            }

            Assert.True(EncryptedValue.TryParse(slot.Text!, out EncryptedValue? value, out _));
            byte[] target = field switch { 0 => value!.Data, 1 => value!.Iv, _ => value!.Tag };
            byte[] changed = (byte[])target.Clone();
            changed[position % changed.Length] ^= (byte)(1 << (position % 8));
            EncryptedValue tampered = field switch
            {
                0 => value with { Data = changed },
                1 => value with { Iv = changed },
                _ => value with { Tag = changed },
            };
            slot.Replace(TreeScalar.String(tampered.ToString()));
            Assert.Throws<ValueDecryptionException>(() => SopsDocument.Decrypt(encrypted.Tree, encrypted.Metadata, key.Clone(), DecryptOptions.Default));
        });

    [Fact]
    public void Decrypt_fails_with_MacMismatch_when_the_MAC_changes() =>
        Gen.Select(Gen.Int, Gen.Bool).Sample((seed, reseal) =>
        {
            using DataKey key = TestKeys.Fixed();
            EncryptedDocument encrypted = Encrypt(RandomTrees.Build(seed), key, EncryptionRule.Default, false);
            string mac;
            if (reseal)
            {
                // A well-formed MAC of other contents, sealed with the right key and AAD.
                using ValueCipher cipher = new(key);
                mac = cipher.Encrypt(new string('A', 128).Select(c => (byte)c).ToArray(), System.Text.Encoding.UTF8.GetBytes(encrypted.Metadata.LastModified), SopsValueType.Str).ToString();
            }
            else
            {
                Assert.True(EncryptedValue.TryParse(encrypted.Metadata.Mac, out EncryptedValue? value, out _));
                byte[] data = (byte[])value!.Data.Clone();
                data[seed & 63] ^= 1;
                mac = (value with { Data = data }).ToString();
            }

            Assert.Throws<MacMismatchException>(() => SopsDocument.Decrypt(encrypted.Tree, encrypted.Metadata with { Mac = mac }, key.Clone(), DecryptOptions.Default));
        });

    [Fact]
    public void Decrypt_fails_with_MacMismatch_when_a_value_is_added_or_removed() =>
        Gen.Select(Gen.Int, Gen.Bool).Sample((seed, add) =>
        {
            using DataKey key = TestKeys.Fixed();
            TreeDocument original = RandomTrees.Build(seed);
            EncryptedDocument encrypted = Encrypt(original, key, EncryptionRule.Default, false);
            TreeMap root = encrypted.Tree.Branches[0];
            if (add)
            {
                root.Add("added_unencrypted", TreeScalar.String("sneaky"));
            }
            else
            {
                int index = root.Items.FindIndex(i => i.Key is not null && HasHashedLeaf(i.Value));
                if (index < 0)
                {
                    return;
                }

                root.Items.RemoveAt(index);
            }

            Assert.Throws<MacMismatchException>(() => SopsDocument.Decrypt(encrypted.Tree, encrypted.Metadata, key.Clone(), DecryptOptions.Default));
        });

    [Fact]
    public void Reencrypt_keeps_the_ciphertext_of_unchanged_values_and_changes_only_the_edited_one() =>
        Gen.Select(Gen.Int, Gen.Int[0, 1000], Gen.Int[0, s_rules.Length - 1]).Sample((seed, pick, ruleIndex) =>
        {
            using DataKey key = TestKeys.Fixed();
            EncryptedDocument first = Encrypt(RandomTrees.Build(seed), key, s_rules[ruleIndex], false);
            using DecryptedDocument decrypted = SopsDocument.Decrypt(first.Tree, first.Metadata, key.Clone(), DecryptOptions.Default);

            EncryptedDocument same = decrypted.Reencrypt(decrypted.Tree);
            TreeAssert.Equal(first.Tree, same.Tree);

            TreeDocument edited = decrypted.Tree.Clone();
            List<LeafSlot> slots = LeafSlot.Of(edited);
            List<int> scalars = [.. Enumerable.Range(0, slots.Count).Where(i => slots[i].Node is TreeScalar { Kind: not ScalarKind.Null })];
            if (scalars.Count == 0)
            {
                return;
            }

            int changed = scalars[pick % scalars.Count];
            slots[changed].Replace(TreeScalar.String("edited value ✎"));
            List<LeafSlot> after = LeafSlot.Of(decrypted.Reencrypt(edited).Tree);
            List<LeafSlot> before = LeafSlot.Of(first.Tree);
            for (int i = 0; i < before.Count; i++)
            {
                Assert.Equal(i != changed, TreeAssert.AreEqual(before[i].Node, after[i].Node));
            }
        });

    private static EncryptedDocument Encrypt(TreeDocument plaintext, DataKey key, EncryptionRule rule, bool macOnly) =>
        SopsDocument.Seal(plaintext, key, new WrappedKeyGroups([], 0), rule, macOnly, null, new FixedClock(TestKeys.Now), null);

    private static bool HasHashedLeaf(TreeNode node) => node switch
    {
        // An encrypted list comment is a string item, but like every comment it is not hashed.
        TreeScalar s => s.Kind != ScalarKind.Null && !(s.Kind == ScalarKind.String && (s.Text.Length == 0 || s.Text.EndsWith(",type:comment]", StringComparison.Ordinal))),
        TreeMap m => m.Items.Exists(i => i.Key is not null && HasHashedLeaf(i.Value)),
        TreeList l => l.Items.Exists(HasHashedLeaf),
        _ => false,
    };
}
