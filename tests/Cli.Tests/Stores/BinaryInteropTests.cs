using Crypt.Cli.Tests.EncryptDecrypt;

using Crypt.Tests;

namespace Crypt.Cli.Tests.Stores;

/// <summary>
/// Binary files (certificates, keystores, images, gzip: bytes that are not UTF-8) through crypt
/// and the real sops, both ways: every byte comes back (sops's binary store keeps the file in a
/// Go string, <c>stores/json/store.go</c> BinaryStore).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class BinaryInteropTests : IDisposable
{
    private readonly Workspace _ws = new();

    public void Dispose() => _ws.Dispose();

    public static TheoryData<string> BinaryFiles() => CorpusFiles.Where(row => row["input_type"] == "binary");

    [Theory]
    [MemberData(nameof(BinaryFiles))]
    public void A_binary_file_crypt_encrypted_decrypts_with_crypt_and_sops_to_the_same_bytes(string file)
    {
        byte[] original = File.ReadAllBytes(Path.Combine(CorpusFiles.Folder, file));
        string plain = _ws.Path("in-" + file);
        File.WriteAllBytes(plain, original);

        CryptResult encrypted = _ws.Run("encrypt", "--age", _ws.Recipient, "--output", _ws.Path("enc-" + file), plain);
        Assert.True(encrypted.ExitCode == 0, encrypted.ToString());

        CryptResult crypt = _ws.Run("decrypt", "--output", _ws.Path("crypt-" + file), _ws.Path("enc-" + file));
        Assert.True(crypt.ExitCode == 0, crypt.ToString());
        Assert.Equal(original, File.ReadAllBytes(_ws.Path("crypt-" + file)));

        SopsResult sops = SopsProcess.Run(_ws.Root, _ws.KeyFile, "decrypt", "--output", _ws.Path("sops-" + file), _ws.Path("enc-" + file));
        Assert.True(sops.ExitCode == 0, sops.ToString());
        Assert.Equal(original, File.ReadAllBytes(_ws.Path("sops-" + file)));
    }

    [Theory]
    [MemberData(nameof(BinaryFiles))]
    public void A_binary_file_sops_encrypted_decrypts_with_crypt_to_its_exact_bytes(string file)
    {
        byte[] original = File.ReadAllBytes(Path.Combine(CorpusFiles.Folder, file));
        string plain = _ws.Path("in-" + file);
        File.WriteAllBytes(plain, original);

        SopsResult sops = SopsProcess.Run(_ws.Root, _ws.KeyFile, "encrypt", "--age", _ws.Recipient, "--output", _ws.Path("enc-" + file), plain);
        Assert.True(sops.ExitCode == 0, sops.ToString());

        CryptResult crypt = _ws.Run("decrypt", "--output", _ws.Path("out-" + file), _ws.Path("enc-" + file));
        Assert.True(crypt.ExitCode == 0, crypt.ToString());
        Assert.Equal(original, File.ReadAllBytes(_ws.Path("out-" + file)));
    }

    [Fact]
    public void Random_bytes_sops_encrypted_through_stdin_decrypt_with_crypt_exactly()
    {
        byte[] original = new byte[4096];
        new Random(11).NextBytes(original);
        File.WriteAllBytes(_ws.Path("blob.bin"), original);

        SopsResult sops = SopsProcess.Run(_ws.Root, _ws.KeyFile, "encrypt", "--input-type", "binary", "--age", _ws.Recipient, "--output", _ws.Path("blob.enc"), _ws.Path("blob.bin"));
        Assert.True(sops.ExitCode == 0, sops.ToString());

        CryptResult crypt = _ws.Run("decrypt", "--input-type", "binary", "--output-type", "binary", _ws.Path("blob.enc"));
        Assert.True(crypt.ExitCode == 0, crypt.ToString());
        Assert.Equal(original, crypt.Stdout);
    }
}
