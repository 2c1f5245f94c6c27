using System.Text;
using Crypt.Crypto.Age;
using Crypt.Crypto.Errors;
using Crypt.Crypto.KeySources;
using Crypt.Formats.Metadata;
using Crypt.Formats.Stores;
using Crypt.Tests;
using Xunit.Abstractions;

namespace Crypt.Formats.Tests.Hardening;

/// <summary>
/// Issue 14's tamper sweep: real corpus files in every format, encrypted for a real age key, then
/// every single-character change inside each <c>ENC[...]</c> value, comment and the MAC and in
/// <c>lastmodified</c>; every deletion, duplication and swap of adjacent lines; every swap of two
/// encrypted values; every key renamed. Each mutant must be refused with a
/// <see cref="CryptException"/>, or decrypt to the same plaintext, or differ only in what the SOPS
/// format does not authenticate (<see cref="TamperJudge"/> lists those classes and why). The
/// counts go to the test output; the README's security section quotes them.
/// </summary>
public sealed class TamperSweepTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Files => new()
    {
        // file in ../shared/corpus/configs, encryption rule ("" = default: every value encrypted)
        { "cleanarch-jt-build.yml", "" },
        { "dashboard-env-variables-pod.yaml", "" },
        { "sentry-relay-config.example.yml", "unencrypted_regex:^(port|host|mode)$" },
        { "cert-manager-rfc2136-tsig-secret.yaml", "encrypted_regex:^value$" },
        { "bitwarden-Api-appsettings.Development.json", "" },
        { "cleanarch-jt-package.json", "mac_only_encrypted:encrypted_regex:^(name|version)$" },
        { "netbox-docker-netbox.env", "" },
        { "caddy-caddy.service", "" }, // INI by the corpus MANIFEST (the name says binary)
        { "laradock-xdebug.ini", "" },
        { "yarp-cert.der", "" },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_tampering_is_refused_or_outside_what_the_format_authenticates(string file, string rule)
    {
        using X25519Identity identity = X25519Identity.Generate();
        (DocumentFormat format, EncryptOptions encryptOptions) = Setup(file, rule, identity);
        byte[] plaintext = await File.ReadAllBytesAsync(Path.Combine(SharedPaths.Corpus, "configs", file));
        EncryptedDocument encrypted = await SopsDocument.EncryptAsync(plaintext, format, encryptOptions, CancellationToken.None);
        string cipherText = Encoding.UTF8.GetString(SopsDocument.Emit(encrypted, format, EmitOptions.Default));

        using var keys = new KeyRing([new AgeIdentityUnwrapper([identity])]);
        var judge = new TamperJudge(format, keys, cipherText, encryptOptions.MacOnlyEncrypted);
        await judge.InitializeAsync();
        var tally = new TamperTally();
        foreach (Mutant mutant in Mutants.Of(cipherText, format))
        {
            tally.Add(mutant.Kind, await judge.JudgeAsync(mutant.Text));
        }

        output.WriteLine($"tamper {file} ({format}, rule '{rule}'): {tally.Total} mutants, {tally.Refused} refused, {tally.Total - tally.Refused - tally.Unexplained.Count} accepted outside what the format authenticates, {tally.Unexplained.Count} unexplained");
        foreach (string line in tally.Lines())
        {
            output.WriteLine("  " + line);
        }

        foreach (string unexplained in tally.Unexplained)
        {
            output.WriteLine("  " + unexplained);
        }

        Assert.True(tally.Total > 200, $"only {tally.Total} mutants were made of {file}");
        Assert.Empty(tally.Unexplained);
    }

    private static (DocumentFormat Format, EncryptOptions Options) Setup(string file, string rule, X25519Identity identity)
    {
        DocumentFormat format = file.EndsWith(".service", StringComparison.Ordinal) ? DocumentFormat.Ini : DocumentFormats.FromPath(file);
        bool macOnlyEncrypted = rule.StartsWith("mac_only_encrypted:", StringComparison.Ordinal);
        string selection = macOnlyEncrypted ? rule["mac_only_encrypted:".Length..] : rule;
        EncryptionRule encryptionRule = selection.Length == 0
            ? EncryptionRule.Default
            : selection.Split(':', 2) switch
            {
                ["encrypted_regex", string regex] => new EncryptionRule(EncryptionMode.EncryptedRegex, regex),
                ["unencrypted_regex", string regex] => new EncryptionRule(EncryptionMode.UnencryptedRegex, regex),
                _ => throw new ArgumentException($"unknown rule {rule}", nameof(rule)),
            };
        var options = new EncryptOptions
        {
            KeyGroups = [[new AgeRecipient(identity.Recipient.ToString())]],
            Rule = encryptionRule,
            MacOnlyEncrypted = macOnlyEncrypted,
        };
        return (format, options);
    }
}
