namespace Crypt.Formats.Tree;

/// <summary>
/// How many spare bytes a plaintext reader leaves after a leaf so the encryptor can write its
/// <see cref="SealedText"/> parts in place: 2 header bytes, a 32-byte IV and a 16-byte tag on
/// top of the plaintext. A value whose parts do not fit is stored the ordinary way.
/// </summary>
internal static class LeafRoom
{
    /// <summary>After a string's own bytes (its plaintext).</summary>
    public const int ForString = 2 + 32 + 16;

    /// <summary>For an int, float or bool, which have no bytes: their text is at most ~24 bytes.</summary>
    public const int ForNonString = ForString + 24;
}
