using System.Text;
using Crypt.Crypto.KeySources;
using Crypt.Formats.Metadata;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;
using Crypt.Tests;

namespace Crypt.Formats.Tests.Fixtures;

/// <summary>
/// The layout Crypt writes is the layout SOPS 3.13 writes (FORMAT.md §5.2–5.4, §8): a file
/// written by sops 3.13 comes back byte for byte after Crypt takes its metadata out and puts it
/// back, and a new file has sops's indentation, metadata order and quoting.
/// </summary>
public sealed class SopsLayoutGoldenTests
{
    [Fact]
    public void A_sops_3_13_yaml_file_is_rewritten_byte_for_byte()
    {
        string path = Path.Combine(SharedPaths.SopsFixtures, "sops-secrets-operator", "04-test-secrets-mac-only.yaml");
        byte[] original = File.ReadAllBytes(path);

        (TreeDocument tree, SopsMetadata metadata) = SopsDocument.ParseEncrypted(original, DocumentFormat.Yaml);
        byte[] rewritten = SopsDocument.Emit(new EncryptedDocument(tree, metadata, []), DocumentFormat.Yaml, EmitOptions.Default);

        Assert.Equal(Encoding.UTF8.GetString(original), Encoding.UTF8.GetString(rewritten));
    }

    [Fact]
    public void A_new_yaml_file_has_the_sops_3_13_layout()
    {
        TreeDocument tree = new(new TreeMap()
            .Add("stringData", new TreeMap().Add("username", TreeScalar.String("ENC[AES256_GCM,data:x,iv:y,tag:z,type:str]"))));
        SopsMetadata metadata = new()
        {
            KeyGroups = [[new AgeKeyEntry("age1deeq9quljsdstn4eqdd68uyu87vwajq7yljcsj3y96xvggvuxv2q35wq4w", "-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n")]],
            LastModified = "2026-07-30T18:26:29Z",
            Mac = "ENC[AES256_GCM,data:m,iv:i,tag:t,type:str]",
            Rule = new EncryptionRule(EncryptionMode.EncryptedRegex, "^(data|stringData)"),
            Version = "3.13.3",
        };

        string written = Encoding.UTF8.GetString(SopsDocument.Emit(new EncryptedDocument(tree, metadata, []), DocumentFormat.Yaml, EmitOptions.Default));

        // FORMAT.md §5.3's sample, with its elided values filled in.
        Assert.Equal(
            """
            stringData:
                username: ENC[AES256_GCM,data:x,iv:y,tag:z,type:str]
            sops:
                age:
                    - enc: |
                        -----BEGIN AGE ENCRYPTED FILE-----
                        YWdl
                        -----END AGE ENCRYPTED FILE-----
                      recipient: age1deeq9quljsdstn4eqdd68uyu87vwajq7yljcsj3y96xvggvuxv2q35wq4w
                encrypted_regex: ^(data|stringData)
                lastmodified: "2026-07-30T18:26:29Z"
                mac: ENC[AES256_GCM,data:m,iv:i,tag:t,type:str]
                version: 3.13.3

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            written);
    }
}
