using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Crypt.Crypto.Age;
using Crypt.Crypto.Errors;
using Crypt.Crypto.KeySources;
using Crypt.Tests;

namespace Crypt.Crypto.Tests.Age;

/// <summary>The age key source as SOPS uses it (FORMAT.md §6.1), against real SOPS-written files.</summary>
public sealed partial class AgeKeySourceTests
{
    public static TheoryData<string> SopsFilesWithAgeKeys() =>
        [.. Directory.GetFiles(SharedPaths.SopsFixtures, "*.expected.json", SearchOption.AllDirectories)
            .Select(p => p[..^".expected.json".Length])
            .Where(p => File.ReadAllText(p).Contains("BEGIN AGE ENCRYPTED FILE", StringComparison.Ordinal) && IdentityFileBeside(p) is not null)
            .Select(p => Path.GetRelativePath(SharedPaths.SopsFixtures, p))
            .Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(SopsFilesWithAgeKeys))]
    public async Task The_data_key_of_a_sops_written_file_unwraps_with_its_published_identity(string relativePath)
    {
        string path = Path.Combine(SharedPaths.SopsFixtures, relativePath);
        string expectedKey = ExpectedDataKey(path + ".expected.json");
        using AgeIdentityUnwrapper unwrapper = new(AgeKeyParser.ParseIdentityFile(File.ReadAllText(IdentityFileBeside(path)!)));

        int opened = 0;
        foreach (string enc in ArmoredBlocks(File.ReadAllText(path)))
        {
            AgeKeyEntry entry = new("age1unknown", enc);
            try
            {
                byte[] key = await unwrapper.UnwrapAsync(entry, CancellationToken.None);
                Assert.Equal(expectedKey, Convert.ToHexStringLower(key));
                opened++;
            }
            catch (KeySourceException e)
            {
                // Entries for the other recipients, whose keys are not published.
                Assert.Equal("no identity matched", e.Reason);
            }
        }

        Assert.True(opened > 0, $"{relativePath}: no age entry opened");
    }

    [Theory]
    [InlineData(32)]
    [InlineData(33)]
    public async Task Wrap_writes_an_armored_age_file_that_the_unwrapper_opens(int length)
    {
        using X25519Identity identity = X25519Identity.Generate();
        AgeRecipient recipient = new($"  {identity.Recipient}\n");
        byte[] secret = RandomNumberGenerator.GetBytes(length);

        MasterKeyEntry entry = await recipient.WrapAsync(secret, CancellationToken.None);

        AgeKeyEntry age = Assert.IsType<AgeKeyEntry>(entry);
        Assert.Equal(identity.Recipient.ToString(), age.Recipient);
        Assert.Equal("age", recipient.Type);
        Assert.StartsWith("-----BEGIN AGE ENCRYPTED FILE-----\n", age.Enc, StringComparison.Ordinal);
        Assert.EndsWith("\n-----END AGE ENCRYPTED FILE-----\n", age.Enc, StringComparison.Ordinal);
        Assert.All(age.Enc.Split('\n'), line => Assert.True(line.Length <= 64 || line.StartsWith("-----", StringComparison.Ordinal)));
        using AgeIdentityUnwrapper unwrapper = new([X25519Identity.Parse(identity.ToSecretString())]);
        Assert.False(unwrapper.IsRemote);
        Assert.Equal(secret, await unwrapper.UnwrapAsync(entry, CancellationToken.None));
    }

    [Fact]
    public async Task Each_wrap_uses_a_fresh_file_key_and_a_single_x25519_stanza()
    {
        using X25519Identity identity = X25519Identity.Generate();
        AgeRecipient recipient = new(identity.Recipient.ToString());
        byte[] secret = new byte[32];
        string first = (await recipient.WrapAsync(secret, CancellationToken.None)).Enc;
        string second = (await recipient.WrapAsync(secret, CancellationToken.None)).Enc;

        Assert.NotEqual(first, second);
        AgeReader reader = new(new MemoryStream(AgeArmor.Decode(Encoding.ASCII.GetBytes(first))));
        AgeStanza stanza = Assert.Single(AgeHeaderReader.Read(reader).Stanzas);
        Assert.Equal("X25519", stanza.Type);
    }

    [Fact]
    public async Task An_entry_for_another_key_fails_with_no_identity_matched_and_names_the_recipient()
    {
        using X25519Identity other = X25519Identity.Generate();
        AgeRecipient recipient = new(other.Recipient.ToString());
        MasterKeyEntry entry = await recipient.WrapAsync(Encoding.ASCII.GetBytes("sentinel-data-key-0123456789abcd"), CancellationToken.None);
        using AgeIdentityUnwrapper unwrapper = new([X25519Identity.Generate()]);

        KeySourceException error = await Assert.ThrowsAsync<KeySourceException>(() => unwrapper.UnwrapAsync(entry, CancellationToken.None));
        Assert.Equal("no identity matched", error.Reason);
        Assert.Equal(other.Recipient.ToString(), error.KeyId);
        Assert.DoesNotContain("sentinel", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_enc_fails_with_a_key_source_error_that_says_why()
    {
        using X25519Identity identity = X25519Identity.Generate();
        using AgeIdentityUnwrapper unwrapper = new([X25519Identity.Parse(identity.ToSecretString())]);
        AgeKeyEntry entry = new(identity.Recipient.ToString(), "-----BEGIN AGE ENCRYPTED FILE-----\nnot base64!\n-----END AGE ENCRYPTED FILE-----\n");

        KeySourceException error = await Assert.ThrowsAsync<KeySourceException>(() => unwrapper.UnwrapAsync(entry, CancellationToken.None));
        Assert.Contains("armor", error.Reason, StringComparison.Ordinal);
        Assert.Equal(AgeFailure.Armor, Assert.IsType<AgeException>(error.InnerException).Failure);
    }

    [Fact]
    public async Task The_armored_enc_decrypts_with_the_age_cli()
    {
        using X25519Identity identity = X25519Identity.Generate();
        string dir = Directory.CreateTempSubdirectory("crypt-age-sops-").FullName;
        try
        {
            string keyFile = Path.Combine(dir, "key.txt");
            File.WriteAllText(keyFile, identity.ToSecretString() + "\n");
            byte[] secret = RandomNumberGenerator.GetBytes(32);
            MasterKeyEntry entry = await new AgeRecipient(identity.Recipient.ToString()).WrapAsync(secret, CancellationToken.None);
            string encFile = Path.Combine(dir, "enc.age");
            File.WriteAllText(encFile, entry.Enc);

            Assert.Equal(secret, AgeCli.Run("age", ["-d", "-i", keyFile, encFile]));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_recipient_list_parses_like_sops_age_flag()
    {
        using X25519Identity a = X25519Identity.Generate();
        using X25519Identity b = X25519Identity.Generate();
        IReadOnlyList<AgeRecipient> list = AgeRecipient.ParseList($"{a.Recipient}, {b.Recipient}");
        Assert.Equal([a.Recipient.ToString(), b.Recipient.ToString()], list.Select(r => r.Id));
        MalformedKeyException malformed = Assert.Throws<MalformedKeyException>(() => new AgeRecipient("age1pq1abcdef"));
        Assert.Equal(AgeFailure.InvalidKey, Assert.IsType<AgeException>(malformed.InnerException).Failure);
    }

    private static string? IdentityFileBeside(string path) =>
        Directory.GetFiles(Path.GetDirectoryName(path)!, "*.txt").FirstOrDefault(f => Path.GetFileName(f).Contains("key", StringComparison.Ordinal));

    private static string ExpectedDataKey(string expectedJson)
    {
        using System.Text.Json.JsonDocument doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(expectedJson));
        return doc.RootElement.GetProperty("data_key_hex").GetString()!;
    }

    // The armored blocks in a SOPS file: YAML block scalars (indented), or JSON/dotenv strings with \n escapes.
    private static IEnumerable<string> ArmoredBlocks(string text) =>
        ArmorBlock().Matches(text.Replace("\\n", "\n", StringComparison.Ordinal)).Select(m =>
            "-----BEGIN AGE ENCRYPTED FILE-----\n"
            + string.Concat(m.Groups[1].Value.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => l + "\n"))
            + "-----END AGE ENCRYPTED FILE-----\n");

    [GeneratedRegex("-----BEGIN AGE ENCRYPTED FILE-----(.*?)-----END AGE ENCRYPTED FILE-----", RegexOptions.Singleline)]
    private static partial Regex ArmorBlock();
}
