using System.Security.Cryptography;
using Crypt.Crypto.Sodium;

namespace Crypt.Crypto.Age;

/// <summary>
/// Writes age v1 files (spec, "Encrypted file format"): a fresh 16-byte file key wrapped for
/// every recipient, the header MAC, a fresh 16-byte payload nonce and the STREAM payload,
/// optionally in the ASCII armor.
/// </summary>
internal static class AgeEncryptor
{
    /// <summary>Encrypts <paramref name="plaintext"/> to every recipient in <paramref name="recipients"/>.</summary>
    /// <exception cref="ArgumentException">No recipients, a passphrase recipient mixed with others, or post-quantum and classic recipients mixed.</exception>
    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, IReadOnlyList<IAgeRecipient> recipients, bool armor)
    {
        using MemoryStream output = new();
        Encrypt(plaintext, recipients, output, armor);
        return output.ToArray();
    }

    /// <summary>Encrypts <paramref name="plaintext"/> and writes the age file to <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">No recipients, a passphrase recipient mixed with others, or post-quantum and classic recipients mixed.</exception>
    public static void Encrypt(ReadOnlySpan<byte> plaintext, IReadOnlyList<IAgeRecipient> recipients, Stream output, bool armor)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(output);
        if (recipients.Count == 0)
        {
            throw new ArgumentException("at least one recipient is required", nameof(recipients));
        }


        Span<byte> fileKey = stackalloc byte[AgeKeys.FileKeySize];
        Span<byte> payloadKey = stackalloc byte[32];
        try
        {
            Libsodium.RandomBytes(fileKey);
            List<AgeStanza> stanzas = [];
            foreach (IAgeRecipient recipient in recipients)
            {
                stanzas.AddRange(recipient.Wrap(fileKey));
            }

            // After wrapping, as age does: a plugin declares its labels in the wrap exchange.
            CheckLabels(recipients);

            AgeHeader unsigned = new(stanzas, []);
            AgeHeader header = new(stanzas, AgeKeys.HeaderMac(fileKey, unsigned));
            byte[] nonce = Libsodium.RandomBytes(AgeKeys.PayloadNonceSize);
            AgeKeys.PayloadKey(fileKey, nonce, payloadKey);
            if (!armor)
            {
                output.Write(header.Encode());
                output.Write(nonce);
                AgePayload.Encrypt(payloadKey, plaintext, output);
                return;
            }

            using MemoryStream binary = new();
            binary.Write(header.Encode());
            binary.Write(nonce);
            AgePayload.Encrypt(payloadKey, plaintext, binary);
            output.Write(System.Text.Encoding.ASCII.GetBytes(AgeArmor.Encode(binary.GetBuffer().AsSpan(0, (int)binary.Length))));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(fileKey);
            CryptographicOperations.ZeroMemory(payloadKey);
        }
    }

    // age v1.3.1 age.go encryptHdr and incompatibleLabelsError: every recipient must carry the
    // same labels, so a post-quantum file never gets a classic stanza that would undo it.
    private static void CheckLabels(IReadOnlyList<IAgeRecipient> recipients)
    {
        string[] first = [.. recipients[0].Labels.Order(StringComparer.Ordinal)];
        foreach (IAgeRecipient other in recipients.Skip(1))
        {
            string[] labels = [.. other.Labels.Order(StringComparer.Ordinal)];
            if (labels.SequenceEqual(first))
            {
                continue;
            }

            bool pq1 = first.Contains(AgeKeys.PostQuantumLabel);
            bool pq2 = labels.Contains(AgeKeys.PostQuantumLabel);
            if (recipients.Any(r => r is ScryptRecipient))
            {
                throw new ArgumentException("a passphrase (scrypt) recipient cannot be combined with other recipients", nameof(recipients));
            }

            throw new ArgumentException(
                pq1 != pq2
                    ? "incompatible recipients: can't mix post-quantum and classic recipients, or the file would be vulnerable to quantum computers"
                    : "incompatible recipients: their labels differ",
                nameof(recipients));
        }
    }
}
