namespace Crypt.Cli.Tests;

public sealed class ProcessSmokeTests
{
    [Fact]
    public void The_built_executable_runs_and_prints_help()
    {
        CryptResult result = CryptProcess.Run(Path.GetTempPath(), null, null, "--help");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Usage:", result.StdoutText, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_command_fails_with_a_usage_error_and_no_stack_trace()
    {
        CryptResult result = CryptProcess.Run(Path.GetTempPath(), null, null, "frobnicate");
        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }
}
