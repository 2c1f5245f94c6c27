using Crypt.Crypto.Aws.Kms;
using Crypt.Crypto.Errors;

namespace Crypt.Crypto.Aws.Tests;

public sealed class KmsKeyParserTests
{
    private const string Key = "arn:aws:kms:us-east-1:656532927350:key/920aff2e-c5f1-4040-943a-047fa387b27e";
    private const string Role = "arn:aws:iam::927034868273:role/sops-dev-xyz";

    // arns text, expected "arn|role|region" per key (SOPS kms.MasterKeysFromArnString).
    public static TheoryData<string, string[]> Lists => new()
    {
        { Key, [$"{Key}||us-east-1"] },
        { $"{Key}+{Role}", [$"{Key}|{Role}|us-east-1"] },
        { $"{Key}, arn:aws:kms:ap-southeast-1:656532927350:key/9006a8aa-0fa6-4c14-930e-a2dfb916de1d", [$"{Key}||us-east-1", "arn:aws:kms:ap-southeast-1:656532927350:key/9006a8aa-0fa6-4c14-930e-a2dfb916de1d||ap-southeast-1"] },
        { $" {Key} + {Role} ,", [$"{Key}|{Role}|us-east-1"] },
        { "arn:aws:kms:eu-west-1:123456789012:alias/sops", ["arn:aws:kms:eu-west-1:123456789012:alias/sops||eu-west-1"] },
        { "arn:aws-cn:kms:cn-north-1:123456789012:key/abc", ["arn:aws-cn:kms:cn-north-1:123456789012:key/abc||cn-north-1"] },
        { "arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/abc", ["arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/abc||us-gov-west-1"] },
        { "", [] },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void ParseList_splits_arns_roles_and_regions(string text, string[] expected)
    {
        IEnumerable<string> actual = KmsKeyParser.ParseList(text).Select(k => $"{k.Arn}|{k.Role}|{k.Region}");
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("arn:aws:s3:::bucket")]
    [InlineData("arn:aws:kms:us-east-1:not-a-number:key/abc")]
    [InlineData("arn:aws:kms:us-east-1:123456789012:secret/abc")]
    [InlineData("920aff2e-c5f1-4040-943a-047fa387b27e")]
    public void ParseList_rejects_what_is_not_a_kms_arn_naming_it(string text)
    {
        MalformedKeyException e = Assert.Throws<MalformedKeyException>(() => KmsKeyParser.ParseList(text));
        Assert.Equal(text, e.KeyId);
    }

    [Fact]
    public void ParseList_gives_every_key_the_context_and_profile()
    {
        IReadOnlyList<KeyValuePair<string, string>> context = KmsKeyParser.ParseEncryptionContext("a:b");
        IReadOnlyList<KmsKeyReference> keys = KmsKeyParser.ParseList($"{Key},{Key}+{Role}", context, "dev");
        Assert.All(keys, k => Assert.Equal(context, k.Context));
        Assert.All(keys, k => Assert.Equal("dev", k.AwsProfile));
    }

    // text, expected "k=v" pairs in order (SOPS kms.ParseKMSContext, string form).
    public static TheoryData<string, string[]> Contexts => new()
    {
        { "", [] },
        { "k1:v1", ["k1=v1"] },
        { "k1:v1,k2:v2", ["k1=v1", "k2=v2"] },
        { "k:", ["k="] },
        { "k1:a,k1:b", ["k1=b"] },
        { "Environment:production,app name:web", ["Environment=production", "app name=web"] },
    };

    [Theory]
    [MemberData(nameof(Contexts))]
    public void ParseEncryptionContext_reads_key_value_pairs(string text, string[] expected)
    {
        Assert.Equal(expected, KmsKeyParser.ParseEncryptionContext(text).Select(p => $"{p.Key}={p.Value}"));
    }

    [Theory]
    [InlineData("novalue")]
    [InlineData("a:b:c")]
    [InlineData("a:b,,c:d")]
    public void ParseEncryptionContext_rejects_a_pair_without_exactly_one_colon(string text)
    {
        Assert.Throws<InvalidEncryptionContextException>(() => KmsKeyParser.ParseEncryptionContext(text));
    }

    [Theory]
    [InlineData("build-host.example.com", "sops@build-host.example.com")]
    [InlineData("host with spaces/and#junk", "sops@hostwithspacesandjunk")]
    [InlineData("", "sops@")]
    public void Session_name_is_sops_at_the_sanitised_hostname(string host, string expected)
    {
        Assert.Equal(expected, StsSessionName.FromHostName(host));
    }

    [Fact]
    public void Session_name_is_cut_to_64_characters()
    {
        string name = StsSessionName.FromHostName(new string('h', 100));
        Assert.Equal(64, name.Length);
        Assert.StartsWith("sops@hhh", name, StringComparison.Ordinal);
    }
}
