using System.Text;
using Crypt.Crypto.Errors;
using Crypt.Crypto.Keys;
using Crypt.Crypto.KeySources;
using Crypt.Crypto.Values;
using Crypt.Formats.Encryption;
using Crypt.Formats.Metadata;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Formats.Tests.Encryption;

public sealed class SopsDocumentTests
{
    private const string Sentinel = "SENTINEL-SECRET-3f9a";

    private static TreeDocument Plain() => TestKeys.Doc(new TreeMap()
        .Add("password", TreeScalar.String(Sentinel))
        .Add("port", TreeScalar.Integer(5432))
        .Add("note_unencrypted", TreeScalar.String("clear"))
        .Add("list", new TreeList([TreeScalar.Boolean(true), TreeScalar.FloatingPoint(1.5)])));

    private static EncryptOptions Options(params IReadOnlyList<IKeyRecipient>[] groups) => new()
    {
        KeyGroups = groups,
        Clock = new FixedClock(TestKeys.Now),
    };

    [Fact]
    public async Task Encrypt_then_decrypt_with_one_group_gives_the_plaintext_back()
    {
        EncryptedDocument encrypted = await SopsDocument.EncryptAsync(Plain(), Options([new FakeRecipient("r1"), new FakeRecipient("r2")]), default);
        using KeyRing ring = new([new FakeUnwrapper("r2")]);
        using DecryptedDocument decrypted = await SopsDocument.DecryptAsync(encrypted.Tree, encrypted.Metadata, ring, DecryptOptions.Default, default);

        TreeAssert.Equal(Plain(), decrypted.Tree);
        Assert.Equal(2, encrypted.Metadata.KeyGroups[0].Count);
    }

