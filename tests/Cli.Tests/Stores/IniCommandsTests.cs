using Crypt.Cli.Tests.EncryptDecrypt;

using Crypt.Tests;

namespace Crypt.Cli.Tests.Stores;

/// <summary>The commands that read or change single values work on INI files, and sops still reads what they write.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class IniCommandsTests : IDisposable
{
    private const string Plaintext = "top = level\n\n[db]\n; the user\nuser = admin\npassword = hunter2\n";

    private readonly Workspace _ws = new();

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void Filestatus_extract_set_and_unset_work_on_an_ini_file_and_sops_reads_the_result()
    {
        string file = _ws.Encrypt("app.ini", Plaintext, "app.enc.ini");

        Assert.Equal("{\"encrypted\":true}", _ws.Run("filestatus", file).StdoutText.Trim());
        Assert.Equal("hunter2", _ws.Run("decrypt", "--extract", "[\"db\"][\"password\"]", file).StdoutText);

        Assert.Equal(0, _ws.Run("set", file, "[\"db\"][\"password\"]", "\"s3cret\"").ExitCode);
        Assert.Equal(0, _ws.Run("set", file, "[\"cache\"][\"url\"]", "\"redis://x\"").ExitCode);
        Assert.Equal(0, _ws.Run("unset", file, "[\"db\"][\"user\"]").ExitCode);

        // As in sops, the removed key's comment stays, now first in its section: above the header.
        const string Expected = "top = level\n\n; the user\n[db]\npassword = s3cret\n\n[cache]\nurl = redis://x\n";
        Assert.Equal(Expected, _ws.Run("decrypt", file).StdoutText);
        SopsResult sops = SopsProcess.Run(_ws.Root, _ws.KeyFile, "decrypt", _ws.Path(file));
        Assert.True(sops.ExitCode == 0, sops.ToString());
        Assert.Equal(Expected, sops.StdoutText);
    }

    [Fact]
    public void A_plain_ini_file_has_filestatus_not_encrypted()
    {
        _ws.Write("plain.ini", Plaintext);
        Assert.Equal("{\"encrypted\":false}", _ws.Run("filestatus", "plain.ini").StdoutText.Trim());
    }

    [Fact]
    public void Edit_reencrypts_an_ini_file_with_the_change()
    {
        string file = _ws.Encrypt("app.ini", Plaintext, "app.enc.ini");
        string editor = _ws.Write("editor.sh", "#!/bin/sh\nsed -i 's/hunter2/changed/' \"$1\"\n");
        File.SetUnixFileMode(editor, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        CryptResult edit = CryptProcess.Run(_ws.Root, _ws.Environment(("SOPS_EDITOR", editor)), null, "edit", file);

        Assert.True(edit.ExitCode == 0, edit.ToString());
        Assert.Equal("top = level\n\n[db]\n; the user\nuser     = admin\npassword = changed\n", _ws.Run("decrypt", file).StdoutText);
    }

    [Fact]
    public void Exec_env_exports_the_keys_before_the_first_section()
    {
        string file = _ws.Encrypt("app.ini", Plaintext, "app.enc.ini");
        CryptResult result = _ws.Run("exec-env", file, "echo \"$top/${password:-unset}\"");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("level/unset\n", result.StdoutText);
    }
}
