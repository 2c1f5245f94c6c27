namespace Crypt.Crypto.Errors;

/// <summary>
/// A master key could not wrap a new or re-wrapped data key (encrypt, rotate, updatekeys, groups,
/// a new file in edit): the key source's own failure is the inner exception and is named in the
/// message. Its own type because sops answers it apart from a key that cannot open a file:
/// uncoded (exit 1) in encrypt, rotate and updatekeys (cmd/sops/encrypt.go "Could not generate
/// data key"), but 128 when edit creates a new file (cmd/sops/edit.go editExample), which
/// <see cref="ForNewFile"/> marks.
/// </summary>
public sealed class KeyWrapException : CryptException
{
    /// <summary>Wrapping a data key failed because of <paramref name="cause"/>.</summary>
    /// <param name="cause">The key source's failure; it becomes the inner exception.</param>
    public KeyWrapException(CryptException cause)
        : base($"could not wrap the data key: {cause.Message}", cause)
    {
    }

    /// <summary>The data key was for a file being created (edit of a new file).</summary>
    public bool WhileCreatingFile { get; private set; }

    /// <summary>Marks this failure as the creation of a new file's key; returns the same exception.</summary>
    public KeyWrapException ForNewFile()
    {
        WhileCreatingFile = true;
        return this;
    }
}
