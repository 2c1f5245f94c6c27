using System.Security.Cryptography;
using Crypt.Crypto.Age;

namespace Crypt.Crypto.Tests.Age;

/// <summary>
/// Every vector of the age test kit (C2SP CCTV age/testdata, copied in ../shared/fixtures/age-testkit),
/// one row per file, the 19 post-quantum hybrid (mlkem768x25519) ones included.
/// </summary>
public sealed class AgeTestkitTests
{
    public static TheoryData<string> AllVectors() => [.. TestkitVector.AllNames()];

    public static TheoryData<string> HybridVectors() => [.. TestkitVector.AllNames().Where(n => TestkitVector.Load(n).IsHybrid)];

    [Fact]
    public void The_testkit_directory_holds_every_vector_the_hybrid_ones_included()
    {
        // 143 vectors (the directory also holds README.md and LICENSE), 19 of them hybrid.
        Assert.Equal(143, AllVectors().Count);
        Assert.Equal(19, HybridVectors().Count);
        Assert.All(TestkitVector.AllNames().Where(n => TestkitVector.Load(n).IsHybrid), n => Assert.Contains("hybrid", n, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(AllVectors))]
    public void Vector_decrypts_or_fails_with_the_expected_class(string name)
    {
        TestkitVector vector = TestkitVector.Load(name);
        List<IAgeIdentity> identities = vector.ParseIdentities();
        using MemoryStream released = new();
        AgeEncoding encoding = vector.Armored ? AgeEncoding.Armored : AgeEncoding.Binary;
        AgeException? error = Record.Exception(() => AgeDecryptor.Decrypt(new MemoryStream(vector.File), released, identities, encoding)) switch
        {
            null => null,
            AgeException e => e,
            Exception other => throw new Xunit.Sdk.XunitException($"{name}: unexpected {other.GetType().Name}: {other.Message}"),
        };

        AgeFailure? expected = vector.Expect switch
        {
            "success" => null,
            "header failure" => AgeFailure.Header,
            "armor failure" => AgeFailure.Armor,
            "HMAC failure" => AgeFailure.HeaderMac,
            "no match" => AgeFailure.NoMatch,
            "payload failure" => AgeFailure.Payload,
            _ => throw new InvalidDataException(vector.Expect),
        };
        Assert.True(expected == error?.Failure, $"{name}: expected {expected?.ToString() ?? "success"}, got {error?.Failure.ToString() ?? "success"} ({error?.Message})");
        if (vector.PayloadHash is not null)
        {
            // Success, or a payload failure: all plaintext released before it must match.
            Assert.Equal(vector.PayloadHash, Convert.ToHexStringLower(SHA256.HashData(released.ToArray())));
        }
        else
        {
            Assert.Equal(0, released.Length);
        }
    }

    [Theory]
    [MemberData(nameof(AllVectors))]
    public void Auto_detection_of_armor_agrees_with_the_vector(string name)
    {
        TestkitVector vector = TestkitVector.Load(name);
        List<IAgeIdentity> identities = vector.ParseIdentities();
        AgeFailure? Outcome(AgeEncoding encoding) =>
            (Record.Exception(() => AgeDecryptor.Decrypt(new MemoryStream(vector.File), Stream.Null, identities, encoding)) as AgeException)?.Failure;
        Assert.Equal(Outcome(vector.Armored ? AgeEncoding.Armored : AgeEncoding.Binary), Outcome(AgeEncoding.Auto));
    }

    [Theory]
    [MemberData(nameof(HybridVectors))]
    public void Hybrid_vector_identity_prints_back_as_written(string name)
    {
        TestkitVector vector = TestkitVector.Load(name);
        foreach (string text in vector.Identities.Where(i => i.StartsWith("AGE-SECRET-KEY-PQ-", StringComparison.Ordinal)))
        {
            using HybridIdentity identity = HybridIdentity.Parse(text);
            Assert.Equal(text, identity.ToSecretString());
            Assert.StartsWith("age1pq1", identity.Recipient.ToString(), StringComparison.Ordinal);
        }
    }
}
