namespace Crypt.Crypto.Errors;

/// <summary>
/// A master key could not wrap a new or re-wrapped data key (encrypt, rotate, updatekeys, groups,
/// a new file in edit): the key source's own failure is the inner exception and is named in the
/// message. Its own type because sops answers it with exit 1 (cmd/sops/encrypt.go "Could not
/// generate data key", uncoded), not with 128 as a key that cannot open a file.
/// </summary>
public sealed class KeyWrapException : CryptException
{
    public KeyWrapException(CryptException cause)
        : base($"could not wrap the data key: {cause.Message}", cause)
    {
    }
}
