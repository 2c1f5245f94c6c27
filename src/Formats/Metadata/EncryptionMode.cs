namespace Crypt.Formats.Metadata;

/// <summary>Which of SOPS's six partial-encryption options is in force (§3.3); at most one is.</summary>
public enum EncryptionMode
{
    /// <summary><c>unencrypted_suffix</c> (the default, <c>_unencrypted</c>).</summary>
    UnencryptedSuffix,

    /// <summary><c>encrypted_suffix</c>.</summary>
    EncryptedSuffix,

    /// <summary><c>unencrypted_regex</c>.</summary>
    UnencryptedRegex,

    /// <summary><c>encrypted_regex</c>.</summary>
    EncryptedRegex,

    /// <summary><c>unencrypted_comment_regex</c>.</summary>
    UnencryptedCommentRegex,

    /// <summary><c>encrypted_comment_regex</c>.</summary>
    EncryptedCommentRegex,
}
