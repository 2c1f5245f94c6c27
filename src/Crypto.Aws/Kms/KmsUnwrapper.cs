using System.Security.Cryptography;
using Amazon.KeyManagementService.Model;
using Crypt.Crypto.Errors;
using Crypt.Crypto.KeySources;

namespace Crypt.Crypto.Aws.Kms;

/// <summary>
/// Opens <c>kms</c> entries, SOPS §6.2: base64-decode <c>enc</c> and call <c>kms:Decrypt</c>
/// with the entry's ARN as <c>KeyId</c> and its encryption context (KMS binds the context, so
/// the same one must be given). Role and profile come from the entry.
/// </summary>
public sealed class KmsUnwrapper : IKeyUnwrapper
{
    private readonly KmsClientOptions _options;

    /// <summary>Creates an unwrapper; credentials and endpoints come from <paramref name="options"/> or the SDK defaults.</summary>
    public KmsUnwrapper(KmsClientOptions? options = null)
    {
        _options = options ?? new KmsClientOptions();
    }

    /// <inheritdoc />
    public string Type => KmsKeyEntry.TypeName;

    /// <inheritdoc />
    public bool IsRemote => true;

    /// <inheritdoc />
    public async Task<byte[]> UnwrapAsync(MasterKeyEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry is not KmsKeyEntry kms)
        {
            throw new ArgumentException($"a {entry.Type} entry is not a kms entry", nameof(entry));
        }

        KmsKeyReference key = KmsKeyReference.FromEntry(kms);
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(kms.Enc);
        }
        catch (FormatException e)
        {
            throw new KeySourceException(key.DisplayName, "enc is not valid base64", e);
        }

        return await KmsCall.RunAsync(
            key,
            _options,
            "Decrypt",
            async (client, ct) =>
            {
                using MemoryStream blobStream = new(blob, writable: false);
                DecryptResponse response = await client.DecryptAsync(
                    new DecryptRequest { KeyId = key.Arn, CiphertextBlob = blobStream, EncryptionContext = KmsCall.ContextOf(key) },
                    ct).ConfigureAwait(false);
                using MemoryStream plaintext = response.Plaintext;
                byte[] result = plaintext.ToArray();

                // The response stream's buffer held the secret too.
                if (plaintext.TryGetBuffer(out ArraySegment<byte> buffer))
                {
                    CryptographicOperations.ZeroMemory(buffer);
                }

                return result;
            },
            cancellationToken).ConfigureAwait(false);
    }
}
