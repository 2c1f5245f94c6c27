using System.Globalization;
using System.Security.Cryptography;
using Amazon.KeyManagementService.Model;
using Crypt.Crypto.KeySources;

namespace Crypt.Crypto.Aws.Kms;

/// <summary>
/// Wraps a data key (or Shamir share) with an AWS KMS key, SOPS §6.2: <c>kms:Encrypt</c> with
/// the key's ARN and encryption context; <c>enc</c> is the standard, padded base64 of the
/// <c>CiphertextBlob</c>.
/// </summary>
public sealed class KmsRecipient : IKeyRecipient
{
    private readonly KmsKeyReference _key;
    private readonly KmsClientOptions _options;

    /// <summary>Creates a recipient for <paramref name="key"/>.</summary>
    public KmsRecipient(KmsKeyReference key, KmsClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key;
        _options = options ?? new KmsClientOptions();
    }

    /// <inheritdoc />
    public string Type => KmsKeyEntry.TypeName;

    /// <inheritdoc />
    public string Id => Template(string.Empty).Id;

    /// <inheritdoc />
    public async Task<MasterKeyEntry> WrapAsync(ReadOnlyMemory<byte> secret, CancellationToken cancellationToken)
    {
        string createdAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        byte[] plaintext = secret.ToArray();
        try
        {
            byte[] blob = await KmsCall.RunAsync(
                _key,
                _options,
                "Encrypt",
                async (client, ct) =>
                {
                    using MemoryStream plaintextStream = new(plaintext, writable: false);
                    EncryptResponse response = await client.EncryptAsync(
                        new EncryptRequest { KeyId = _key.Arn, Plaintext = plaintextStream, EncryptionContext = KmsCall.ContextOf(_key) },
                        ct).ConfigureAwait(false);
                    return response.CiphertextBlob.ToArray();
                },
                cancellationToken).ConfigureAwait(false);
            return Template(Convert.ToBase64String(blob)) with { CreatedAt = createdAt };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private KmsKeyEntry Template(string enc) =>
        new(_key.Arn, _key.Role, _key.Context, _key.AwsProfile, string.Empty, enc);

    /// <inheritdoc />
    public override string ToString() => $"kms recipient {_key.DisplayName}";
}