    [Fact]
    public async Task Encrypt_writes_version_lastmodified_rule_and_a_MAC_under_lastmodified()
    {
        EncryptedDocument encrypted = await SopsDocument.EncryptAsync(Plain(), Options([new FakeRecipient("r1")]), default);

        Assert.Equal("3.13.2", encrypted.Metadata.Version);
        Assert.Equal("2024-03-25T22:08:10Z", encrypted.Metadata.LastModified);
        Assert.Equal(EncryptionRule.Default, encrypted.Metadata.Rule);
        Assert.Equal(0, encrypted.Metadata.ShamirThreshold);
        Assert.Empty(encrypted.Warnings);
        Assert.Equal("clear", ((TreeScalar)encrypted.Tree.Branches[0].Get("note_unencrypted")!).Text);
        Assert.StartsWith("ENC[AES256_GCM,", ((TreeScalar)encrypted.Tree.Branches[0].Get("port")!).Text, StringComparison.Ordinal);
        Assert.EndsWith("type:int]", ((TreeScalar)encrypted.Tree.Branches[0].Get("port")!).Text, StringComparison.Ordinal);
        Assert.EndsWith("type:str]", encrypted.Metadata.Mac, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Three_groups_with_threshold_two_decrypt_with_any_two_identities()
    {
        EncryptOptions options = Options([new FakeRecipient("g1")], [new FakeRecipient("g2")], [new FakeRecipient("g3")]) with { ShamirThreshold = 2 };
        EncryptedDocument encrypted = await SopsDocument.EncryptAsync(Plain(), options, default);
        Assert.Equal(2, encrypted.Metadata.ShamirThreshold);

        using KeyRing two = new([new FakeUnwrapper("g1", "g3")]);
        using DecryptedDocument decrypted = await SopsDocument.DecryptAsync(encrypted.Tree, encrypted.Metadata, two, DecryptOptions.Default, default);
        TreeAssert.Equal(Plain(), decrypted.Tree);

        using KeyRing one = new([new FakeUnwrapper("g2")]);
        await Assert.ThrowsAsync<NoMatchingKeyException>(() => SopsDocument.DecryptAsync(encrypted.Tree, encrypted.Metadata, one, DecryptOptions.Default, default));
    }

    [Fact]
    public async Task Encrypt_refuses_a_document_that_already_has_a_sops_key()
    {
        TreeDocument doc = TestKeys.Doc(new TreeMap().Add("a", TreeScalar.String("b")).Add("sops", new TreeMap()));
        Assert.Equal("sops", (await Assert.ThrowsAsync<FileAlreadyEncryptedException>(() => SopsDocument.EncryptAsync(doc, Options([new FakeRecipient("r")]), default))).Key);
    }

    [Fact]
    public void Encrypt_refuses_dotenv_sops_underscore_keys()
    {
        TreeDocument doc = TestKeys.Doc(new TreeMap().Add("sops_version", TreeScalar.String("3.8.1")));
        Assert.Throws<FileAlreadyEncryptedException>(() => SopsDocument.EnsureEncryptable(doc, Stores.DocumentFormat.Dotenv));
        SopsDocument.EnsureEncryptable(doc, Stores.DocumentFormat.Yaml);
    }

    [Fact]
    public async Task A_key_that_cannot_wrap_fails_encrypt_as_a_wrap_failure_and_create_as_one_for_a_new_file()
    {
        var options = new EncryptOptions { KeyGroups = [[new RefusingRecipient("arn:down")]] };
        TreeDocument plaintext = SopsDocument.ParsePlain("a: 1\n"u8.ToArray(), DocumentFormat.Yaml);

        KeyWrapException encrypt = await Assert.ThrowsAsync<KeyWrapException>(() => SopsDocument.EncryptAsync(plaintext, options, CancellationToken.None));
        KeyWrapException create = await Assert.ThrowsAsync<KeyWrapException>(() => SopsDocument.CreateAsync(plaintext, options, CancellationToken.None));

        Assert.False(encrypt.WhileCreatingFile);
        Assert.True(create.WhileCreatingFile);
        Assert.Contains("arn:down: service unavailable", create.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encrypt_refuses_an_empty_document() =>
        await Assert.ThrowsAsync<EmptyDocumentException>(() => SopsDocument.EncryptAsync(new TreeDocument([]), Options([new FakeRecipient("r")]), default));

    [Fact]
    public async Task Mac_only_encrypted_comes_with_a_warning()
    {
        EncryptedDocument encrypted = await SopsDocument.EncryptAsync(Plain(), Options([new FakeRecipient("r")]) with { MacOnlyEncrypted = true }, default);
        Assert.True(encrypted.Metadata.MacOnlyEncrypted);
        Assert.Single(encrypted.Warnings);
    }

    [Fact]
    public async Task Ignore_mac_skips_the_check()
    {
        EncryptedDocument encrypted = await SopsDocument.EncryptAsync(Plain(), Options([new FakeRecipient("r")]), default);
        encrypted.Tree.Branches[0].Add("extra_unencrypted", TreeScalar.String("x"));
        using KeyRing ring = new([new FakeUnwrapper("r")]);

        await Assert.ThrowsAsync<MacMismatchException>(() => SopsDocument.DecryptAsync(encrypted.Tree, encrypted.Metadata, ring, DecryptOptions.Default, default));
        using DecryptedDocument decrypted = await SopsDocument.DecryptAsync(encrypted.Tree, encrypted.Metadata, ring, new DecryptOptions { IgnoreMac = true }, default);
        Assert.Equal("x", ((TreeScalar)decrypted.Tree.Branches[0].Get("extra_unencrypted")!).Text);
    }

    [Fact]
    public async Task UpdateKeys_rewraps_the_same_data_key_and_keeps_values_lastmodified_and_MAC()
    {
        EncryptedDocument encrypted = await SopsDocument.EncryptAsync(Plain(), Options([new FakeRecipient("old")]), default);
        using KeyRing oldRing = new([new FakeUnwrapper("old")]);
        using DecryptedDocument decrypted = await SopsDocument.DecryptAsync(encrypted.Tree, encrypted.Metadata, oldRing, DecryptOptions.Default, default);

        EncryptedDocument updated = await decrypted.UpdateKeysAsync([[new FakeRecipient("new")]], 0, default);

        TreeAssert.Equal(encrypted.Tree, updated.Tree);
        Assert.Equal(encrypted.Metadata.Mac, updated.Metadata.Mac);
        Assert.Equal(encrypted.Metadata.LastModified, updated.Metadata.LastModified);
        Assert.Equal("new", updated.Metadata.KeyGroups[0][0].Id);
        using KeyRing newRing = new([new FakeUnwrapper("new")]);
        using DecryptedDocument again = await SopsDocument.DecryptAsync(updated.Tree, updated.Metadata, newRing, DecryptOptions.Default, default);
        TreeAssert.Equal(Plain(), again.Tree);
    }

    [Fact]
    public async Task Rotate_changes_every_ciphertext_and_opens_with_the_new_keys()
    {
        EncryptedDocument encrypted = await SopsDocument.EncryptAsync(Plain(), Options([new FakeRecipient("r")]), default);
        using KeyRing ring = new([new FakeUnwrapper("r")]);
        using DecryptedDocument decrypted = await SopsDocument.DecryptAsync(encrypted.Tree, encrypted.Metadata, ring, DecryptOptions.Default, default);

        EncryptedDocument rotated = await decrypted.RotateAsync([[new FakeRecipient("r")]], 0, default);

        List<LeafSlot> before = LeafSlot.Of(encrypted.Tree);
        List<LeafSlot> after = LeafSlot.Of(rotated.Tree);
        for (int i = 0; i < before.Count; i++)
        {
            Assert.Equal(!before[i].IsEncrypted, before[i].Text == after[i].Text || before[i].Node is not TreeScalar { Kind: ScalarKind.String });
        }

        using KeyRing sameRecipient = new([new FakeUnwrapper("r")]);
        using DecryptedDocument again = await SopsDocument.DecryptAsync(rotated.Tree, rotated.Metadata, sameRecipient, DecryptOptions.Default, default);
        TreeAssert.Equal(Plain(), again.Tree);
    }

    [Fact]
    public async Task A_tampered_value_error_names_the_path_and_never_the_value()
    {
        EncryptedDocument encrypted = await SopsDocument.EncryptAsync(Plain(), Options([new FakeRecipient("r")]), default);
        TreeScalar moved = (TreeScalar)encrypted.Tree.Branches[0].Get("password")!;
        encrypted.Tree.Branches[0].Items[1] = new TreeMapItem("port", moved);
        using KeyRing ring = new([new FakeUnwrapper("r")]);

        ValueDecryptionException error = await Assert.ThrowsAsync<ValueDecryptionException>(
            () => SopsDocument.DecryptAsync(encrypted.Tree, encrypted.Metadata, ring, DecryptOptions.Default, default));
        Assert.Equal("port", error.KeyPath);
        Assert.DoesNotContain(Sentinel, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_MAC_mismatch_message_shows_neither_MAC()
    {
        EncryptedDocument encrypted = await SopsDocument.EncryptAsync(Plain(), Options([new FakeRecipient("r")]), default);
        using DataKey key = DataKey.FromBytes(Convert.FromHexString(((AgeKeyEntry)encrypted.Metadata.KeyGroups[0][0]).Enc.Split('|')[1]));
        using ValueCipher cipher = new(key);
        Assert.True(EncryptedValue.TryParse(encrypted.Metadata.Mac, out EncryptedValue? mac, out _));
        string realMac = Encoding.ASCII.GetString(cipher.Decrypt(mac!, Encoding.UTF8.GetBytes(encrypted.Metadata.LastModified))!);
        encrypted.Tree.Branches[0].Add("extra_unencrypted", TreeScalar.String("x"));
        using KeyRing ring = new([new FakeUnwrapper("r")]);

        MacMismatchException error = await Assert.ThrowsAsync<MacMismatchException>(
            () => SopsDocument.DecryptAsync(encrypted.Tree, encrypted.Metadata, ring, DecryptOptions.Default, default));
        Assert.DoesNotContain(realMac[..16], error.Message, StringComparison.Ordinal);
        Assert.Contains("MAC mismatch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_selected_value_that_is_not_a_string_fails_naming_the_path()
    {
        TreeDocument encrypted = TestKeys.Doc(new TreeMap().Add("db", new TreeMap().Add("port", TreeScalar.Integer(5))));
        SopsMetadata metadata = new() { KeyGroups = [], LastModified = "2024-03-25T22:08:10Z", Mac = "", Version = "3.13.2" };

        ValueDecryptionException error = Assert.Throws<ValueDecryptionException>(
            () => SopsDocument.Decrypt(encrypted, metadata, TestKeys.Fixed(), DecryptOptions.Default));
        Assert.Equal("db:port", error.KeyPath);
        Assert.Contains("int", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_comment_that_does_not_decrypt_is_kept_with_a_warning()
    {
        TreeDocument plain = TestKeys.Doc(new TreeMap().Add("a", TreeScalar.String("b")));
        using DataKey key = TestKeys.Fixed();
        EncryptedDocument encrypted = SopsDocument.Seal(plain, key, new([], 0), EncryptionRule.Default, false, null, TimeProvider.System, null);
        encrypted.Tree.Branches[0].Items.Insert(0, new TreeMapItem(null, new TreeComment(" written in clear by an old sops")));

        using DecryptedDocument decrypted = SopsDocument.Decrypt(encrypted.Tree, encrypted.Metadata, key.Clone(), DecryptOptions.Default);

        Assert.Equal(" written in clear by an old sops", ((TreeComment)decrypted.Tree.Branches[0].Items[0].Value).Text);
        Assert.Contains("at the top level", Assert.Single(decrypted.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void The_input_trees_are_never_modified()
    {
        TreeDocument plain = Plain();
        using DataKey key = TestKeys.Fixed();
        EncryptedDocument encrypted = SopsDocument.Seal(plain, key, new([], 0), EncryptionRule.Default, false, null, TimeProvider.System, null);
        TreeDocument snapshot = encrypted.Tree.Clone();
        using DecryptedDocument decrypted = SopsDocument.Decrypt(encrypted.Tree, encrypted.Metadata, key.Clone(), DecryptOptions.Default);

        TreeAssert.Equal(Plain(), plain);
        TreeAssert.Equal(snapshot, encrypted.Tree);
    }

    [Fact]
    public void Without_KeepIvs_a_reencrypt_gives_new_ciphertexts()
    {
        using DataKey key = TestKeys.Fixed();
        EncryptedDocument encrypted = SopsDocument.Seal(Plain(), key, new([], 0), EncryptionRule.Default, false, null, TimeProvider.System, null);
        using DecryptedDocument kept = SopsDocument.Decrypt(encrypted.Tree, encrypted.Metadata, key.Clone(), DecryptOptions.Default);
        using DecryptedDocument forgotten = SopsDocument.Decrypt(encrypted.Tree, encrypted.Metadata, key.Clone(), new DecryptOptions { KeepIvs = false });

        string original = ((TreeScalar)encrypted.Tree.Branches[0].Get("password")!).Text;
        Assert.Equal(original, ((TreeScalar)kept.Reencrypt(kept.Tree).Tree.Branches[0].Get("password")!).Text);
        Assert.NotEqual(original, ((TreeScalar)forgotten.Reencrypt(forgotten.Tree).Tree.Branches[0].Get("password")!).Text);
    }

    [Theory]
    [InlineData(0, false)] // the first of two equal items is edited
    [InlineData(2, false)] // the second
    [InlineData(0, true)] // an item is inserted before both
    public void Equal_list_items_keep_their_own_ciphertext_when_a_neighbour_changes(int index, bool insert)
    {
        using DataKey key = TestKeys.Fixed();
        TreeDocument plain = TestKeys.Doc(new TreeMap().Add("hosts", new TreeList([TreeScalar.String("db"), TreeScalar.String("cache"), TreeScalar.String("db")])));
        EncryptedDocument encrypted = SopsDocument.Seal(plain, key, new([], 0), EncryptionRule.Default, false, null, TimeProvider.System, null);
        using DecryptedDocument decrypted = SopsDocument.Decrypt(encrypted.Tree, encrypted.Metadata, key.Clone(), DecryptOptions.Default);
        List<string> before = Items(encrypted.Tree);

        TreeDocument edited = decrypted.Tree.Clone();
        List<TreeNode> items = ((TreeList)edited.Branches[0].Get("hosts")!).Items;
        if (insert)
        {
            items.Insert(index, TreeScalar.String("new"));
        }
        else
        {
            items[index] = TreeScalar.String("edited");
        }

        List<string> after = Items(decrypted.Reencrypt(edited).Tree);
        List<string> unchanged = insert ? after.Skip(1).ToList() : after;
        for (int i = 0; i < before.Count; i++)
        {
            Assert.Equal(insert || i != index, before[i] == unchanged[i]);
        }
    }

    // The walks rewrite the parsed tree's scalars in place: a YAML alias must be a copy of its
    // anchor, not the same scalar, or the second occurrence would be encrypted twice.
    [Fact]
    public async Task An_aliased_value_is_encrypted_once_at_each_path_and_decrypts_at_both()
    {
        byte[] yaml = "a: &x secret\nb: *x\nflags: &f [true, 1]\nmore: *f\n"u8.ToArray();
        EncryptedDocument encrypted = await SopsDocument.EncryptAsync(yaml, Stores.DocumentFormat.Yaml, Options([new FakeRecipient("r1")]), default);
        TreeMap root = encrypted.Tree.Branches[0];
        string a = ((TreeScalar)root.Get("a")!).Text;
        string b = ((TreeScalar)root.Get("b")!).Text;
        Assert.StartsWith("ENC[AES256_GCM,", b, StringComparison.Ordinal);
        Assert.NotEqual(a, b);

        byte[] file = SopsDocument.Emit(encrypted, Stores.DocumentFormat.Yaml, Stores.EmitOptions.Default);
        using KeyRing ring = new([new FakeUnwrapper("r1")]);
        using DecryptedDocument decrypted = await SopsDocument.DecryptAsync(file, Stores.DocumentFormat.Yaml, ring, DecryptOptions.Default, default);
        Assert.Equal("a: secret\nb: secret\nflags:\n    - true\n    - 1\nmore:\n    - true\n    - 1\n", Encoding.UTF8.GetString(decrypted.EmitPlain(Stores.DocumentFormat.Yaml, Stores.EmitOptions.Default)));
    }

    // SealedText keeps an IV length in one byte; a longer stashed IV (any length decrypts) keeps its text.
    [Theory]
    [InlineData(12)]
    [InlineData(300)]
    public void A_stashed_IV_of_any_length_is_reused_and_the_value_decrypts(int ivLength)
    {
        using DataKey key = TestKeys.Fixed();
        byte[] iv = new byte[ivLength];
        iv[^1] = 7;
        using IvStash stash = new();
        stash.Record("k:"u8, SopsValueType.Str, "v"u8, iv, position: 1);

        TreeDocument plain = TestKeys.Doc(new TreeMap().Add("k", TreeScalar.String("v")));
        EncryptedDocument encrypted = SopsDocument.Seal(plain, key, new([], 0), EncryptionRule.Default, false, stash, TimeProvider.System, null);
        string text = ((TreeScalar)encrypted.Tree.Branches[0].Get("k")!).Text;
        Assert.Contains($",iv:{Convert.ToBase64String(iv)},", text, StringComparison.Ordinal);

        using DecryptedDocument decrypted = SopsDocument.Decrypt(encrypted.Tree, encrypted.Metadata, key.Clone(), DecryptOptions.Default);
        Assert.Equal("v", ((TreeScalar)decrypted.Tree.Branches[0].Get("k")!).Text);
    }

    private static List<string> Items(TreeDocument tree) =>
        [.. ((TreeList)tree.Branches[0].Get("hosts")!).Items.Cast<TreeScalar>().Select(s => s.Text)];
}
