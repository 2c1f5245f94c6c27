using System.Text;
using Crypt.Cli.Editing;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Cli.Tests.Edit;

/// <summary>
/// The editor loop in process, where the "re-open the editor?" answer can be scripted (end to
/// end, standard input is not a terminal, so crypt never asks).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EditSessionTests : IDisposable
{
    private readonly SecretsFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task EditSession_reopens_the_editor_after_a_syntax_error_when_the_user_asks()
    {
        string editor = EditorThatFailsOnce();
        StringWriter messages = new();
        int asked = 0;
        EditSession session = new([editor], "secrets.yaml", DocumentFormat.Yaml, () => ++asked > 0, messages);

        TreeDocument edited = await session.RunAsync(Encoding.UTF8.GetBytes("a: old\n"), CancellationToken.None);

        Assert.Equal(1, asked);
        Assert.Equal("fixed", ((TreeScalar)edited.Branches[0].Get("a")!).Text);
        Assert.StartsWith("crypt: secrets.yaml:", messages.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(SecretsFolder.Sentinel, messages.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(File.ReadAllText(_folder.PathOf("folder")).Trim()));
    }

    [Fact]
    public async Task EditSession_cancels_with_the_parse_errors_exit_code_when_the_user_declines()
    {
        string editor = EditorThatFailsOnce();
        EditSession session = new([editor], "secrets.yaml", DocumentFormat.Yaml, () => false, new StringWriter());

        EditCancelledException error = await Assert.ThrowsAsync<EditCancelledException>(() => session.RunAsync(Encoding.UTF8.GetBytes("a: old\n"), CancellationToken.None));

        Assert.Equal(2, CryptApp.Describe(error).Code);
        Assert.Equal("secrets.yaml: edit cancelled; the file was not changed", error.Message);
        Assert.False(Directory.Exists(File.ReadAllText(_folder.PathOf("folder")).Trim()));
    }

    [Fact]
    public async Task EditSession_passes_the_editors_own_words_before_the_file()
    {
        string editor = _folder.Script("editor.sh", $"printf '%s|' \"$@\" > '{_folder.PathOf("argv")}'\nprintf 'a: b\\n' > \"$2\"");
        EditSession session = new([editor, "--wait"], "x.yaml", DocumentFormat.Yaml, () => false, new StringWriter());

        await session.RunAsync(Encoding.UTF8.GetBytes("a: old\n"), CancellationToken.None);

        string[] argv = File.ReadAllText(_folder.PathOf("argv")).Split('|');
        Assert.Equal("--wait", argv[0]);
        Assert.Equal("x.yaml", Path.GetFileName(argv[1]));
    }

    /// <summary>An editor writing invalid YAML (with the sentinel) the first time and a valid document the second.</summary>
    private string EditorThatFailsOnce() => _folder.Script("editor.sh", $"""
        dirname "$1" > '{_folder.PathOf("folder")}'
        if [ -f '{_folder.PathOf("once")}' ]; then
            printf 'a: fixed\n' > "$1"
        else
            touch '{_folder.PathOf("once")}'
            printf 'a: [{SecretsFolder.Sentinel}\n' > "$1"
        fi
        """);
}
