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
/// Unlike SOPS, equal values under one path (list items) keep their own IVs: each goes to the
/// occurrence nearest its old walk position, so they too come back byte-identical, even when
/// one of them is edited or values are added before them.
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

    public void Record(ReadOnlySpan<byte> aad, SopsValueType type, ReadOnlySpan<byte> plaintext, byte[] iv, int position = 0)
    {
        StashKey key = KeyOf(aad, type, plaintext);
        if (!_ivs.TryGetValue(key, out IvList? list))
        {
            _ivs[key] = list = new IvList();
        }

        list.Ivs.Add(new RecordedIv(iv, position));
        list.Available++;
    }

    /// <summary>
    /// The recorded IV for this triple whose walk position is nearest <paramref name="position"/>
    /// among those not yet handed out (any of them once all were), or null.
    /// </summary>
    public byte[]? Find(ReadOnlySpan<byte> aad, SopsValueType type, ReadOnlySpan<byte> plaintext, int position = 0)
    {
        if (_ivs.Count == 0 || !_ivs.TryGetValue(KeyOf(aad, type, plaintext), out IvList? list))
        {
            return null;
        }

        // Recorded in walk order, so sorted by position: start at the nearest and look outwards
        // for one not yet handed out (a re-encryption in the same order finds it at once).
        List<RecordedIv> ivs = list.Ivs;
        int at = NearestIndex(ivs, position);
        for (int left = at, right = at + 1; list.Available > 0 && (left >= 0 || right < ivs.Count);)
        {
            bool takeLeft = left >= 0 && (right >= ivs.Count || Distance(ivs[left], position) <= Distance(ivs[right], position));
            int i = takeLeft ? left-- : right++;
            if (!ivs[i].Used)
            {
                ivs[i] = ivs[i] with { Used = true };
                list.Available--;
                return ivs[i].Iv;
            }
        }

        // Reusing an IV already handed out is still safe: same key, AAD and plaintext.
        return ivs[at].Iv;
    }

    private static int NearestIndex(List<RecordedIv> ivs, int position)
    {
        int low = 0, high = ivs.Count - 1;
        while (low < high)
        {
            int mid = (low + high) / 2;
            if (ivs[mid].Position < position)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low > 0 && Distance(ivs[low - 1], position) <= Distance(ivs[low], position) ? low - 1 : low;
    }

    /// <summary>Makes every IV available again (each encryption pass calls it).</summary>
    public void Rewind()
    {
        foreach (IvList list in _ivs.Values)
        {
            for (int i = 0; i < list.Ivs.Count; i++)
            {
                list.Ivs[i] = list.Ivs[i] with { Used = false };
            }

            list.Available = list.Ivs.Count;
        }
    }

    private static long Distance(RecordedIv recorded, int position) => Math.Abs((long)recorded.Position - position);

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
        SecretBuffer.Ensure(ref _scratch, length);

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

    private readonly record struct RecordedIv(byte[] Iv, int Position, bool Used = false);

    private sealed class IvList
    {
        public List<RecordedIv> Ivs { get; } = new(1);

        /// <summary>How many are not yet handed out (none left: no scan).</summary>
        public int Available { get; set; }
    }
}
