using Crypt.Cli.Tests.EncryptDecrypt;
using Crypt.Tests;

namespace Crypt.Cli.Tests.Classic;

/// <summary>
/// sops's classic command line (<c>sops -d FILE</c>, <c>-e -i</c>, <c>-r</c>, <c>--set</c>), run
/// side by side with the real sops (<c>../shared/tools/sops/sops</c>) on copies of the same
/// files: the same exit code, the same standard output where it is deterministic, and files
/// written in place that decrypt to the same plaintext.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ClassicCommandLineTests : IDisposable
{
    private const string Plain = "db:\n    password: s3cr3t\n    port: 5432\nhosts:\n    - a\n    - b\nflag: true\n";

    private readonly Workspace _crypt = new();
    private readonly Workspace _sops = new();

    public ClassicCommandLineTests()
    {
        // Both folders hold the same plaintext and the same sops-written encrypted file, and
        // each can decrypt with the other's key (a file is encrypted for both recipients).
        foreach (Workspace ws in new[] { _crypt, _sops })
        {
            ws.Write("plain.yaml", Plain);
            ws.Write("flat.yaml", "A: 1\nB: two\n");
        }

        string recipients = $"{_crypt.Recipient},{_sops.Recipient}";
        SopsResult encrypted = RunSops(_sops, "encrypt", "--age", recipients, "plain.yaml");
        Assert.True(encrypted.ExitCode == 0, encrypted.Stderr);
        _sops.Write("secrets.enc.yaml", encrypted.StdoutText);
        _crypt.Write("secrets.enc.yaml", encrypted.StdoutText);
        SopsResult flat = RunSops(_sops, "encrypt", "--age", recipients, "flat.yaml");
        _sops.Write("flat.enc.yaml", flat.StdoutText);
        _crypt.Write("flat.enc.yaml", flat.StdoutText);
    }

    public void Dispose()
    {
        _crypt.Dispose();
        _sops.Dispose();
    }

    /// <summary>Command lines whose output does not depend on randomness: stdout must match byte for byte.</summary>
    public static TheoryData<string[]> Deterministic() => new()
    {
        { ["-d", "secrets.enc.yaml"] },
        { ["--decrypt", "secrets.enc.yaml"] },
        { ["-decrypt", "secrets.enc.yaml"] },
        { ["--decrypt=true", "secrets.enc.yaml"] },
        { ["-d", "--extract", "[\"db\"][\"password\"]", "secrets.enc.yaml"] },
        { ["-d", "--extract", "[\"hosts\"][1]", "secrets.enc.yaml"] },
        { ["-d", "--extract", "[\"db\"]", "secrets.enc.yaml"] },
        { ["-d", "--extract=[\"flag\"]", "secrets.enc.yaml"] },
        { ["-d", "--output-type", "json", "secrets.enc.yaml"] },
        { ["-d", "--output-type", "dotenv", "flat.enc.yaml"] },
        { ["-d", "--input-type", "yaml", "--output-type", "json", "flat.enc.yaml"] },
        { ["-d", "--ignore-mac", "secrets.enc.yaml"] },
        { ["--verbose", "-d", "secrets.enc.yaml"] },
        { ["-d", "secrets.enc.yaml", "extra-argument"] },
        { ["-d", "--", "secrets.enc.yaml"] },
        { ["-d", "--age", "age1unused", "secrets.enc.yaml"] },
        { ["-d", "plain.yaml"] },
        { ["-d", "missing.yaml"] },
        { ["-e", "missing.yaml"] },
        { ["-r", "missing.yaml"] },
        { ["-d"] },
        { ["-d", "-i", "--output", "out.yaml", "secrets.enc.yaml"] },
        { ["--set", "no-brackets 1", "secrets.enc.yaml"] },
        { ["-e", "secrets.enc.yaml"] },
        { ["--rm-age", "age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq4h9u8a", "missing.yaml"] },
        { ["-r", "--add-age", "age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq4h9u8a", "missing.yaml"] },
    };

    [Theory]
    [MemberData(nameof(Deterministic))]
    public void A_classic_command_line_exits_and_prints_as_sops_does(string[] args)
    {
        SopsResult sops = RunSops(_sops, args);
        CryptResult crypt = _crypt.Run(args);

        Assert.True(sops.ExitCode == crypt.ExitCode, $"sops exit {sops.ExitCode} ({sops.Stderr.Trim()}), crypt {crypt}");
        Assert.Equal(sops.StdoutText, crypt.StdoutText);
        if (crypt.ExitCode != 0)
        {
            Assert.StartsWith("crypt: ", crypt.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", crypt.Stderr, StringComparison.Ordinal);
        }
    }

    /// <summary>Command lines that write a file (in place or to --output): each tool's result must decrypt to the same plaintext with the other tool.</summary>
    public static TheoryData<string[], string> Writing() => new()
    {
        { ["-d", "-i", "secrets.enc.yaml"], "secrets.enc.yaml" },
        { ["-d", "--output", "out.yaml", "secrets.enc.yaml"], "out.yaml" },
        { ["-r", "-i", "secrets.enc.yaml"], "secrets.enc.yaml" },
        { ["--rotate", "--in-place", "secrets.enc.yaml"], "secrets.enc.yaml" },
        { ["--set", "[\"db\"][\"port\"] 5433", "secrets.enc.yaml"], "secrets.enc.yaml" },
        { ["--set", "[\"hosts\"][5] \"c\"", "secrets.enc.yaml"], "secrets.enc.yaml" },
        { ["--set", "[\"new\"] {\"k\": [1, 2]}", "secrets.enc.yaml"], "secrets.enc.yaml" },
        { ["-e", "-i", "--age", "RECIPIENTS", "plain.yaml"], "plain.yaml" },
        { ["-e", "--age", "RECIPIENTS", "--output", "out.enc.yaml", "plain.yaml"], "out.enc.yaml" },
        { ["-e", "-i", "--age", "RECIPIENTS", "--encrypted-regex", "^password$", "plain.yaml"], "plain.yaml" },
        { ["-e", "-i", "--age", "RECIPIENTS", "--unencrypted-suffix", "port", "plain.yaml"], "plain.yaml" },
    };

    [Theory]
    [MemberData(nameof(Writing))]
    public void A_classic_command_line_that_writes_gives_what_sops_gives(string[] template, string written)
    {
        string[] args = [.. template.Select(a => a == "RECIPIENTS" ? $"{_crypt.Recipient},{_sops.Recipient}" : a)];
        SopsResult sops = RunSops(_sops, args);
        CryptResult crypt = _crypt.Run(args);

        Assert.True(sops.ExitCode == 0, sops.Stderr);
        Assert.True(crypt.ExitCode == 0, crypt.ToString());
        Assert.Equal(sops.StdoutText, crypt.StdoutText);

        // Whatever each wrote, read back by the other tool (encrypted) or compared as is (plain).
        string sopsFile = _sops.Read(written);
        string cryptFile = _crypt.Read(written);
        if (cryptFile.Contains("ENC[AES256_GCM", StringComparison.Ordinal))
        {
            _crypt.Write("from-sops.yaml", sopsFile);
            _sops.Write("from-crypt.yaml", cryptFile);
            SopsResult sopsReadsCrypt = RunSops(_sops, "decrypt", "from-crypt.yaml");
            CryptResult cryptReadsSops = _crypt.Run("decrypt", "from-sops.yaml");
            Assert.True(sopsReadsCrypt.ExitCode == 0, sopsReadsCrypt.Stderr);
            Assert.True(cryptReadsSops.ExitCode == 0, cryptReadsSops.ToString());
            Assert.Equal(sopsReadsCrypt.StdoutText, cryptReadsSops.StdoutText);
            Assert.Equal(Occurrences(sopsFile, "ENC[AES256_GCM"), Occurrences(cryptFile, "ENC[AES256_GCM"));
        }
        else
        {
            Assert.Equal(sopsFile, cryptFile);
        }
    }

    /// <summary>
    /// The classic forms used in sops's README and documentation, each next to the subcommand
    /// form it means: both must leave the same plaintext (age keys only; the cloud and PGP
    /// variants differ only in the key flag).
    /// </summary>
    public static TheoryData<string[], string[]> ClassicAndSubcommand() => new()
    {
        { ["-e", "-i", "--age", "RECIPIENT", "plain.yaml"], ["encrypt", "-i", "--age", "RECIPIENT", "plain.yaml"] },
        { ["--encrypt", "--age", "RECIPIENT", "--output", "plain.yaml", "plain.yaml"], ["encrypt", "--age", "RECIPIENT", "--output", "plain.yaml", "plain.yaml"] },
        { ["-d", "-i", "secrets.enc.yaml"], ["decrypt", "-i", "secrets.enc.yaml"] },
        { ["-r", "-i", "secrets.enc.yaml"], ["rotate", "-i", "secrets.enc.yaml"] },
        { ["-r", "-i", "--add-age", "RECIPIENT", "secrets.enc.yaml"], ["rotate", "-i", "--add-age", "RECIPIENT", "secrets.enc.yaml"] },
        { ["--set", "[\"db\"][\"password\"] \"n3w\"", "secrets.enc.yaml"], ["set", "secrets.enc.yaml", "[\"db\"][\"password\"]", "\"n3w\""] },
        { ["--set", "[\"hosts\"][1] {\"name\": \"c\"}", "secrets.enc.yaml"], ["set", "secrets.enc.yaml", "[\"hosts\"][1]", "{\"name\": \"c\"}"] },
        { ["-e", "-i", "--age", "RECIPIENT", "--encrypted-regex", "^(password|port)$", "plain.yaml"], ["encrypt", "-i", "--age", "RECIPIENT", "--encrypted-regex", "^(password|port)$", "plain.yaml"] },
        { ["-e", "-i", "--age", "RECIPIENT", "--mac-only-encrypted", "--unencrypted-regex", "^flag$", "plain.yaml"], ["encrypt", "-i", "--age", "RECIPIENT", "--mac-only-encrypted", "--unencrypted-regex", "^flag$", "plain.yaml"] },
        { ["--indent", "2", "-d", "-i", "secrets.enc.yaml"], ["--indent", "2", "decrypt", "-i", "secrets.enc.yaml"] },
    };

    [Theory]
    [MemberData(nameof(ClassicAndSubcommand))]
    public void A_classic_command_line_does_what_its_subcommand_form_does(string[] classic, string[] subcommand)
    {
        using Workspace other = new();
        foreach (string name in new[] { "plain.yaml", "secrets.enc.yaml" })
        {
            other.Write(name, _crypt.Read(name));
        }

        string[] Fill(string[] args) => [.. args.Select(a => a == "RECIPIENT" ? _crypt.Recipient : a)];
        CryptResult viaClassic = _crypt.Run(Fill(classic));
        CryptResult viaSubcommand = CryptProcess.Run(other.Root, _crypt.Environment(), null, Fill(subcommand));

        Assert.True(viaClassic.ExitCode == 0, viaClassic.ToString());
        Assert.True(viaSubcommand.ExitCode == 0, viaSubcommand.ToString());
        string target = classic[^1];
        Assert.Equal(Decrypted(_crypt, _crypt.Read(target)), Decrypted(_crypt, other.Read(target)));
    }

    [Fact]
    public void A_bare_file_opens_the_editor_as_crypt_edit_does()
    {
        _crypt.Write("editor.sh", "#!/bin/sh\nsed -i 's/s3cr3t/edited/' \"$1\"\n");
        File.SetUnixFileMode(_crypt.Path("editor.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        CryptResult result = CryptProcess.Run(_crypt.Root, _crypt.Environment(("EDITOR", _crypt.Path("editor.sh"))), null, "secrets.enc.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("password: edited", _crypt.Run("-d", "secrets.enc.yaml").StdoutText, StringComparison.Ordinal);
    }

    private static string Decrypted(Workspace ws, string content)
    {
        if (!content.Contains("ENC[AES256_GCM", StringComparison.Ordinal))
        {
            return content;
        }

        ws.Write("check.enc.yaml", content);
        CryptResult result = ws.Run("decrypt", "check.enc.yaml");
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.StdoutText;
    }

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    private static SopsResult RunSops(Workspace ws, params string[] args) => SopsProcess.Run(ws.Root, ws.Environment(("EDITOR", "false")), null, args);
}
