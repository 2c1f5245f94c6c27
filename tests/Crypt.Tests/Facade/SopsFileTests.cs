using System.Diagnostics;
using System.Text;
using Crypt.Crypto.Age;
using Crypt.Crypto.Errors;
using Crypt.Errors;
using Crypt.Formats;
using Crypt.Formats.Tree;

namespace Crypt.Tests.Facade;

public sealed class SopsFileTests : IDisposable
{
    private const string Sentinel = "facade-s3cret-41d2";
    private readonly string _dir = Directory.CreateTempSubdirectory("crypt-facade-").FullName;
    private readonly string _keyFile;
    private readonly string _recipient;

    public SopsFileTests()
    {
        _keyFile = Path.Combine(_dir, "keys.txt");
        using (Process keygen = Process.Start(new ProcessStartInfo("age-keygen", ["-o", _keyFile]) { RedirectStandardError = true })!)
        {
            keygen.StandardError.ReadToEnd();
            keygen.WaitForExit();
        }

        string text = File.ReadAllText(_keyFile);
        int at = text.IndexOf("# public key: ", StringComparison.Ordinal) + "# public key: ".Length;
        _recipient = text[at..text.IndexOf('\n', at)].Trim();
        File.WriteAllText(Path.Combine(_dir, ".sops.yaml"), $"creation_rules:\n  - path_regex: \\.enc\\.yaml$\n    age: {_recipient}\n");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Encrypt_follows_the_creation_rule_and_decrypt_read_and_edit_round_trip()
    {
        string path = Path.Combine(_dir, "app.enc.yaml");
        await File.WriteAllBytesAsync(path, await SopsFile.EncryptAsync(path, Encoding.UTF8.GetBytes($"db:\n  password: {Sentinel}\n"), Keys()));
        Assert.DoesNotContain(Sentinel, await File.ReadAllTextAsync(path), StringComparison.Ordinal);
        Assert.Contains(_recipient, await File.ReadAllTextAsync(path), StringComparison.Ordinal);

        Assert.Equal(Sentinel, await SopsFile.ReadValueAsync(path, "[\"db\"][\"password\"]", Keys()));

        await SopsFile.EditAsync(path, tree => ((TreeMap)tree.Branches[0].Get("db")!).Add("user", TreeScalar.String("orders")), Keys());

        using DecryptedDocument document = await SopsFile.DecryptAsync(path, Keys());
        Assert.Equal("orders", ((TreeScalar)((TreeMap)document.Tree.Branches[0].Get("db")!).Get("user")!).Text);
        Assert.Equal(Sentinel, await SopsFile.ReadValueAsync(path, "[\"db\"][\"password\"]", Keys()));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Edit_replaces_the_file_as_the_cli_does_keeping_its_mode_and_leaving_no_temp()
    {
        string path = Path.Combine(_dir, "mode.enc.yaml");
        await File.WriteAllBytesAsync(path, await SopsFile.EncryptAsync(path, Encoding.UTF8.GetBytes($"token: {Sentinel}\n"), Keys()));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        string[] before = Directory.GetFiles(_dir);

        await SopsFile.EditAsync(path, tree => ((TreeMap)tree.Branches[0]).Add("user", TreeScalar.String("orders")), Keys());

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
        Assert.Equal(before.Order(StringComparer.Ordinal), Directory.GetFiles(_dir).Order(StringComparer.Ordinal));
        Assert.Equal("orders", await SopsFile.ReadValueAsync(path, "[\"user\"]", Keys()));
    }

    [Fact]
    public async Task Encrypt_without_a_matching_rule_is_a_config_error_naming_the_file()
    {
        string path = Path.Combine(_dir, "other.json");

        ConfigException e = await Assert.ThrowsAsync<ConfigException>(() => SopsFile.EncryptAsync(path, "{}"u8.ToArray(), Keys()));

        Assert.Equal(path, e.File);
    }

    [Fact]
    public async Task Explicit_identities_open_a_file_with_discovery_off()
    {
        string path = Path.Combine(_dir, "explicit.enc.yaml");
        await File.WriteAllBytesAsync(path, await SopsFile.EncryptAsync(path, Encoding.UTF8.GetBytes($"token: {Sentinel}\n"), Keys()));
        SopsKeyOptions only = new() { DiscoverKeys = false };

        await Assert.ThrowsAsync<NoMatchingKeyException>(() => SopsFile.ReadValueAsync(path, "[\"token\"]", only));

        only.AgeIdentities.Add(await File.ReadAllTextAsync(_keyFile));
        Assert.Equal(Sentinel, await SopsFile.ReadValueAsync(path, "[\"token\"]", only));
    }

    [Fact]
    public async Task A_passphrase_protected_identity_needs_the_hosts_passphrase_provider()
    {
        string path = Path.Combine(_dir, "locked.enc.yaml");
        await File.WriteAllBytesAsync(path, await SopsFile.EncryptAsync(path, Encoding.UTF8.GetBytes($"token: {Sentinel}\n"), Keys()));
        byte[] locked = AgeEncryptor.Encrypt(await File.ReadAllBytesAsync(_keyFile), [new ScryptRecipient("correct horse", workFactor: 10)], armor: true);
        string lockedFile = Path.Combine(_dir, "locked-keys.txt");
        await File.WriteAllBytesAsync(lockedFile, locked);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(lockedFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        SopsKeyOptions keys = new() { Environment = name => name == "SOPS_AGE_KEY_FILE" ? lockedFile : name == "HOME" ? _dir : null };

        CryptException e = await Assert.ThrowsAnyAsync<CryptException>(() => SopsFile.ReadValueAsync(path, "[\"token\"]", keys));
        Assert.Contains("PassphraseProvider", e.ToString(), StringComparison.Ordinal);

        keys.PassphraseProvider = _ => "correct horse";
        Assert.Equal(Sentinel, await SopsFile.ReadValueAsync(path, "[\"token\"]", keys));
    }

    private SopsKeyOptions Keys() => new()
    {
        Environment = name => name switch
        {
            "SOPS_AGE_KEY_FILE" => _keyFile,
            "HOME" => _dir,
            _ => null,
        },
    };
}
