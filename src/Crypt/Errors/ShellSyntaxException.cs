using Crypt.Crypto.Errors;

namespace Crypt.Errors;

/// <summary>
/// A command in an environment variable (<c>SOPS_AGE_KEY_CMD</c>, <c>$EDITOR</c>) that does not
/// split into words: an unterminated quote. The CLI reports it with sops's generic exit code.
/// </summary>
internal sealed class ShellSyntaxException(string detail) : CryptException(detail);
