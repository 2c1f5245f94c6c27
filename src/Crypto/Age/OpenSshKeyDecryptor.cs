using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace Crypt.Crypto.Age;

/// <summary>
/// Decrypts the private section of a passphrase-protected <c>openssh-key-v1</c> container
/// (openssh PROTOCOL.key; sshkey.c private2_decrypt): kdf <c>bcrypt</c> (salt, rounds) derives the
/// cipher's key and IV from the passphrase; the ciphers are those ssh-keygen writes (<c>-Z</c>):
/// aes256-ctr (its default), aes256-cbc, aes256-gcm@openssh.com and chacha20-poly1305@openssh.com,
/// whose 16-byte tag follows the encrypted string. The result is the same container with cipher
/// and kdf <c>none</c>, for the unencrypted-key parser. A wrong passphrase shows as a bad tag or
/// as the two check integers at the start of the private section differing.
/// </summary>
internal static class OpenSshKeyDecryptor
{
    private const int MaxRounds = 1 << 16;

    /// <summary>Returns the decrypted container, or null when the passphrase is wrong.</summary>
    /// <exception cref="FormatException">Malformed container, or a kdf or cipher ssh-keygen does not write.</exception>
    public static byte[]? Decrypt(byte[] container, ReadOnlySpan<byte> passphrase)
    {
        int offset = "openssh-key-v1\0"u8.Length;
        string cipher = Text(SshWire.ReadString(container, ref offset));
        string kdf = Text(SshWire.ReadString(container, ref offset));
        byte[] kdfOptions = SshWire.ReadString(container, ref offset) ?? throw Malformed();
        uint count = SshWire.ReadUInt32(container, ref offset) ?? throw Malformed();
        byte[] publicKey = SshWire.ReadString(container, ref offset) ?? throw Malformed();
        byte[] encrypted = SshWire.ReadString(container, ref offset) ?? throw Malformed();
        if (count != 1 || kdf != "bcrypt")
        {
            throw new FormatException($"unsupported key derivation \"{kdf}\" (ssh-keygen writes bcrypt)");
        }

        (int keyLength, int ivLength, int tagLength) = cipher switch
        {
            "aes256-ctr" or "aes256-cbc" => (32, 16, 0),
            "aes256-gcm@openssh.com" => (32, 12, 16),
            "chacha20-poly1305@openssh.com" => (64, 0, 16),
            _ => throw new FormatException($"unsupported cipher \"{cipher}\""),
        };
        if (container.Length - offset < tagLength || encrypted.Length % 8 != 0)
        {
            throw Malformed();
        }

        int kdfOffset = 0;
        byte[] salt = SshWire.ReadString(kdfOptions, ref kdfOffset) ?? throw Malformed();
        uint rounds = SshWire.ReadUInt32(kdfOptions, ref kdfOffset) ?? throw Malformed();
        if (rounds is 0 or > MaxRounds)
        {
            throw new FormatException($"bcrypt rounds {rounds} out of range (1..{MaxRounds})");
        }

        byte[] tag = container.AsSpan(offset, tagLength).ToArray();
        byte[] derived = new byte[keyLength + ivLength];
        byte[] plain = new byte[encrypted.Length];
        try
        {
            BcryptPbkdf.Derive(passphrase, salt, (int)rounds, derived);
            byte[] key = derived[..keyLength];
            byte[] iv = derived[keyLength..];
            try
            {
                bool authentic = cipher switch
                {
                    "aes256-ctr" => Run(new SicBlockCipher(new AesEngine()), key, iv, encrypted, plain),
                    "aes256-cbc" => Run(new CbcBlockCipher(new AesEngine()), key, iv, encrypted, plain),
                    "aes256-gcm@openssh.com" => Gcm(key, iv, encrypted, tag, plain),
                    _ => ChaChaPoly(key, encrypted, tag, plain),
                };
                if (!authentic || plain.Length < 8
                    || BinaryPrimitives.ReadUInt32BigEndian(plain) != BinaryPrimitives.ReadUInt32BigEndian(plain.AsSpan(4)))
                {
                    return null;
                }
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
                CryptographicOperations.ZeroMemory(iv);
            }

            return Container(publicKey, plain);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(derived);
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private static bool Run(IBlockCipherMode mode, byte[] key, byte[] iv, byte[] input, byte[] output)
    {
        if (input.Length % mode.GetBlockSize() != 0)
        {
            throw Malformed();
        }

        mode.Init(false, new ParametersWithIV(new KeyParameter(key), iv));
        for (int i = 0; i < input.Length; i += mode.GetBlockSize())
        {
            mode.ProcessBlock(input, i, output, i);
        }

        return true;
    }

    private static bool Gcm(byte[] key, byte[] nonce, byte[] input, byte[] tag, byte[] output)
    {
        using AesGcm aes = new(key, tag.Length);
        try
        {
            aes.Decrypt(nonce, input, tag, output);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    // openssh cipher-chachapoly.c with sequence number 0: the first 32 bytes of the key drive the
    // payload stream; block 0 of that stream keys Poly1305 over the ciphertext, blocks 1.. decrypt.
    private static bool ChaChaPoly(byte[] key, byte[] input, byte[] tag, byte[] output)
    {
        ChaChaEngine chacha = new(20);
        chacha.Init(false, new ParametersWithIV(new KeyParameter(key, 0, 32), new byte[8]));
        byte[] block = new byte[64];
        try
        {
            chacha.ProcessBytes(block, 0, 64, block, 0);
            Poly1305 poly = new();
            poly.Init(new KeyParameter(block, 0, 32));
            poly.BlockUpdate(input, 0, input.Length);
            byte[] expected = new byte[16];
            poly.DoFinal(expected, 0);
            if (!CryptographicOperations.FixedTimeEquals(expected, tag))
            {
                return false;
            }

            chacha.ProcessBytes(input, 0, input.Length, output, 0);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(block);
            chacha.Reset();
        }
    }

    private static byte[] Container(byte[] publicKey, byte[] privateSection)
    {
        using MemoryStream stream = new();
        stream.Write("openssh-key-v1\0"u8);
        WriteString(stream, "none"u8);
        WriteString(stream, "none"u8);
        WriteString(stream, []);
        stream.Write([0, 0, 0, 1]);
        WriteString(stream, publicKey);
        WriteString(stream, privateSection);
        byte[] result = stream.ToArray();
        CryptographicOperations.ZeroMemory(stream.GetBuffer());
        return result;
    }

    private static void WriteString(MemoryStream stream, ReadOnlySpan<byte> value)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)value.Length);
        stream.Write(length);
        stream.Write(value);
    }

    private static string Text(byte[]? value) => value is null ? throw Malformed() : Encoding.ASCII.GetString(value);

    private static FormatException Malformed() => new("truncated or malformed openssh-key-v1 container");
}
