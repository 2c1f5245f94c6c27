namespace Crypt.Cli.Tests.EncryptDecrypt;

/// <summary>
/// Scripts written for sops pass its update-check flags (before or after the command); crypt
/// never checks for updates and accepts them without effect.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class VersionCheckFlagTests : IDisposable
{
    private const string Plain = "token: tok-abc\n";

    private readonly Workspace _ws = new();

    public VersionCheckFlagTests()
    {
        _ws.Encrypt("secrets.yaml", Plain, "secrets.enc.yaml");
    }

    public void Dispose() => _ws.Dispose();

    [Theory]
    [InlineData("--disable-version-check", "decrypt", "secrets.enc.yaml")]
    [InlineData("decrypt", "--disable-version-check", "secrets.enc.yaml")]
    [InlineData("--check-for-updates", "decrypt", "secrets.enc.yaml")]
    public void Update_check_flags_are_accepted_and_change_nothing(params string[] args)
    {
        CryptResult result = _ws.Run(args);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Plain, result.StdoutText);
        Assert.Equal(string.Empty, result.Stderr);
    }
}
