using System.Security.Cryptography;
using System.Text;
using Crypt.Crypto.Sodium;

namespace Crypt.Crypto.Age;

/// <summary>
/// An age passphrase recipient (spec, "The scrypt recipient type"): the file key wrapped under
/// scrypt(N = 2^workFactor, r = 8, p = 1) of the passphrase with a fresh 16-byte salt. Its
/// stanza must be the only one in the header.
/// </summary>
internal sealed class ScryptRecipient : IAgeRecipient, IDisposable
{
    /// <summary>age's default: about a second on a modern machine.</summary>
    public const int DefaultWorkFactor = 18;

    internal const string StanzaType = "scrypt";
    internal const string Label = "age-encryption.org/v1/scrypt";
    internal const int SaltSize = 16;
    private readonly byte[] _passphrase;
    private readonly int _workFactor;

    /// <summary>Creates a recipient for <paramref name="passphrase"/> (UTF-8, not empty).</summary>
    public ScryptRecipient(string passphrase, int workFactor = DefaultWorkFactor)
    {
        ArgumentException.ThrowIfNullOrEmpty(passphrase);
        ArgumentOutOfRangeException.ThrowIfLessThan(workFactor, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workFactor, ScryptIdentity.MaxWorkFactor);
        _passphrase = Encoding.UTF8.GetBytes(passphrase);
        _workFactor = workFactor;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Labels { get; } = [Convert.ToHexStringLower(Libsodium.RandomBytes(16))];

    /// <inheritdoc />
    public IReadOnlyList<AgeStanza> Wrap(ReadOnlySpan<byte> fileKey)
    {
        byte[] salt = Libsodium.RandomBytes(SaltSize);
        byte[] wrapKey = DeriveKey(_passphrase, salt, _workFactor);
        try
        {
            string[] args = [AgeBase64.EncodeUnpadded(salt), _workFactor.ToString(System.Globalization.CultureInfo.InvariantCulture)];
            return [new AgeStanza(StanzaType, args, AgeKeys.WrapFileKey(wrapKey, fileKey))];
        }
        finally
        {
            CryptographicOperations.ZeroMemory(wrapKey);
        }
    }

    /// <inheritdoc />
    public void Dispose() => CryptographicOperations.ZeroMemory(_passphrase);

    /// <summary>Never shows the passphrase.</summary>
    public override string ToString() => $"scrypt passphrase recipient (work factor {_workFactor})";

    internal static byte[] DeriveKey(byte[] passphrase, ReadOnlySpan<byte> salt, int workFactor) =>
        Org.BouncyCastle.Crypto.Generators.SCrypt.Generate(passphrase, [.. Encoding.ASCII.GetBytes(Label), .. salt], 1 << workFactor, 8, 1, 32);
}
