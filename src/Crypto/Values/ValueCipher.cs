using System.Security.Cryptography;
using Crypt.Crypto.Keys;
using Crypt.Crypto.Sodium;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace Crypt.Crypto.Values;

/// <summary>
/// AES-256-GCM over one value, as SOPS's <c>aes/cipher.go</c> does it: 32-byte random IV on
/// encrypt (NIST SP 800-38D J0 = GHASH path), any IV length on decrypt, 16-byte tag, the key
/// path as AAD. BouncyCastle's GCM is used because .NET's AesGcm accepts 12-byte nonces only.
/// One instance per data key and thread; it keeps the key schedule and GHASH tables between
/// values, which is most of the per-value cost.
/// </summary>
public sealed class ValueCipher : IDisposable
{
    /// <summary>IV length SOPS writes.</summary>
    public const int IvSize = 32;

    /// <summary>GCM tag length.</summary>
    public const int TagSize = 16;

    private const int IvBatch = 256;

    private readonly GcmBlockCipher _gcm = new(AesUtilities.CreateEngine());
    private readonly byte[] _key;
    private readonly byte[] _ivPool = new byte[IvSize * IvBatch];
    private int _ivNext = IvBatch;
    private byte[] _decryptIv = new byte[IvSize];
    private byte[] _sealed = new byte[256];
    private bool _keyLoaded;
    private byte[]? _lastIv;

    /// <summary>A cipher for values under <paramref name="dataKey"/> (the key bytes are copied).</summary>
    public ValueCipher(DataKey dataKey)
    {
        ArgumentNullException.ThrowIfNull(dataKey);
        _key = dataKey.Span.ToArray();
    }

