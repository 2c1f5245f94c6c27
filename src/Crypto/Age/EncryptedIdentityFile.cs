using System.Security.Cryptography;
using System.Text;

namespace Crypt.Crypto.Age;

/// <summary>
/// An identity file that is itself an age file encrypted with a passphrase (age -p), as sops
/// 3.13 reads one from <c>SOPS_AGE_KEY_FILE</c> or keys.txt (sops age/encrypted_keys.go
/// EncryptedIdentity, LazyScryptIdentity). Nothing is asked until a file is opened: the first
/// <see cref="Unwrap"/> asks for the passphrase once, decrypts the identities (scrypt work
/// factor capped at <see cref="ScryptIdentity.MaxWorkFactor"/>, as age caps it) and tries them.
/// </summary>
public sealed class EncryptedIdentityFile : IAgeIdentity, IDisposable
{
    private readonly byte[] _contents;
    private readonly string _location;
    private readonly Func<string, string> _passphrase;
    private IReadOnlyList<IAgeIdentity>? _identities;

    /// <summary>
    /// <paramref name="contents"/> is the age file (binary or armored); <paramref name="passphrase"/>
    /// is called with the prompt text and returns the passphrase, or throws when it cannot ask.
    /// </summary>
    public EncryptedIdentityFile(byte[] contents, string location, Func<string, string> passphrase)
    {
        ArgumentNullException.ThrowIfNull(contents);
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(passphrase);
        _contents = contents;
        _location = location;
        _passphrase = passphrase;
    }

    /// <summary>True when <paramref name="start"/> opens an age file, binary or armored (sops peeks at 14 bytes).</summary>
    public static bool IsEncrypted(ReadOnlySpan<byte> start) =>
        start.StartsWith("age-encryption"u8) || start.StartsWith("-----BEGIN AGE"u8);

    /// <inheritdoc />
    public byte[]? Unwrap(IReadOnlyList<AgeStanza> stanzas)
    {
        ArgumentNullException.ThrowIfNull(stanzas);
        _identities ??= Decrypt();
        foreach (IAgeIdentity identity in _identities)
        {
            if (identity.Unwrap(stanzas) is { } fileKey)
            {
                return fileKey;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (IDisposable identity in (_identities ?? []).OfType<IDisposable>())
        {
            identity.Dispose();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"passphrase-protected identity file {_location}";

    private List<IAgeIdentity> Decrypt()
    {
        AgeHeader header;
        using (MemoryStream probe = new(_contents, writable: false))
        {
            AgeReader reader = new(probe);
            if (_contents.AsSpan().StartsWith("-----BEGIN AGE"u8))
            {
                reader = new AgeReader(new ArmorReader(reader));
            }

            header = AgeHeaderReader.Read(reader);
        }

        if (header.Stanzas.Count != 1 || header.Stanzas[0].Type != ScryptRecipient.StanzaType)
        {
            throw new AgeException(AgeFailure.InvalidKey, $"{_location}: the identity file is encrypted, but not with a passphrase");
        }

        string passphrase;
        try
        {
            passphrase = _passphrase($"Enter passphrase for identity '{_location}':");
        }
        catch (AgeException e)
        {
            throw new AgeException(e.Failure, $"{_location}: {e.Message}");
        }

        if (passphrase.Length == 0)
        {
            throw new AgeException(AgeFailure.InvalidKey, $"{_location}: incorrect passphrase");
        }

        using ScryptIdentity scrypt = new(passphrase);
        byte[] plaintext;
        try
        {
            plaintext = AgeDecryptor.Decrypt(_contents, [scrypt]);
        }
        catch (AgeException e) when (e.Failure == AgeFailure.NoMatch)
        {
            throw new AgeException(AgeFailure.InvalidKey, $"{_location}: incorrect passphrase");
        }
        catch (AgeException e)
        {
            throw new AgeException(e.Failure, $"{_location}: failed to decrypt identity file: {e.Message}");
        }

        try
        {
            return [.. AgeKeyParser.ParseIdentityFile(Encoding.UTF8.GetString(plaintext), _location)];
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
