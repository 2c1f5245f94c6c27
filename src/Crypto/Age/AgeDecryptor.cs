using System.Security.Cryptography;

namespace Crypt.Crypto.Age;

/// <summary>
/// Reads age v1 files (spec, "Encrypted file format"), binary or armored: parses the header,
/// unwraps the file key with the first identity that matches, checks the header MAC, then
/// decrypts the STREAM payload. Each failure class is an <see cref="AgeException"/> with its
/// own <see cref="AgeFailure"/>.
/// </summary>
internal static class AgeDecryptor
{
    /// <summary>Decrypts a whole age file held in memory.</summary>
    /// <exception cref="AgeException">The file is malformed, no identity matches, or it was tampered with.</exception>
    public static byte[] Decrypt(ReadOnlySpan<byte> file, IReadOnlyList<IAgeIdentity> identities, AgeEncoding encoding = AgeEncoding.Auto)
    {
        using MemoryStream input = new(file.ToArray(), writable: false);
        using MemoryStream output = new();
        try
        {
            Decrypt(input, output, identities, encoding);
            return output.ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(output.GetBuffer());
        }
    }

    /// <summary>
    /// Decrypts from <paramref name="input"/> to <paramref name="output"/>, releasing each 64 KiB
    /// chunk only after it authenticates. On a payload failure, <paramref name="output"/> holds
    /// the authenticated prefix; callers that need all-or-nothing must discard it.
    /// </summary>
    /// <exception cref="AgeException">The file is malformed, no identity matches, or it was tampered with.</exception>
    public static void Decrypt(Stream input, Stream output, IReadOnlyList<IAgeIdentity> identities, AgeEncoding encoding = AgeEncoding.Auto)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(identities);
        AgeReader reader = new(input);
        if (encoding == AgeEncoding.Armored || (encoding == AgeEncoding.Auto && IsArmored(reader)))
        {
            reader = new AgeReader(new ArmorReader(reader));
        }

        AgeHeader header = AgeHeaderReader.Read(reader);
        if (header.Stanzas.Count > 1 && header.Stanzas.Any(s => s.Type == ScryptRecipient.StanzaType))
        {
            throw AgeException.Header("an scrypt stanza must be the only stanza in the header");
        }

        // Checked after the header, as age does, so an unreadable file reports that first.
        if (identities.Count == 0)
        {
            throw new ArgumentException("at least one identity is required", nameof(identities));
        }

        byte[]? fileKey = null;
        Span<byte> payloadKey = stackalloc byte[32];
        try
        {
            foreach (IAgeIdentity identity in identities)
            {
                fileKey = identity.Unwrap(header.Stanzas);
                if (fileKey is not null)
                {
                    break;
                }
            }

            if (fileKey is null)
            {
                throw NoMatch(header);
            }

            if (!CryptographicOperations.FixedTimeEquals(AgeKeys.HeaderMac(fileKey, header), header.Mac))
            {
                throw new AgeException(AgeFailure.HeaderMac, "age header MAC does not match; the file was tampered with");
            }

            Span<byte> nonce = stackalloc byte[AgeKeys.PayloadNonceSize];
            if (reader.ReadFull(nonce) != nonce.Length)
            {
                throw AgeException.Header("the payload nonce is missing or truncated");
            }

            AgeKeys.PayloadKey(fileKey, nonce, payloadKey);
            AgePayload.Decrypt(payloadKey, reader, output);
        }
        finally
        {
            if (fileKey is not null)
            {
                CryptographicOperations.ZeroMemory(fileKey);
            }

            CryptographicOperations.ZeroMemory(payloadKey);
        }
    }

    // age's binary files always open with the version line; anything else is taken as armor
    // (so garbage before the armor is an armor failure, not a header one).
    private static bool IsArmored(AgeReader reader)
    {
        ReadOnlySpan<byte> intro = "age-encryption.org/"u8;
        ReadOnlySpan<byte> start = reader.Peek(intro.Length);
        return !intro.StartsWith(start);
    }

    private static AgeException NoMatch(AgeHeader header)
    {
        string types = string.Join(", ", header.Stanzas.Select(s => s.Type).Distinct());
        return new AgeException(AgeFailure.NoMatch, $"no identity matched any of the recipients (stanza types: {types})");
    }
}