    /// <summary>Encrypts with a fresh random 32-byte IV.</summary>
    public EncryptedValue Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> aad, SopsValueType type) =>
        Encrypt(plaintext, aad, type, NextIv());

    /// <summary>Encrypts with the given IV (reused IVs keep unchanged values' ciphertext, SOPS's stash).</summary>
    public EncryptedValue Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> aad, SopsValueType type, byte[] iv)
    {
        ArgumentNullException.ThrowIfNull(iv);
        Span<byte> sealedValue = Seal(plaintext, aad, iv);
        return new EncryptedValue(sealedValue[..plaintext.Length].ToArray(), iv, sealedValue[plaintext.Length..].ToArray(), type);
    }

    /// <summary>
    /// Decrypts <paramref name="value"/> into <paramref name="plaintext"/> (length =
    /// <c>value.Data.Length</c>). False when the tag does not verify; nothing is released then.
    /// </summary>
    public bool TryDecrypt(EncryptedValue value, ReadOnlySpan<byte> aad, Span<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryDecrypt(value.Data, value.Iv, value.Tag, aad, plaintext);
    }

    /// <summary>
    /// Decrypts <paramref name="data"/> into <paramref name="plaintext"/> (at least as long).
    /// False when the tag does not verify; <paramref name="plaintext"/> is wiped then.
    /// <paramref name="plaintext"/> may start where <paramref name="data"/> does (decrypted in
    /// place), but must not overlap it otherwise, nor overlap <paramref name="tag"/>.
    /// </summary>
    public bool TryDecrypt(ReadOnlySpan<byte> data, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> aad, Span<byte> plaintext)
    {
        if (plaintext.Length < data.Length)
        {
            throw new ArgumentException("plaintext buffer too small", nameof(plaintext));
        }

        // BouncyCastle takes the nonce as an array: one reused per length (decrypt never
        // trips its nonce-reuse check, and Init reads the bytes before the next overwrite).
        if (_decryptIv.Length != iv.Length)
        {
            _decryptIv = new byte[iv.Length];
        }

        iv.CopyTo(_decryptIv);
        Init(forEncryption: false, _decryptIv);
        _gcm.ProcessAadBytes(aad);
        Span<byte> output = plaintext[..data.Length];
        try
        {
            int written = _gcm.ProcessBytes(data, output);
            written += _gcm.ProcessBytes(tag, output[written..]);
            _gcm.DoFinal(output[written..]);
            return true;
        }
        catch (InvalidCipherTextException)
        {
            CryptographicOperations.ZeroMemory(output);
            return false;
        }
    }

    /// <summary>
    /// Encrypts straight to the <c>ENC[...]</c> text (no intermediate arrays), with a fresh
    /// random IV or the given one (SOPS's stash).
    /// </summary>
    public string EncryptToText(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> aad, SopsValueType type, byte[]? iv = null)
    {
        iv ??= NextIv();
        Span<byte> sealedValue = Seal(plaintext, aad, iv);
        return EncryptedValue.Format(sealedValue[..plaintext.Length], iv, sealedValue[plaintext.Length..], type);
    }

    /// <summary>
    /// Encrypts into <paramref name="parts"/> laid out as <see cref="EncryptedValueLayout"/> reads
    /// them: ciphertext, IV, tag (<c>plaintext.Length + iv length + TagSize</c> bytes); returns the IV length.
    /// The ciphertext is written straight into <paramref name="parts"/>, with no buffer of the
    /// value's size: <paramref name="plaintext"/> may be the start of <paramref name="parts"/>
    /// itself (encrypted in place; GCM reads each block before it writes it), but must not
    /// overlap it otherwise.
    /// </summary>
    public int EncryptToParts(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> aad, byte[]? iv, Span<byte> parts)
    {
        iv ??= NextIv();
        int length = plaintext.Length;
        if (parts.Length < length + iv.Length + TagSize)
        {
            throw new ArgumentException("parts buffer too small", nameof(parts));
        }

        Init(forEncryption: true, iv);
        _gcm.ProcessAadBytes(aad);

        // Whole blocks go out as they are processed; the last partial block comes with the tag
        // from DoFinal, and the IV sits between the two in the layout.
        int written = _gcm.ProcessBytes(plaintext, parts[..length]);
        Span<byte> last = stackalloc byte[(2 * TagSize) - 1];
        int final = _gcm.DoFinal(last);
        int rest = length - written;
        last[..rest].CopyTo(parts[written..length]);
        iv.CopyTo(parts[length..]);
        last[rest..final].CopyTo(parts[(length + iv.Length)..]);
        return iv.Length;
    }

    // Ciphertext followed by the tag, in a buffer reused between values.
    private Span<byte> Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> aad, byte[] iv)
    {
        Init(forEncryption: true, iv);
        _gcm.ProcessAadBytes(aad);
        SecretBuffer.Ensure(ref _sealed, plaintext.Length + TagSize);
        Span<byte> output = _sealed.AsSpan(0, plaintext.Length + TagSize);
        int written = _gcm.ProcessBytes(plaintext, output);
        _gcm.DoFinal(output[written..]);
        return output;
    }

    /// <summary>Decrypts to a new array, or null when the tag does not verify.</summary>
    public byte[]? Decrypt(EncryptedValue value, ReadOnlySpan<byte> aad)
    {
        ArgumentNullException.ThrowIfNull(value);
        byte[] plaintext = new byte[value.Data.Length];
        return TryDecrypt(value, aad, plaintext) ? plaintext : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_key);
        CryptographicOperations.ZeroMemory(_sealed);

        // BouncyCastle's Reset throws on a cipher that was never initialised.
        if (_keyLoaded)
        {
            _gcm.Reset();
        }
    }

    private byte[] NextIv()
    {
        if (_ivNext == IvBatch)
        {
            // One RNG call per 256 values: the syscall costs more than encrypting a short value.
            Libsodium.RandomBytes(_ivPool);
            _ivNext = 0;
        }

        return _ivPool.AsSpan(_ivNext++ * IvSize, IvSize).ToArray();
    }

    private void Init(bool forEncryption, byte[] iv)
    {
        // A null key in AeadParameters makes BouncyCastle reuse the key schedule and GHASH
        // tables from the previous Init: only the first call pays for them.
        KeyParameter? key = _keyLoaded ? null : new KeyParameter(_key);

        // BouncyCastle refuses to encrypt twice in a row with the same nonce. The IV stash does
        // exactly that for equal values under the same path (same plaintext and AAD, so the
        // output is identical and nothing leaks): step through a throwaway decrypt Init first.
        if (forEncryption && _keyLoaded && _lastIv is not null && _lastIv.AsSpan().SequenceEqual(iv))
        {
            _gcm.Init(false, new AeadParameters(null, TagSize * 8, new byte[iv.Length == 1 ? 2 : 1]));
        }

        _gcm.Init(forEncryption, new AeadParameters(key, TagSize * 8, iv));
        _lastIv = iv;
        _keyLoaded = true;
    }
}
