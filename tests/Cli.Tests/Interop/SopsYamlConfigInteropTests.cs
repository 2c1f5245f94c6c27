using Crypt.Cli.Tests.EncryptDecrypt;
using Crypt.Tests;

namespace Crypt.Cli.Tests.Interop;

/// <summary>
/// Live interop with the real sops on every YAML config file of ../shared/corpus that sops
/// accepts: (a) crypt decrypt of sops's file prints exactly what sops decrypt prints; (b) crypt
/// encrypt→decrypt prints what sops encrypt→decrypt prints; (c) sops decrypt of crypt's file
/// prints what crypt decrypt of it prints. Where sops loses a comment, crypt keeps it (see
/// <see cref="SopsYamlInterop"/>).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SopsYamlConfigInteropTests
{
    public static TheoryData<string> Files() => [.. YamlCorpus.Configs().Where(c => c.SopsAccepts).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Crypt_and_sops_read_each_others_files_of_this_config_to_the_same_bytes(string name)
    {
        using Workspace ws = new();
        string source = "configs/" + name;
        SopsYamlInterop.CryptOpensWhatSopsWrote(ws, source, Path.Combine(SharedPaths.Corpus, "configs", name));
        SopsYamlInterop.RoundTripsMatchSops(ws, source);
    }

    public static TheoryData<string> Refused() => [.. YamlCorpus.Configs().Where(c => !c.SopsAccepts).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_config_sops_refuses_is_refused_with_a_one_line_message(string name)
    {
        using Workspace ws = new();
        File.Copy(Path.Combine(SharedPaths.Corpus, "configs", name), ws.Path("in.yaml"));
        SopsYamlSuiteInteropTests.AssertRefusedWithOneLine(ws, name, expectPosition: new FileInfo(ws.Path("in.yaml")).Length > 0 && File.ReadAllLines(ws.Path("in.yaml")).Any(l => l.Length > 0 && !l.TrimStart().StartsWith('#')));
    }
}
