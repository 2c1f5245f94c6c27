using System.Buffers.Binary;
using System.Security.Cryptography;
using Crypt.Crypto.Sodium;
using Crypt.Crypto.Values;

namespace Crypt.Formats.Encryption;

/// <summary>
/// SOPS's IV stash (FORMAT.md §2.5): every value decrypted records its IV under (AAD, type,
/// plaintext); encrypting the same triple again reuses the IV, so with the same data key the
/// ciphertext is identical and an edit changes only the edited lines. Reuse is safe because the
/// IV only ever comes back for the very same plaintext and AAD. The triple is kept as a
/// SHA-256 under a random secret per-stash salt, never as plaintext; dispose wipes the salt.
/// Unlike SOPS, equal values under one path (list items) keep their own IVs, handed out in
/// walk order, so they too come back byte-identical.
/// </summary>
internal sealed class IvStash : IDisposable
{
    private const int Salt = 32;

    // A secret random prefix: the stored hashes cannot be checked against guessed plaintexts
    // (SHA-256 over salt ‖ framed input; a plain hash is enough for equality, and far cheaper
    // per value than an HMAC instance). libsodium's, like the salt: .NET's would load OpenSSL.
    private readonly byte[] _salt = Libsodium.RandomBytes(Salt);
    private readonly Dictionary<StashKey, IvList> _ivs = [];
    private byte[] _scratch = new byte[256];

    public int Count => _ivs.Count;

    public void Record(ReadOnlySpan<byte> aad, SopsValueType type, ReadOnlySpan<byte> plaintext, byte[] iv)
    {
        StashKey key = KeyOf(aad, type, plaintext);
        if (!_ivs.TryGetValue(key, out IvList? list))
        {
            _ivs[key] = list = new IvList();
        }

        list.Ivs.Add(iv);
    }

    /// <summary>The next recorded IV for this triple (the first again once all were used), or null.</summary>
    public byte[]? Find(ReadOnlySpan<byte> aad, SopsValueType type, ReadOnlySpan<byte> plaintext)
    {
        if (_ivs.Count == 0 || !_ivs.TryGetValue(KeyOf(aad, type, plaintext), out IvList? list))
        {
            return null;
        }

        // Reusing an IV already handed out is still safe: same key, AAD and plaintext.
        return list.Next < list.Ivs.Count ? list.Ivs[list.Next++] : list.Ivs[0];
    }

    /// <summary>Starts handing out IVs from the first again (each encryption pass calls it).</summary>
    public void Rewind()
    {
        foreach (IvList list in _ivs.Values)
        {
            list.Next = 0;
        }
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_salt);
        CryptographicOperations.ZeroMemory(_scratch);
        _ivs.Clear();
    }

    private StashKey KeyOf(ReadOnlySpan<byte> aad, SopsValueType type, ReadOnlySpan<byte> plaintext)
    {
        // Unambiguous framing after the secret salt: aad length, aad, type, plaintext.
        int length = Salt + 4 + aad.Length + 1 + plaintext.Length;
        if (_scratch.Length < length)
        {
            CryptographicOperations.ZeroMemory(_scratch);
            _scratch = new byte[Math.Max(length, _scratch.Length * 2)];
        }

        Span<byte> input = _scratch.AsSpan(0, length);
        _salt.CopyTo(input);
        BinaryPrimitives.WriteInt32LittleEndian(input[Salt..], aad.Length);
        aad.CopyTo(input[(Salt + 4)..]);
        input[Salt + 4 + aad.Length] = (byte)type;
        plaintext.CopyTo(input[(Salt + 5 + aad.Length)..]);
        Span<byte> mac = stackalloc byte[32];
        NSec.Cryptography.HashAlgorithm.Sha256.Hash(input, mac);
        CryptographicOperations.ZeroMemory(input[Salt..]);
        return new StashKey(
            BinaryPrimitives.ReadUInt64LittleEndian(mac),
            BinaryPrimitives.ReadUInt64LittleEndian(mac[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(mac[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(mac[24..]));
    }

    private readonly record struct StashKey(ulong A, ulong B, ulong C, ulong D);

    private sealed class IvList
    {
        public List<byte[]> Ivs { get; } = new(1);

        public int Next { get; set; }
    }
}
