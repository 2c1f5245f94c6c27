namespace Crypt.Formats;

/// <summary>How to decrypt: MAC checking and the key-type order inside key groups.</summary>
public sealed record DecryptOptions
{
    /// <summary>The defaults: check the MAC, SOPS's decryption order.</summary>
    public static DecryptOptions Default { get; } = new();

    /// <summary><c>--ignore-mac</c>: do not check the MAC.</summary>
    public bool IgnoreMac { get; init; }

    /// <summary><c>--decryption-order</c> as parsed by <see cref="Crypto.KeySources.DecryptionOrder.Parse"/>; null for the default.</summary>
    public IReadOnlyList<string>? DecryptionOrder { get; init; }

    /// <summary>
    /// Remember each value's IV so <see cref="DecryptedDocument.Reencrypt(Tree.TreeDocument)"/> keeps
    /// unchanged ciphertexts (on by default). Decrypt-only callers (decrypt, exec-env, a
    /// configuration provider) turn it off: it costs about as much as decrypting itself.
    /// </summary>
    public bool KeepIvs { get; init; } = true;

    /// <summary>Source of <c>lastmodified</c> when the decrypted document is re-encrypted.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
