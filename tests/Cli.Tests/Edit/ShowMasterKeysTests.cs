using Crypt.Tests;

namespace Crypt.Cli.Tests.Edit;

/// <summary>
/// <c>edit -s/--show-master-keys</c> (sops cmd/sops/edit.go, ShowMasterKeys): the editor shows the
/// values and the sops metadata section, as sops shows them; the edited values are saved, the
/// file's metadata is kept, and a changed metadata section is reported.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ShowMasterKeysTests : IDisposable
{
    private const string Plaintext = "db:\n    password: old-value\n    port: 5432\nnote_unencrypted: visible\n";

    private readonly SecretsFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string[]> Spellings() => new()
    {
        new[] { "edit", "-s" },
        new[] { "edit", "--show-master-keys" },
        new[] { "-s" },
        new[] { "--show-master-keys" },
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public void The_editor_shows_the_metadata_and_the_edited_values_are_saved(string[] flags)
    {
        string file = _folder.Encrypt("secrets.yaml", Plaintext);
        string shown = _folder.PathOf("shown.txt");
        string editor = _folder.Script("editor.sh", $"cp \"$1\" '{shown}'\nsed -i 's/old-value/new-value/' \"$1\"");

        CryptResult result = _folder.Run(_folder.Environment(editor), null, [.. flags, file]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Stderr);
        string text = File.ReadAllText(shown);
        Assert.StartsWith(Plaintext + "sops:\n", text, StringComparison.Ordinal);
        Assert.Contains($"recipient: {_folder.Recipient}", text, StringComparison.Ordinal);
        Assert.Contains("    mac: ENC[AES256_GCM,", text, StringComparison.Ordinal);
        Assert.Equal(Plaintext.Replace("old-value", "new-value", StringComparison.Ordinal), _folder.Decrypt(file));
        _folder.AssertNoTempFiles();
    }

    [Theory]
    [InlineData("secrets.yaml", Plaintext)]
    [InlineData("secrets.json", "{\n    \"a\": \"b\",\n    \"n\": {\n        \"k\": 1\n    }\n}")]
    public void The_editor_shows_the_same_text_as_sops_edit_show_master_keys(string name, string plaintext)
    {
        string file = _folder.Encrypt(name, plaintext);
        string editor = _folder.Script("editor.sh", "cp \"$1\" \"$SHOWN\"");
        Dictionary<string, string> environment = _folder.Environment(editor);
        environment["SHOWN"] = _folder.PathOf("crypt-shown.txt");

        CryptResult crypt = _folder.Run(environment, null, "edit", "-s", file);
        environment["SHOWN"] = _folder.PathOf("sops-shown.txt");
        environment["EDITOR"] = editor;
        SopsResult sops = SopsProcess.Run(_folder.Root, environment, null, "edit", "-s", file);

        Assert.Equal((200, 200), (crypt.ExitCode, sops.ExitCode));
        Assert.Equal(File.ReadAllText(_folder.PathOf("sops-shown.txt")), File.ReadAllText(_folder.PathOf("crypt-shown.txt")));
    }

    [Fact]
    public void A_changed_metadata_section_is_reported_and_the_files_metadata_kept()
    {
        string file = _folder.Encrypt("secrets.yaml", Plaintext);
        string editor = _folder.Script("editor.sh", "sed -i 's/old-value/new-value/; s/unencrypted_suffix: _unencrypted/unencrypted_suffix: _plain/' \"$1\"");

        CryptResult result = _folder.Run(_folder.Environment(editor), null, "edit", "-s", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"crypt: {file}: the sops metadata section was changed in the editor; only the values are saved (change keys with rotate, updatekeys or groups)\n", result.Stderr);
        Assert.Contains("unencrypted_suffix: _unencrypted", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.Equal(Plaintext.Replace("old-value", "new-value", StringComparison.Ordinal), _folder.Decrypt(file));
    }

    [Fact]
    public void Removing_the_metadata_section_is_a_problem_to_fix_in_the_editor()
    {
        string file = _folder.Encrypt("secrets.yaml", Plaintext);
        byte[] before = File.ReadAllBytes(file);
        string editor = _folder.Script("editor.sh", "sed -i '/^sops:/,$d' \"$1\"\nsed -i 's/old-value/new-value/' \"$1\"");

        CryptResult result = _folder.Run(_folder.Environment(editor), null, "edit", "-s", file);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("has no sops metadata section", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("edit cancelled; the file was not changed", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(file));
        _folder.AssertNoTempFiles();
    }
}
