using System.Diagnostics;

namespace Crypt.Cli.Tests.Edit;

/// <summary>
/// <c>crypt edit</c> end to end with scripted editors (SOPS_EDITOR pointing at a shell script):
/// minimal re-encryption, the failure paths that must leave the file as it was, signals, and
/// that the plaintext only ever lives in a 0600 file inside a 0700 folder that goes away.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EditCommandTests : IDisposable
{
    private const string Plaintext = $"""
        db:
            user: admin
            password: old-{SecretsFolder.Sentinel}
        api_key: key-{SecretsFolder.Sentinel}
        hosts:
            - first-{SecretsFolder.Sentinel}
            - second
        """;

    private readonly SecretsFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Edit_reencrypts_only_the_changed_value_and_keeps_every_other_ciphertext()
    {
        string file = _folder.Encrypt("secrets.yaml", Plaintext + "\n");
        string[] before = File.ReadAllLines(file);
        Thread.Sleep(1100); // lastmodified has a resolution of one second
        string editor = _folder.Script("editor.sh", $"""
            stat -c %a "$1" > '{_folder.PathOf("modes")}'
            stat -c %a "$(dirname "$1")" >> '{_folder.PathOf("modes")}'
            echo "$1" > '{_folder.PathOf("edited-path")}'
            sed -i 's/old-{SecretsFolder.Sentinel}/new-value/' "$1"
            """);

        CryptResult result = _folder.Run(_folder.Environment(editor), null, "edit", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.Stdout);
        Assert.Equal("600\n700\n", File.ReadAllText(_folder.PathOf("modes")));
        string editedPath = File.ReadAllText(_folder.PathOf("edited-path")).Trim();
        Assert.Equal("secrets.yaml", Path.GetFileName(editedPath));
        Assert.StartsWith(_folder.Temp, editedPath, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(editedPath)));
        _folder.AssertNoTempFiles();

        string[] after = File.ReadAllLines(file);
        Assert.Equal(before.Length, after.Length);
        for (int i = 0; i < before.Length; i++)
        {
            bool mustChange = before[i].Contains("password:", StringComparison.Ordinal)
                || before[i].Contains("lastmodified:", StringComparison.Ordinal)
                || before[i].Contains("mac:", StringComparison.Ordinal);
            if (mustChange)
            {
                Assert.NotEqual(before[i], after[i]);
            }
            else
            {
                Assert.Equal(before[i], after[i]);
            }
        }

        Assert.Equal(Plaintext.Replace($"old-{SecretsFolder.Sentinel}", "new-value", StringComparison.Ordinal) + "\n", _folder.Decrypt(file));
    }

    [Fact]
    public void Edit_reports_a_syntax_error_with_file_and_line_and_leaves_the_file_untouched()
    {
        string file = _folder.Encrypt("secrets.yaml", Plaintext + "\n");
        byte[] before = File.ReadAllBytes(file);
        string editor = _folder.Script("editor.sh", $"printf 'a: new-{SecretsFolder.Sentinel}\\n  b: : [\\n' > \"$1\"");

        CryptResult result = _folder.Run(_folder.Environment(editor), null, "edit", file);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{file}:2:", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("edit cancelled; the file was not changed", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(file));
        SecretsFolder.AssertNoLeak(result);
        _folder.AssertNoTempFiles();
    }

    public static TheoryData<string, string, string> OtherFormats() => new()
    {
        { "secrets.json", $"{{\"a\": \"old-{SecretsFolder.Sentinel}\", \"b\": \"keep\", \"c\": [1, 2]}}", "\"a\"" },
        { "secrets.env", $"A=old-{SecretsFolder.Sentinel}\nB=keep\nC=also\n", "A=" },
    };

    [Theory]
    [MemberData(nameof(OtherFormats))]
    public void Edit_keeps_unchanged_ciphertexts_in_json_and_dotenv_too(string name, string plaintext, string changedKey)
    {
        string file = _folder.Encrypt(name, plaintext);
        string[] before = File.ReadAllLines(file);
        Thread.Sleep(1100);
        string editor = _folder.Script("editor.sh", $"sed -i 's/old-{SecretsFolder.Sentinel}/new-value/' \"$1\"");

        CryptResult result = _folder.Run(_folder.Environment(editor), null, "edit", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] after = File.ReadAllLines(file);
        Assert.Equal(before.Length, after.Length);
        string[] changed = [.. before.Zip(after).Where(p => p.First != p.Second).Select(p => p.First)];
        Assert.Contains(changed, l => l.Contains(changedKey, StringComparison.Ordinal));
        Assert.All(changed, l => Assert.True(
            l.Contains(changedKey, StringComparison.Ordinal) || l.Contains("lastmodified", StringComparison.Ordinal) || l.Contains("mac", StringComparison.Ordinal),
            l));
        Assert.Contains("new-value", _folder.Decrypt(file), StringComparison.Ordinal);
        Assert.DoesNotContain(SecretsFolder.Sentinel, _folder.Decrypt(file), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> InvalidEdits() => new()
    {
        { "secrets.json", $"{{\"a\": \"old-{SecretsFolder.Sentinel}\"}}", $"{{\"a\": \"{SecretsFolder.Sentinel}\",\n" },
        { "secrets.json", $"{{\"a\": \"old-{SecretsFolder.Sentinel}\"}}", $"{{\"a\": {SecretsFolder.Sentinel}}}\n" },
        { "secrets.env", $"A=old-{SecretsFolder.Sentinel}\n", $"A=1\n{SecretsFolder.Sentinel}\n" },
        { "secrets.yaml", $"a: old-{SecretsFolder.Sentinel}\n", $"a: \"{SecretsFolder.Sentinel}\n" },
    };

    [Theory]
    [MemberData(nameof(InvalidEdits))]
    public void Edit_reports_invalid_text_in_any_format_without_showing_it(string name, string plaintext, string invalid)
    {
        string file = _folder.Encrypt(name, plaintext);
        byte[] before = File.ReadAllBytes(file);
        File.WriteAllText(_folder.PathOf("invalid.txt"), invalid);
        string editor = _folder.Script("editor.sh", $"cat '{_folder.PathOf("invalid.txt")}' > \"$1\"");

        CryptResult result = _folder.Run(_folder.Environment(editor), null, "edit", file);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{file}:", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(file));
        SecretsFolder.AssertNoLeak(result);
        _folder.AssertNoTempFiles();
    }

    [Fact]
    public void Edit_refuses_a_top_level_sops_key_in_the_edited_text()
    {
        string file = _folder.Encrypt("secrets.yaml", Plaintext + "\n");
        byte[] before = File.ReadAllBytes(file);
        string editor = _folder.Script("editor.sh", $"printf 'sops: {SecretsFolder.Sentinel}\\n' > \"$1\"");

        CryptResult result = _folder.Run(_folder.Environment(editor), null, "edit", file);

        Assert.True(result.ExitCode == 203, result.ToString());
        Assert.Contains("top-level 'sops' key", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(file));
        SecretsFolder.AssertNoLeak(result);
        _folder.AssertNoTempFiles();
    }

    [Theory]
    [InlineData("exit 1", "exited with status 1")]
    [InlineData("kill -TERM $$", "exited with status 143")]
    public void Edit_leaves_the_file_untouched_when_the_editor_fails(string ending, string message)
    {
        string file = _folder.Encrypt("secrets.yaml", Plaintext + "\n");
        byte[] before = File.ReadAllBytes(file);
        string editor = _folder.Script("editor.sh", $"sed -i 's/old-/changed-/' \"$1\"\n{ending}");

        CryptResult result = _folder.Run(_folder.Environment(editor), null, "edit", file);

        Assert.True(result.ExitCode == 201, result.ToString());
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{file} was not changed", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(file));
        SecretsFolder.AssertNoLeak(result);
        _folder.AssertNoTempFiles();
    }

    [Fact]
    public void Edit_exits_200_and_writes_nothing_when_the_text_is_unchanged()
    {
        string file = _folder.Encrypt("secrets.yaml", Plaintext + "\n");
        byte[] before = File.ReadAllBytes(file);
        DateTime modified = File.GetLastWriteTimeUtc(file);
        string editor = _folder.Script("editor.sh", "touch \"$1\"");

        CryptResult result = _folder.Run(_folder.Environment(editor), null, "edit", file);

        Assert.True(result.ExitCode == 200, result.ToString());
        Assert.Equal($"crypt: {file}: file has not changed; nothing written\n", result.Stderr);
        Assert.Equal(before, File.ReadAllBytes(file));
        Assert.Equal(modified, File.GetLastWriteTimeUtc(file));
        _folder.AssertNoTempFiles();
    }

    [Fact]
    public async Task Edit_removes_the_plaintext_and_keeps_the_file_when_crypt_is_sent_SIGTERM()
    {
        string file = _folder.Encrypt("secrets.yaml", Plaintext + "\n");
        byte[] before = File.ReadAllBytes(file);
        string ready = _folder.PathOf("ready");
        string editor = _folder.Script("editor.sh", $"""
            echo "$$ $1" > '{ready}.tmp' && mv '{ready}.tmp' '{ready}'
            sleep 300
            """);

        using Process crypt = _folder.Start(_folder.Environment(editor), "edit", file);
        Task<string> stderr = crypt.StandardError.ReadToEndAsync();
        Stopwatch waited = Stopwatch.StartNew();
        while (!File.Exists(ready) && waited.Elapsed < TimeSpan.FromSeconds(120) && !crypt.HasExited)
        {
            await Task.Delay(50);
        }

        Assert.True(File.Exists(ready), "the editor never started");
        string[] marker = File.ReadAllText(ready).Trim().Split(' ', 2);
        Assert.True(File.Exists(marker[1]), "the plaintext should exist while the editor runs");
        using (Process kill = Process.Start("kill", ["-TERM", crypt.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        // The editor's children must die too, or they would hold stderr open for 300 s; the 60 s
        // wait tells the two apart even on a loaded machine.
        using CancellationTokenSource timeout = new(TimeSpan.FromSeconds(60));
        await crypt.WaitForExitAsync(timeout.Token);
        string messages = await stderr.WaitAsync(timeout.Token);
        Assert.Equal(85, crypt.ExitCode);
        Assert.Contains("interrupted", messages, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretsFolder.Sentinel, messages, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(marker[1])));
        Assert.Equal(before, File.ReadAllBytes(file));
        _folder.AssertNoTempFiles();
    }

    [Fact]
    public void Edit_of_a_new_file_starts_from_the_example_and_encrypts_for_the_given_key()
    {
        string file = _folder.PathOf("new.yaml");
        string editor = _folder.Script("editor.sh", $"grep -q example_key \"$1\" && printf 'token: new-{SecretsFolder.Sentinel}\\n' > \"$1\"");

        CryptResult result = _folder.Run(_folder.Environment(editor), null, "edit", "--age", _folder.Recipient, file);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(_folder.Recipient, File.ReadAllText(file), StringComparison.Ordinal);
        Assert.DoesNotContain(SecretsFolder.Sentinel, File.ReadAllText(file), StringComparison.Ordinal);
        Assert.Equal($"token: new-{SecretsFolder.Sentinel}\n", _folder.Decrypt(file));
        _folder.AssertNoTempFiles();
    }

    [Fact]
    public void Edit_of_a_new_file_without_keys_fails_with_exit_1_before_opening_the_editor()
    {
        string file = _folder.PathOf("new.yaml");
        string opened = _folder.PathOf("opened");
        string editor = _folder.Script("editor.sh", $"touch '{opened}'");

        CryptResult result = _folder.Run(_folder.Environment(editor), null, "edit", file);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("--age", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(opened));
        Assert.False(File.Exists(file));
        _folder.AssertNoTempFiles();
    }

    [Fact]
    public void Edit_without_any_editor_exits_201_and_leaves_the_file_untouched()
    {
        string file = _folder.Encrypt("secrets.yaml", Plaintext + "\n");
        byte[] before = File.ReadAllBytes(file);
        Dictionary<string, string> environment = _folder.Environment();
        environment["PATH"] = Directory.CreateDirectory(_folder.PathOf("empty-bin")).FullName;

        CryptResult result = _folder.Run(environment, null, "edit", file);

        Assert.True(result.ExitCode == 201, result.ToString());
        Assert.Contains("SOPS_EDITOR", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(file));
        _folder.AssertNoTempFiles();
    }
}
