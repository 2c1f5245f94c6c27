using System.Security.Cryptography;
using NSec.Cryptography;

namespace Crypt.Crypto.Age;

/// <summary>
/// The age v1 STREAM payload (spec, "Payload"): 64 KiB chunks sealed with ChaCha20-Poly1305
/// under the payload key, nonce = 11-byte big-endian counter || last-chunk flag. The final chunk
/// may be short but is empty only when the whole plaintext is; nothing may follow it.
/// </summary>
internal static class AgePayload
{
    public const int ChunkSize = 64 * 1024;
    public const int TagSize = 16;
    public const int EncryptedChunkSize = ChunkSize + TagSize;

    public static void Encrypt(ReadOnlySpan<byte> payloadKey, ReadOnlySpan<byte> plaintext, Stream output)
    {
        using Key key = Key.Import(AeadAlgorithm.ChaCha20Poly1305, payloadKey, KeyBlobFormat.RawSymmetricKey);
        byte[] sealedChunk = new byte[EncryptedChunkSize];
        Span<byte> nonce = stackalloc byte[12];
        long counter = 0;
        int offset = 0;
        do
        {
            int length = Math.Min(ChunkSize, plaintext.Length - offset);
            bool last = offset + length == plaintext.Length;
            SetNonce(nonce, counter, last);
            AeadAlgorithm.ChaCha20Poly1305.Encrypt(key, nonce, [], plaintext.Slice(offset, length), sealedChunk.AsSpan(0, length + TagSize));
            output.Write(sealedChunk, 0, length + TagSize);
            offset += length;
            counter++;
        }
        while (offset < plaintext.Length);
    }

    /// <summary>
    /// Decrypts chunk by chunk, writing each authenticated chunk to <paramref name="output"/>
    /// before reading the next, so a failure leaves exactly the verified prefix released.
    /// </summary>
    public static void Decrypt(ReadOnlySpan<byte> payloadKey, AgeReader input, Stream output)
    {
        using Key key = Key.Import(AeadAlgorithm.ChaCha20Poly1305, payloadKey, KeyBlobFormat.RawSymmetricKey);
        byte[] sealedChunk = new byte[EncryptedChunkSize];
        byte[] plain = new byte[ChunkSize];
        Span<byte> nonce = stackalloc byte[12];
        try
        {
            for (long counter = 0; ; counter++)
            {
                int n = input.ReadFull(sealedChunk);
                if (n == 0)
                {
                    throw AgeException.Payload("truncated: the file ends without a final chunk");
                }

                bool last = n < EncryptedChunkSize;
                if (last && counter > 0 && n == TagSize)
                {
                    throw AgeException.Payload("the final chunk is empty");
                }

                if (n < TagSize)
                {
                    throw AgeException.Payload("chunk is shorter than its tag");
                }

                ReadOnlySpan<byte> ciphertext = sealedChunk.AsSpan(0, n);
                Span<byte> plaintext = plain.AsSpan(0, n - TagSize);
                SetNonce(nonce, counter, last);
                bool ok = AeadAlgorithm.ChaCha20Poly1305.Decrypt(key, nonce, [], ciphertext, plaintext);
                if (!ok && !last)
                {
                    // A full-length chunk may be the final one.
                    last = true;
                    SetNonce(nonce, counter, last);
                    ok = AeadAlgorithm.ChaCha20Poly1305.Decrypt(key, nonce, [], ciphertext, plaintext);
                }

                if (!ok)
                {
                    throw AgeException.Payload("a chunk failed to authenticate; the file is corrupted or was tampered with");
                }

                output.Write(plaintext);
                if (last)
                {
                    if (input.ReadFull(stackalloc byte[1]) != 0)
                    {
                        throw AgeException.Payload("trailing data after the final chunk");
                    }

                    return;
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private static void SetNonce(Span<byte> nonce, long counter, bool last)
    {
        nonce.Clear();
        for (int i = 10; i >= 0 && counter != 0; i--)
        {
            nonce[i] = (byte)counter;
            counter >>= 8;
        }

        nonce[11] = last ? (byte)1 : (byte)0;
    }
}
