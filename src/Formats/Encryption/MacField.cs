using System.Security.Cryptography;
using System.Text;
using Crypt.Crypto.Errors;
using Crypt.Crypto.Values;
using Crypt.Formats.GoCompat;

namespace Crypt.Formats.Encryption;

/// <summary>
/// The metadata <c>mac</c> field (FORMAT.md §4): the uppercase-hex MAC encrypted as a
/// <c>str</c> value with the re-formatted <c>lastmodified</c> as AAD. Verification is
/// constant-time and its messages never show either MAC (both are hashes of plaintext).
/// </summary>
internal static class MacField
{
    private const string Tampered = "the file was changed outside sops/crypt or is corrupt";

    /// <summary>The AAD for <paramref name="lastModified"/>: parsed and re-emitted as Go's RFC 3339.</summary>
    /// <exception cref="CryptFormatException"><paramref name="lastModified"/> is not RFC 3339.</exception>
    public static string AadFor(string lastModified) =>
        GoTime.NormalizeRfc3339Seconds(lastModified)
        ?? throw new CryptFormatException("lastmodified is not an RFC 3339 timestamp", keyPath: "sops:lastmodified");

    public static string Seal(ValueCipher cipher, string macHex, string lastModified, IvStash? stash)
    {
        byte[] aad = Encoding.UTF8.GetBytes(AadFor(lastModified));
        byte[] plaintext = Encoding.ASCII.GetBytes(macHex);
        return cipher.EncryptToText(plaintext, aad, SopsValueType.Str, stash?.Find(aad, SopsValueType.Str, plaintext));
    }

    /// <exception cref="MacMismatchException">No MAC, an undecryptable MAC, or a different MAC.</exception>
    public static void Verify(ValueCipher cipher, string sealedMac, string lastModified, string computedHex, IvStash? stash)
    {
        if (string.IsNullOrEmpty(sealedMac))
        {
            throw new MacMismatchException("the file has no MAC; " + Tampered);
        }

        byte[] aad = Encoding.UTF8.GetBytes(AadFor(lastModified));
        byte[]? stored = EncryptedValue.TryParse(sealedMac, out EncryptedValue? value, out _) ? cipher.Decrypt(value!, aad) : null;
        if (stored is null)
        {
            throw new MacMismatchException("the MAC could not be decrypted: " + Tampered);
        }

        byte[] computed = Encoding.ASCII.GetBytes(computedHex);
        if (!CryptographicOperations.FixedTimeEquals(stored, computed))
        {
            throw new MacMismatchException("MAC mismatch: " + Tampered);
        }

        // Re-sealing the same MAC under the same lastmodified (updatekeys) then gives the same text.
        stash?.Record(aad, SopsValueType.Str, stored, value!.Iv);
    }
}
