using System.Text;

namespace Crypt.Tests;

/// <summary>What one run of the real sops produced.</summary>
internal sealed record SopsResult(int ExitCode, byte[] Stdout, string Stderr)
{
    public string StdoutText => Encoding.UTF8.GetString(Stdout);

    public override string ToString() => $"sops exit {ExitCode}\nstderr: {Stderr}";
}
