namespace Crypt.Cli.Tests.EncryptDecrypt;

/// <summary>
/// The age-only paths never load OpenSSL: loading and initialising it costs a short
/// <c>crypt decrypt</c> more than all its other work (issue 5: within 2x <c>age -d</c>). All their
/// cryptography comes from libsodium and BouncyCastle; .NET's HKDF, HMAC, SHA-2 and
/// RandomNumberGenerator (and NSec's HKDF and Key.Create, which call them) would pull it in.
/// glibc's loader reports every library it looks up under LD_DEBUG=libs.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NativeLibraryTests : IDisposable
{
    private readonly Workspace _ws = new();

    public void Dispose() => _ws.Dispose();

    [Theory]
    [InlineData("decrypt", "secrets.enc.yaml")]
    [InlineData("encrypt", "secrets.yaml")]
    [InlineData("exec-env", "secrets.enc.yaml", "true")]
    [InlineData("set", "secrets.enc.yaml", "[\"token\"]", "\"new\"")]
    public void Local_age_commands_do_not_load_openssl(params string[] args)
    {
        const string Plain = "token: tok-abc\nport: 5432\ndebug: true\n";
        _ws.Encrypt("secrets.yaml", Plain, "secrets.enc.yaml");
        _ws.Write("secrets.yaml", Plain);
        string[] withRecipient = args[0] == "encrypt" ? ["encrypt", "--age", _ws.Recipient, .. args[1..]] : args;

        CryptResult result = CryptProcess.Run(_ws.Root, _ws.Environment(("LD_DEBUG", "libs")), null, withRecipient);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("libsodium", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("libssl", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("libcrypto", result.Stderr, StringComparison.Ordinal);
    }
}
