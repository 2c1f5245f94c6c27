using Crypt.Cli.Tests.EncryptDecrypt;

namespace Crypt.Cli.Tests.ExecEnv;

/// <summary>
/// exec-env/exec-file <c>--user</c>: the command runs as that user with HOME/USER/LOGNAME from its
/// passwd entry (sops 3.13.2). As root (CI) the switch itself is checked with <c>nobody</c>;
/// as anyone else crypt must refuse with a clear message, which is checked instead.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ExecUserTests : IDisposable
{
    private readonly Workspace _ws = new();

    public ExecUserTests()
    {
        _ws.Encrypt("app.yaml", "TOKEN: t0k3n\n", "app.enc.yaml");
        File.SetUnixFileMode(_ws.Root, File.GetUnixFileMode(_ws.Root) | UnixFileMode.OtherExecute);
    }

    public void Dispose() => _ws.Dispose();

    private static bool IsRoot => Environment.UserName == "root";

    [Fact]
    public void Exec_env_user_runs_the_command_as_that_user_with_its_login_variables()
    {
        CryptResult result = _ws.Run("exec-env", "--user", "nobody", "app.enc.yaml", "echo $(id -un) $USER $LOGNAME $HOME $TOKEN");

        if (IsRoot)
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal("nobody nobody nobody /nonexistent t0k3n\n", result.StdoutText);
        }
        else
        {
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("switching users needs root", result.Stderr, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Exec_file_user_hands_the_private_plaintext_to_that_user_only(bool noFifo)
    {
        string[] args = noFifo
            ? ["exec-file", "--no-fifo", "--user", "nobody", "app.enc.yaml", "stat -c '%U %a' {}; cat {}"]
            : ["exec-file", "--user", "nobody", "app.enc.yaml", "id -un; cat {}"];

        CryptResult result = _ws.Run(args);

        if (IsRoot)
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal(noFifo ? "nobody 600\nTOKEN: t0k3n\n" : "nobody\nTOKEN: t0k3n\n", result.StdoutText);
            Assert.Empty(Directory.GetFileSystemEntries(_ws.Tmp));
        }
        else
        {
            Assert.Equal(1, result.ExitCode);
        }
    }

    [Fact]
    public void An_unknown_user_is_named_and_the_command_never_runs()
    {
        CryptResult result = _ws.Run("exec-env", "--user", "no-such-user-x", "app.enc.yaml", "touch ran");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("crypt: --user: no user named 'no-such-user-x'\n", result.Stderr);
        Assert.False(File.Exists(_ws.Path("ran")));
    }
}
