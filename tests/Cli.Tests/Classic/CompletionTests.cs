using System.Diagnostics;
using Crypt.Cli.Tests.EncryptDecrypt;

namespace Crypt.Cli.Tests.Classic;

/// <summary><c>crypt completion bash|zsh</c>: the bash script, sourced in a real bash, completes crypt's own commands and options.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CompletionTests : IDisposable
{
    private readonly Workspace _ws = new();

    public void Dispose() => _ws.Dispose();

    [Theory]
    [InlineData("crypt decrypt --out", "--output\n--output-type\n")]
    [InlineData("crypt upd", "updatekeys\n")]
    [InlineData("crypt groups ", "add\ndelete\n")]
    public void The_bash_script_offers_the_commands_and_options_that_fit(string line, string expected)
    {
        string bin = Path.Combine(_ws.Root, "bin");
        Directory.CreateDirectory(bin);
        File.CreateSymbolicLink(Path.Combine(bin, "crypt"), CryptProcess.Executable);
        File.WriteAllText(_ws.Path("script.bash"), _ws.Run("completion", "bash").StdoutText);
        string[] words = line.Split(' ');
        string program = $"""
            source script.bash
            COMP_LINE='{line}'; COMP_POINT=${"{"}#COMP_LINE{"}"}
            COMP_WORDS=({string.Join(' ', words.Select(w => $"'{w}'"))}); COMP_CWORD={words.Length - 1}
            _crypt_complete
            printf '%s\n' "${"{"}COMPREPLY[@]{"}"}" | grep -v '^$' | sort
            """;
        ProcessStartInfo start = new("bash", ["-c", program]) { WorkingDirectory = _ws.Root, RedirectStandardOutput = true };
        start.Environment["PATH"] = $"{bin}:/usr/bin:/bin";
        using Process bash = Process.Start(start)!;
        string output = bash.StandardOutput.ReadToEnd();
        bash.WaitForExit();

        string[] offered = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(expected.Split('\n', StringSplitOptions.RemoveEmptyEntries), e => Assert.Contains(e, offered));
        Assert.DoesNotContain("decrypt", line.EndsWith(' ') ? offered : []);
    }

    [Fact]
    public void The_zsh_script_registers_a_completion_function_for_crypt()
    {
        CryptResult result = _ws.Run("completion", "zsh");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("#compdef crypt\n", result.StdoutText, StringComparison.Ordinal);
        Assert.Contains("compdef _crypt_complete crypt", result.StdoutText, StringComparison.Ordinal);
    }
}
