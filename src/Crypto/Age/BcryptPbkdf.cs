using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Crypt.Crypto.Age;

/// <summary>
/// The key derivation OpenSSH uses for passphrase-protected private keys (kdfname <c>bcrypt</c>,
/// PROTOCOL.key), written after OpenBSD lib/libutil/bcrypt_pbkdf.c: a PBKDF2-like loop whose
/// pseudo-random function is a Blowfish-based hash of SHA-512 digests, with output bytes spread
/// across blocks so every byte of the key costs all rounds. BouncyCastle 2.7 has bcrypt (the
/// password hash) but not this function, and its Blowfish state is private, so the cipher is here.
/// </summary>
internal static class BcryptPbkdf
{
    private const int HashSize = 32;

    // bcrypt_pbkdf.c bcrypt_hash: the 32-byte text encrypted 64 times by the expensive key schedule.
    private static ReadOnlySpan<byte> Magic => "OxychromaticBlowfishSwatDynamite"u8;

    /// <summary>Fills <paramref name="key"/> from <paramref name="password"/> and <paramref name="salt"/> with <paramref name="rounds"/> rounds.</summary>
    public static void Derive(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int rounds, Span<byte> key)
    {
        if (rounds < 1 || key.Length == 0 || key.Length > HashSize * HashSize)
        {
            throw new ArgumentOutOfRangeException(nameof(rounds), "bcrypt_pbkdf needs rounds >= 1 and 1..1024 key bytes");
        }

        int stride = (key.Length + HashSize - 1) / HashSize;
        int amount = (key.Length + stride - 1) / stride;
        byte[] sha2pass = SHA512.HashData(password);
        byte[] countSalt = new byte[salt.Length + 4];
        salt.CopyTo(countSalt);
        Span<byte> sha2salt = stackalloc byte[64];
        Span<byte> output = stackalloc byte[HashSize];
        Span<byte> block = stackalloc byte[HashSize];
        Blowfish state = new();
        try
        {
            int remaining = key.Length;
            for (uint count = 1; remaining > 0; count++)
            {
                BinaryPrimitives.WriteUInt32BigEndian(countSalt.AsSpan(salt.Length), count);
                SHA512.HashData(countSalt, sha2salt);
                Hash(state, sha2pass, sha2salt, block);
                block.CopyTo(output);
                for (int round = 1; round < rounds; round++)
                {
                    SHA512.HashData(block, sha2salt);
                    Hash(state, sha2pass, sha2salt, block);
                    for (int i = 0; i < HashSize; i++)
                    {
                        output[i] ^= block[i];
                    }
                }

                // Spread this block's bytes at stride intervals (bcrypt_pbkdf.c "pbkdf2 deviation").
                amount = Math.Min(amount, remaining);
                int written = 0;
                for (; written < amount; written++)
                {
                    int destination = (written * stride) + (int)(count - 1);
                    if (destination >= key.Length)
                    {
                        break;
                    }

                    key[destination] = output[written];
                }

                remaining -= written;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sha2pass);
            CryptographicOperations.ZeroMemory(countSalt);
            CryptographicOperations.ZeroMemory(sha2salt);
            CryptographicOperations.ZeroMemory(output);
            CryptographicOperations.ZeroMemory(block);
            state.Clear();
        }
    }

    // bcrypt_pbkdf.c bcrypt_hash: eksblowfish setup with salt and password, 64 rounds of
    // re-keying, then the magic text encrypted 64 times; words are written little-endian.
    private static void Hash(Blowfish state, ReadOnlySpan<byte> sha2pass, ReadOnlySpan<byte> sha2salt, Span<byte> output)
    {
        state.Initialize();
        state.ExpandState(sha2salt, sha2pass);
        for (int i = 0; i < 64; i++)
        {
            state.ExpandState(default, sha2salt);
            state.ExpandState(default, sha2pass);
        }

        Span<uint> data = stackalloc uint[HashSize / 4];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = BinaryPrimitives.ReadUInt32BigEndian(Magic[(i * 4)..]);
        }

        for (int i = 0; i < 64; i++)
        {
            for (int j = 0; j < data.Length; j += 2)
            {
                state.Encrypt(ref data[j], ref data[j + 1]);
            }
        }

        for (int i = 0; i < data.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(output[(i * 4)..], data[i]);
        }

        data.Clear();
    }
}
