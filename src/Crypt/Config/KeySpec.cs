using Crypt.Crypto.Aws.Kms;
using Crypt.Crypto.Azure.KeyVault;

namespace Crypt.Config;

/// <summary>A master key named in a creation rule or on the command line, before it is resolved to a key source.</summary>
internal abstract record KeySpec
{
    /// <summary>The metadata type name (<c>age</c>, <c>kms</c>, <c>azure_kv</c>, ...).</summary>
    public abstract string Type { get; }

    /// <summary>The identity used to compare keys (SOPS's ToString).</summary>
    public abstract string Id { get; }
}

/// <summary>An age recipient.</summary>
internal sealed record AgeKeySpec(string Recipient) : KeySpec
{
    public override string Type => "age";

    public override string Id => Recipient;
}

/// <summary>An AWS KMS key: ARN, optional role, encryption context, profile.</summary>
internal sealed record KmsKeySpec(KmsKeyReference Key) : KeySpec
{
    public override string Type => "kms";

    public override string Id => Key.DisplayName;
}

/// <summary>An Azure Key Vault key; an empty version means "pin the current one when encrypting".</summary>
internal sealed record AzureKeySpec(AzureKeyVaultKeyReference Key) : KeySpec
{
    public override string Type => "azure_kv";

    public override string Id => Key.KeyUrl;
}

/// <summary>A PGP key by fingerprint (spaces removed, as sops keeps it); gpg wraps the data key.</summary>
internal sealed record PgpKeySpec(string Fingerprint) : KeySpec
{
    public override string Type => "pgp";

    public override string Id => Fingerprint;
}

/// <summary>A key type Crypt does not create (gcp_kms, hc_vault, hckms): reported, not silently dropped.</summary>
internal sealed record UnsupportedKeySpec(string TypeName, string Text) : KeySpec
{
    public override string Type => TypeName;

    public override string Id => Text;
}
