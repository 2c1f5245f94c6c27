using System.Globalization;
using System.Text.RegularExpressions;
using Crypt.Tests;

namespace Crypt.Cli.Tests;

/// <summary><c>crypt keygen</c> end to end, against the behaviour of age-keygen.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class KeygenTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("crypt-keygen-").FullName;

    public static TheoryData<string> FixtureIdentityFiles() =>
        [.. Directory.GetFiles(SharedPaths.SopsFixtures, "*.txt", SearchOption.AllDirectories)
            .Where(p => Path.GetFileName(p).Contains("key", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(SharedPaths.SopsFixtures, p))
            .Order(StringComparer.Ordinal)];

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Keygen_writes_an_owner_only_identity_file_like_age_keygen_and_echoes_the_public_key()
    {
        string path = Path.Combine(_dir, "key.txt");
        KeygenProcess.Result result = KeygenProcess.Crypt("keygen", "-o", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.StdOut);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Match file = IdentityFile().Match(File.ReadAllText(path));
        Assert.True(file.Success, File.ReadAllText(path).Split('\n')[0]);
        Assert.Equal($"Public key: {file.Groups["recipient"].Value}\n", result.StdErr);
        DateTimeOffset created = DateTimeOffset.ParseExact(file.Groups["created"].Value, ["yyyy-MM-dd'T'HH:mm:ssK"], CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.Now - created, TimeSpan.FromSeconds(-5), TimeSpan.FromMinutes(2));
        Assert.Equal(file.Groups["recipient"].Value + "\n", KeygenProcess.AgeKeygen("-y", path).StdOut);
    }

    [Fact]
    public void Keygen_creates_the_missing_folders_of_its_output_owner_only()
    {
        string path = Path.Combine(_dir, "home", ".config", "sops", "age", "keys.txt");

        KeygenProcess.Result result = KeygenProcess.Crypt("keygen", "-o", path);

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        Assert.StartsWith("Public key: age1", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Keygen_refuses_to_overwrite_an_existing_file_without_force()
    {
        string path = Path.Combine(_dir, "key.txt");
        File.WriteAllText(path, "precious\n");

        KeygenProcess.Result result = KeygenProcess.Crypt("keygen", "-o", path);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal($"crypt keygen: error: {path} already exists; use --force to overwrite it\n", result.StdErr);
        Assert.Equal("precious\n", File.ReadAllText(path));
    }

    [Fact]
    public void Keygen_with_force_replaces_the_file_and_narrows_it_to_owner_only()
    {
        string path = Path.Combine(_dir, "key.txt");
        File.WriteAllText(path, "old\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        KeygenProcess.Result result = KeygenProcess.Crypt("keygen", "-o", path, "--force");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(IdentityFile(), File.ReadAllText(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Keygen_without_output_prints_the_identity_file_to_stdout()
    {
        KeygenProcess.Result result = KeygenProcess.Crypt("keygen");

        Assert.Equal(0, result.ExitCode);
        Match file = IdentityFile().Match(result.StdOut);
        Assert.True(file.Success, result.StdOut.Split('\n')[0]);
        // Like age-keygen: stdout is a pipe here, not a terminal, so the public key goes to stderr too.
        Assert.Equal($"Public key: {file.Groups["recipient"].Value}\n", result.StdErr);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Theory]
    [MemberData(nameof(FixtureIdentityFiles))]
    public void Keygen_y_prints_what_age_keygen_y_prints(string relativePath)
    {
        string path = Path.Combine(SharedPaths.SopsFixtures, relativePath);
        KeygenProcess.Result crypt = KeygenProcess.Crypt("keygen", "-y", path);
        KeygenProcess.Result age = KeygenProcess.AgeKeygen("-y", path);

        Assert.Equal(0, age.ExitCode);
        Assert.Equal(0, crypt.ExitCode);
        Assert.Equal(age.StdOut, crypt.StdOut);
    }

    [Fact]
    public void Keygen_y_reports_a_bad_identity_file_in_one_line_without_its_content()
    {
        string path = Path.Combine(_dir, "bad.txt");
        File.WriteAllText(path, "# comment\nAGE-SECRET-KEY-1SENTINELSENTINELSENTINEL\n");

        KeygenProcess.Result result = KeygenProcess.Crypt("keygen", "-y", path);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(string.Empty, result.StdOut);
        Assert.StartsWith($"crypt keygen: error: {path}: line 2:", result.StdErr, StringComparison.Ordinal);
        Assert.Single(result.StdErr.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("SENTINEL", result.StdErr, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\A# created: (?<created>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d))\n# public key: (?<recipient>age1[02-9ac-hj-np-z]{58})\nAGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}\n\z")]
    private static partial Regex IdentityFile();
}
