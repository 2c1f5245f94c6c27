namespace Crypt.Formats.Metadata;

/// <summary>The partial-encryption option of a file: one mode and its suffix or pattern.</summary>
public sealed record EncryptionRule(EncryptionMode Mode, string Value)
{
    /// <summary>SOPS's default: <c>unencrypted_suffix: _unencrypted</c>.</summary>
    public static EncryptionRule Default { get; } = new(EncryptionMode.UnencryptedSuffix, "_unencrypted");

    /// <summary>The metadata/config field name of <see cref="Mode"/>.</summary>
    public string FieldName => Mode switch
    {
        EncryptionMode.UnencryptedSuffix => "unencrypted_suffix",
        EncryptionMode.EncryptedSuffix => "encrypted_suffix",
        EncryptionMode.UnencryptedRegex => "unencrypted_regex",
        EncryptionMode.EncryptedRegex => "encrypted_regex",
        EncryptionMode.UnencryptedCommentRegex => "unencrypted_comment_regex",
        EncryptionMode.EncryptedCommentRegex => "encrypted_comment_regex",
        _ => throw new InvalidOperationException("unknown mode"),
    };
}
