using Crypt.Crypto.Errors;
using Crypt.Formats.Dotenv;
using Crypt.Formats.Json;
using Crypt.Formats.Metadata;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;
using CsCheck;

namespace Crypt.Formats.Tests.Json;

public sealed class StorePropertyTests
{
    private static readonly JsonStore s_json = new();
    private static readonly DotenvStore s_dotenv = new();

    [Fact]
    public void Json_parse_of_emit_gives_back_any_tree() =>
        TreeGenerators.JsonRoot.Sample(
            root =>
            {
                var document = new TreeDocument(root);
                TreeDocument again = s_json.ParsePlain(s_json.EmitPlain(document, EmitOptions.Default));
                TreeEquivalence.AssertEqual(document, again);
            },
            iter: 500,
            print: r => TreeEquivalence.Describe(new TreeDocument(r)));

    [Fact]
    public void Dotenv_parse_of_emit_gives_back_any_flat_tree() =>
        TreeGenerators.DotenvRoot.Sample(
            root =>
            {
                var document = new TreeDocument(root);
                TreeDocument again = s_dotenv.ParsePlain(s_dotenv.EmitPlain(document, EmitOptions.Default));
                TreeEquivalence.AssertEqual(document, again);
            },
            iter: 500,
            print: r => TreeEquivalence.Describe(new TreeDocument(r)));

    [Fact]
    public void Mutated_json_only_ever_fails_with_a_format_error()
    {
        byte[][] corpus =
        [
            File.ReadAllBytes(Metadata.FixtureDocuments.FullPath("humphd-sops-age/secret.enc.json")),
            .. TreeGenerators.JsonRoot.Array[8].Single().Select(r => s_json.EmitPlain(new TreeDocument(r), EmitOptions.Default)),
        ];
        TreeGenerators.Mutated(corpus).Sample(input => OnlyFormatErrors(() =>
        {
            TreeDocument document = s_json.ParseEncrypted(input);
            s_json.EmitPlain(document, EmitOptions.Default);
            MetadataCodec.Extract(document, DocumentFormat.Json);
        }), iter: 3000);
    }

    [Fact]
    public void Mutated_dotenv_only_ever_fails_with_a_format_error()
    {
        byte[][] corpus =
        [
            File.ReadAllBytes(Metadata.FixtureDocuments.FullPath("humphd-sops-age/secret.enc.env")),
            File.ReadAllBytes(Metadata.FixtureDocuments.FullPath("pgp-comment-vectors/sops-nix-secrets.env")),
        ];
        TreeGenerators.Mutated(corpus).Sample(input => OnlyFormatErrors(() =>
        {
            TreeDocument document = s_dotenv.ParseEncrypted(input);
            SopsMetadata? metadata = MetadataCodec.Extract(document, DocumentFormat.Dotenv);
            if (metadata is not null)
            {
                MetadataCodec.Attach(document, metadata, DocumentFormat.Dotenv);
            }

            s_dotenv.EmitEncrypted(document, EmitOptions.Default);
        }), iter: 3000);
    }

    private static void OnlyFormatErrors(Action action)
    {
        try
        {
            action();
        }
        catch (CryptFormatException)
        {
            // The only failure a malformed file may produce.
        }
    }
}
