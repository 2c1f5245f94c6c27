using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using Crypt.Crypto.Age;
using Crypt.Tests;

namespace Crypt.Cli.Tests.Corpus;

/// <summary>
/// <c>crypt set</c>, <c>unset</c>, <c>rotate -i</c> and <c>updatekeys --yes</c> on files the real
/// sops wrote (one corpus file per format, reusing the fixture's sops-encrypted copy): sops must
/// still decrypt the result, to what its own <c>set</c>/<c>unset</c> gives, or to the unchanged
/// data. The YAML file has a comment inside a sequence (the sops MAC edge case of issue 11).
/// </summary>
[Collection(CorpusTestGroup.Name)]
[UnsupportedOSPlatform("windows")]
public sealed partial class SopsEditInteropTests(CorpusFixture corpus) : IDisposable
{
    private const string Added = "\"set-by-the-interop-test\"";

    private readonly string _folder = Directory.CreateTempSubdirectory("crypt-edit-interop-").FullName;

    /// <summary>file, the extension both tools pick the format from, a new key's path.</summary>
    public static TheoryData<string, string, string> Settable() => new()
    {
        { "sentry-relay-config.example.yml", ".yaml", "[\"interop_added\"]" },
        { "yarp-SampleServer-appsettings.json", ".json", "[\"interop_added\"]" },
        { "godotenv-comments.env", ".env", "[\"INTEROP_ADDED\"]" },
        { "thoughtbot-gitconfig", ".ini", "[\"alias\"][\"interop_added\"]" },
    };

    /// <summary>file, the extension both tools pick the format from, an existing key's path.</summary>
    public static TheoryData<string, string, string> Unsettable() => new()
    {
        { "sentry-relay-config.example.yml", ".yaml", "[\"logging\"]" },
        { "yarp-SampleServer-appsettings.json", ".json", "[\"Logging\"]" },
        { "godotenv-comments.env", ".env", "[\"thud\"]" },
        { "thoughtbot-gitconfig", ".ini", "[\"alias\"][\"co\"]" },
    };

    public static TheoryData<string, string> EveryFormat() => new()
    {
        { "sentry-relay-config.example.yml", ".yaml" },
        { "yarp-SampleServer-appsettings.json", ".json" },
        { "godotenv-comments.env", ".env" },
        { "thoughtbot-gitconfig", ".ini" },
        { "image-png-basn2c08.png", ".png" },
    };

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [MemberData(nameof(Settable))]
    public void Crypt_set_on_a_sops_file_gives_what_sops_set_gives(string file, string extension, string newKey)
    {
        string ours = SopsCopy(file, extension, "crypt");
        string theirs = SopsCopy(file, extension, "sops");

        CryptResult set = corpus.Crypt(_folder, "set", ours, newKey, Added);
        SopsResult reference = corpus.Sops(_folder, "set", theirs, newKey, Added);

        Assert.True(reference.ExitCode == 0, reference.ToString());
        Assert.True(set.ExitCode == 0, set.ToString());
        AssertSopsReadsTheSame(theirs, ours);
    }

    [Theory]
    [MemberData(nameof(Unsettable))]
    public void Crypt_unset_on_a_sops_file_gives_what_sops_unset_gives(string file, string extension, string existingKey)
    {
        string ours = SopsCopy(file, extension, "crypt");
        string theirs = SopsCopy(file, extension, "sops");

        CryptResult unset = corpus.Crypt(_folder, "unset", ours, existingKey);
        SopsResult reference = corpus.Sops(_folder, "unset", theirs, existingKey);

        Assert.True(reference.ExitCode == 0, reference.ToString());
        Assert.True(unset.ExitCode == 0, unset.ToString());
        AssertSopsReadsTheSame(theirs, ours);
    }

    [Theory]
    [MemberData(nameof(EveryFormat))]
    public void Crypt_rotate_on_a_sops_file_keeps_the_data_for_sops_under_a_new_data_key(string file, string extension)
    {
        string ours = SopsCopy(file, extension, "crypt");
        string before = File.ReadAllText(ours);

        CryptResult rotate = corpus.Crypt(_folder, "rotate", "-i", ours);

        Assert.True(rotate.ExitCode == 0, rotate.ToString());
        AssertSopsReadsTheSame(SopsCopy(file, extension, "original"), ours);
        string[] old = [.. EncValue().Matches(before).Select(m => m.Value)];
        Assert.NotEmpty(old);
        Assert.DoesNotContain(EncValue().Matches(File.ReadAllText(ours)).Select(m => m.Value), old.Contains);
    }

    [Theory]
    [MemberData(nameof(EveryFormat))]
    public void Crypt_updatekeys_on_a_sops_file_lets_sops_open_it_with_the_added_key(string file, string extension)
    {
        string ours = SopsCopy(file, extension, "crypt");
        using X25519Identity added = X25519Identity.Generate();
        string addedKey = Path.Combine(_folder, "added-key.txt");
        File.WriteAllText(addedKey, added.ToSecretString() + "\n");
        File.SetUnixFileMode(addedKey, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(Path.Combine(_folder, ".sops.yaml"), $"creation_rules:\n  - path_regex: .*\n    age: {corpus.Recipient},{added.Recipient}\n");

        CryptResult update = corpus.Crypt(_folder, "updatekeys", "--yes", ours);

        Assert.True(update.ExitCode == 0, update.ToString());
        SopsResult withAdded = SopsProcess.Run(_folder, new Dictionary<string, string> { ["SOPS_AGE_KEY_FILE"] = addedKey }, null, "decrypt", ours);
        SopsResult original = corpus.Sops(_folder, "decrypt", SopsCopy(file, extension, "original"));
        Assert.True(withAdded.ExitCode == 0, withAdded.ToString());
        Assert.True(original.ExitCode == 0, original.ToString());
        Assert.Equal(original.Stdout, withAdded.Stdout);
    }

    /// <summary>A copy of the fixture's sops-encrypted file, named so both tools pick its format from the extension.</summary>
    private string SopsCopy(string file, string extension, string name)
    {
        SopsResult encrypted = corpus[file].SopsEncrypt ?? throw new InvalidOperationException($"{file}: sops did not encrypt it");
        Assert.True(encrypted.ExitCode == 0, encrypted.ToString());
        string path = Path.Combine(_folder, name + extension);
        File.WriteAllBytes(path, encrypted.Stdout);
        return path;
    }

    private void AssertSopsReadsTheSame(string expectedFile, string actualFile)
    {
        SopsResult expected = corpus.Sops(_folder, "decrypt", expectedFile);
        SopsResult actual = corpus.Sops(_folder, "decrypt", actualFile);
        Assert.True(expected.ExitCode == 0, expected.ToString());
        Assert.True(actual.ExitCode == 0, "sops cannot read what crypt wrote: " + actual);
        Assert.Equal(expected.Stdout, actual.Stdout);
    }

    [GeneratedRegex(@"ENC\[AES256_GCM,[^\]]*\]")]
    private static partial Regex EncValue();
}
