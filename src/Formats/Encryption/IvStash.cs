using System.Buffers.Binary;
using System.Security.Cryptography;
using Crypt.Crypto.Values;

namespace Crypt.Formats.Encryption;

/// <summary>
/// SOPS's IV stash (FORMAT.md §2.5): every value decrypted records its IV under (AAD, type,
/// plaintext); encrypting the same triple again reuses the IV, so with the same data key the
/// ciphertext is identical and an edit changes only the edited lines. Reuse is safe because the
/// IV only ever comes back for the very same plaintext and AAD. The triple is kept as an
/// HMAC-SHA256 under a random per-stash key, never as plaintext; dispose wipes the key.
/// </summary>
internal sealed class IvStash : IDisposable
{
    private readonly byte[] _hmacKey = RandomNumberGenerator.GetBytes(32);
    private readonly Dictionary<StashKey, byte[]> _ivs = [];
    private byte[] _scratch = new byte[256];

    public int Count => _ivs.Count;

    public void Record(ReadOnlySpan<byte> aad, SopsValueType type, ReadOnlySpan<byte> plaintext, byte[] iv) =>
        _ivs[KeyOf(aad, type, plaintext)] = iv;

    public byte[]? Find(ReadOnlySpan<byte> aad, SopsValueType type, ReadOnlySpan<byte> plaintext) =>
        _ivs.Count == 0 ? null : _ivs.GetValueOrDefault(KeyOf(aad, type, plaintext));

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_hmacKey);
        CryptographicOperations.ZeroMemory(_scratch);
        _ivs.Clear();
    }

    private StashKey KeyOf(ReadOnlySpan<byte> aad, SopsValueType type, ReadOnlySpan<byte> plaintext)
    {
        // Unambiguous framing: aad length, aad, type, plaintext.
        int length = 4 + aad.Length + 1 + plaintext.Length;
        if (_scratch.Length < length)
        {
            CryptographicOperations.ZeroMemory(_scratch);
            _scratch = new byte[Math.Max(length, _scratch.Length * 2)];
        }

        Span<byte> input = _scratch.AsSpan(0, length);
        BinaryPrimitives.WriteInt32LittleEndian(input, aad.Length);
        aad.CopyTo(input[4..]);
        input[4 + aad.Length] = (byte)type;
        plaintext.CopyTo(input[(5 + aad.Length)..]);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_hmacKey, input, mac);
        CryptographicOperations.ZeroMemory(input);
        return new StashKey(
            BinaryPrimitives.ReadUInt64LittleEndian(mac),
            BinaryPrimitives.ReadUInt64LittleEndian(mac[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(mac[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(mac[24..]));
    }

    private readonly record struct StashKey(ulong A, ulong B, ulong C, ulong D);
}
