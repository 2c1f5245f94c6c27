using System.Text.RegularExpressions;

namespace Crypt.Cli.Tests.Age;

/// <summary><c>crypt keygen --pq</c> and <c>keygen -y</c> on hybrid identities, as age-keygen 1.3 behaves.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class KeygenPostQuantumTests : IDisposable
{
    private readonly AgeKeyFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Keygen_pq_writes_an_owner_only_hybrid_identity_file_and_echoes_its_recipient()
    {
        CryptResult result = _folder.Crypt(null, "keygen", "--pq", "-o", "pq.txt");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_folder.Path("pq.txt")));
        Match file = HybridIdentityFile().Match(File.ReadAllText(_folder.Path("pq.txt")));
        Assert.True(file.Success, File.ReadAllText(_folder.Path("pq.txt")).Split('\n')[0]);
        Assert.Equal($"Public key: {file.Groups["recipient"].Value}\n", result.Stderr);
    }

    [Fact]
    public void Keygen_y_prints_the_recipient_of_each_identity_classic_and_hybrid_in_file_order()
    {
        string pq = _folder.Keygen("pq.txt", pq: true);
        string classic = _folder.Keygen("x.txt", pq: false);
        _folder.Write("both.txt", File.ReadAllText(_folder.Path("pq.txt")) + File.ReadAllText(_folder.Path("x.txt")));

        CryptResult result = _folder.Crypt(null, "keygen", "-y", "both.txt");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"{pq}\n{classic}\n", result.StdoutText);
        Assert.Matches("^# public key: " + pq + "$", File.ReadAllLines(_folder.Path("pq.txt"))[1]);
    }

    [Fact]
    public void Keygen_refuses_pq_together_with_y_as_age_keygen_does()
    {
        CryptResult result = _folder.Crypt(null, "keygen", "--pq", "-y");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--pq cannot be used with -y", result.Stderr, StringComparison.Ordinal);
    }

    [GeneratedRegex("^# created: (?<created>[0-9T:+Z-]+)\n# public key: (?<recipient>age1pq1[02-9ac-hj-np-z]{1900,})\nAGE-SECRET-KEY-PQ-1[02-9AC-HJ-NP-Z]{58}\n$")]
    private static partial Regex HybridIdentityFile();
}
