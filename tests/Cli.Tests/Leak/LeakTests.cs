using Crypt.Cli.Tests.EncryptDecrypt;

namespace Crypt.Cli.Tests.Leak;

/// <summary>
/// THREATS.md, "Leaks through the tool itself": on every failure path of every command that
/// reads or writes secrets (encrypt, decrypt, set, unset, rotate, updatekeys, groups, exec-env,
/// exec-file; with and without --verbose; a key service that is down) the sentinel secrets
/// never reach stderr (nor stdout of a failed run), no temp file survives in TMPDIR, and no file
/// beside the target appears or changes.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LeakTests : IDisposable
{
    private const string Sentinel = "SENTINEL-7f3a9c2e";
    private const string NestedYaml = $"db:\n    password: {Sentinel}-db\n    port: 5432\nnote_unencrypted: {Sentinel}-clear\napi: {Sentinel}-api\n";

    private readonly Workspace _ws = new();

    public LeakTests()
    {
        _ws.Encrypt("nested.yaml", NestedYaml, "nested.enc.yaml");
        _ws.Encrypt("flat.yaml", $"TOKEN: {Sentinel}-token\nA_unencrypted: {Sentinel}-clear\n", "flat.enc.yaml");
        _ws.Encrypt("weird.yaml", $"\"A=B\": {Sentinel}-eq\n", "weird.enc.yaml");

        string flat = _ws.Read("flat.enc.yaml");
        _ws.Write("flat-mac.enc.yaml", flat.Replace($"A_unencrypted: {Sentinel}-clear", $"A_unencrypted: {Sentinel}-changed", StringComparison.Ordinal));
        int data = flat.IndexOf("TOKEN: ENC[AES256_GCM,data:", StringComparison.Ordinal) + "TOKEN: ENC[AES256_GCM,data:".Length;
        _ws.Write("flat-tampered.enc.yaml", flat[..data] + (flat[data] == 'A' ? 'B' : 'A') + flat[(data + 1)..]);

        _ws.Write("bad.yaml", $"a: {Sentinel}-yaml\nb: \"unterminated\n");
        _ws.Write("bad.json", $"{{\"a\": \"{Sentinel}-json\" \"b\"}}");
        _ws.Write("bad2.json", $"{{\"a\": {Sentinel}-json}}");
        _ws.Write("bad.env", $"GOOD=1\n{Sentinel}-env-line-without-equals\n");
        _ws.Write("sops.env", $"sops_version={Sentinel}-sops\n");
        _ws.Write("already.yaml", $"a: {Sentinel}-already\nsops:\n    version: 3.8.1\n");
        _ws.Write("plain.yaml", $"a: {Sentinel}-plain\n");
        _ws.Write("nested-plain.yaml", NestedYaml);
    }

    public void Dispose() => _ws.Dispose();

    public static TheoryData<string[], bool> FailurePaths() => new()
    {
        // encrypt
        { ["encrypt", "--age", Recipient, "bad.yaml"], true },
        { ["encrypt", "--age", Recipient, "bad.json"], true },
        { ["encrypt", "--age", Recipient, "bad2.json"], true },
        { ["encrypt", "--age", Recipient, "bad.env"], true },
        { ["encrypt", "--age", Recipient, "sops.env"], true },
        { ["encrypt", "--age", Recipient, "-i", "already.yaml"], true },
        { ["encrypt", "--age", "age1notarecipient", "plain.yaml"], true },
        { ["encrypt", "plain.yaml"], true },
        { ["encrypt", "--age", Recipient, "-i", "--output", "x.yaml", "plain.yaml"], true },
        { ["encrypt", "--age", Recipient, "--output", "no/such/dir/x.yaml", "plain.yaml"], true },
        { ["encrypt", "--age", Recipient, "--output-type", "dotenv", "nested-plain.yaml"], true },

        // decrypt
        { ["decrypt", "flat-mac.enc.yaml"], true },
        { ["decrypt", "flat-tampered.enc.yaml"], true },
        { ["decrypt", "--output-type", "dotenv", "nested.enc.yaml"], true },
        { ["decrypt", "--extract", "[\"db\"][\"nope\"]", "nested.enc.yaml"], true },
        { ["decrypt", "--extract", "db", "nested.enc.yaml"], true },
        { ["decrypt", "--output", "no/such/dir/x.yaml", "nested.enc.yaml"], true },
        { ["decrypt", "-i", "--output", "x.yaml", "nested.enc.yaml"], true },
        { ["decrypt", "--decryption-order", "age,age", "nested.enc.yaml"], true },
        { ["decrypt", "plain.yaml"], true },
        { ["decrypt", "nested.enc.yaml"], false },

        // exec-env
        { ["exec-env", "nested.enc.yaml", "env"], true },
        { ["exec-env", "weird.enc.yaml", "env"], true },
        { ["exec-env", "flat-mac.enc.yaml", "env"], true },
        { ["exec-env", "flat-tampered.enc.yaml", "env"], true },
        { ["exec-env", "flat.enc.yaml", "env"], false },
        { ["exec-env", "flat.enc.yaml", "exit 3"], true },

        // exec-file
        { ["exec-file", "flat-mac.enc.yaml", "cat {}"], true },
        { ["exec-file", "flat-tampered.enc.yaml", "cat {}"], true },
        { ["exec-file", "--output-type", "dotenv", "nested.enc.yaml", "cat {}"], true },
        { ["exec-file", "--filename", "../x", "flat.enc.yaml", "cat {}"], true },
        { ["exec-file", "flat.enc.yaml", "cat {}"], false },
        { ["exec-file", "--no-fifo", "flat.enc.yaml", "cat {} >/dev/null; exit 4"], true },
        { ["exec-file", "flat.enc.yaml", "exit 5"], true },

        // set, unset, rotate, updatekeys, groups
        { ["set", "flat-tampered.enc.yaml", "[\"TOKEN\"]", "\"x\""], true },
        { ["set", "flat-mac.enc.yaml", "[\"TOKEN\"]", "\"x\""], true },
        { ["set", "nested.enc.yaml", "db", "\"x\""], true },
        { ["set", "nested.enc.yaml", "[\"db\"][\"password\"]", $"\"{Sentinel}-set-unterminated"], true },
        { ["set", "nested.enc.yaml", "[\"db\"][\"password\"]", $"{{\"a\": {Sentinel}}}"], true },
        { ["set", "nested.enc.yaml", "[\"db\"][0]", "1"], true },
        { ["set", "nested.enc.yaml", "[\"db\"][\"password\"]", "\"x\""], false },
        { ["unset", "flat-tampered.enc.yaml", "[\"TOKEN\"]"], true },
        { ["unset", "nested.enc.yaml", "[\"nope\"]"], true },
        { ["rotate", "-i", "flat-tampered.enc.yaml"], true },
        { ["rotate", "flat-mac.enc.yaml"], true },
        { ["rotate", "-i", "--rm-age", Recipient, "nested.enc.yaml"], true },
        { ["updatekeys", "--yes", "flat-tampered.enc.yaml"], true },
        { ["groups", "add", "--file", "flat-tampered.enc.yaml", "-i", "--age", Recipient], true },
        { ["decrypt", "-i", "flat-tampered.enc.yaml"], true },

        // --verbose says more, never a value
        { ["decrypt", "--verbose", "flat-tampered.enc.yaml"], true },
        { ["decrypt", "--verbose", "flat-mac.enc.yaml"], true },
        { ["decrypt", "--verbose", "nested.enc.yaml"], false },
        { ["encrypt", "--verbose", "--age", Recipient, "bad.yaml"], true },
        { ["set", "--verbose", "nested.enc.yaml", "[\"db\"][\"password\"]", $"\"{Sentinel}-set-unterminated"], true },
    };

    /// <summary>Replaced by the workspace's recipient at run time (TheoryData must be static).</summary>
    private const string Recipient = "@recipient";

    [Theory]
    [MemberData(nameof(FailurePaths))]
    public void No_failure_path_shows_a_secret_or_leaves_a_file(string[] args, bool withKey)
    {
        Dictionary<string, byte[]> before = LeakCheck.Snapshot(_ws.Root, _ws.Tmp);
        string[] resolved = [.. args.Select(a => a == Recipient ? _ws.Recipient : a)];

        CryptResult result = withKey
            ? _ws.Run(resolved)
            : _ws.RunWithEnvironment(new Dictionary<string, string>(), resolved);

        Assert.NotEqual(0, result.ExitCode);
        AssertNoLeak(result, before, verbose: args.Contains("--verbose"));
    }

    [Fact]
    public void A_key_service_that_is_down_shows_no_secret_and_leaves_no_file()
    {
        Dictionary<string, byte[]> before = LeakCheck.Snapshot(_ws.Root, _ws.Tmp);
        Dictionary<string, string> environment = _ws.Environment(
            ("AWS_ENDPOINT_URL_KMS", "http://127.0.0.1:9"),
            ("AWS_ACCESS_KEY_ID", "AKIAEXAMPLEEXAMPLE"),
            ("AWS_SECRET_ACCESS_KEY", "example-secret-key"),
            ("AWS_REGION", "us-east-1"),
            ("AWS_MAX_ATTEMPTS", "1"));

        CryptResult result = CryptProcess.Run(_ws.Root, environment, null, "encrypt", "--kms", "arn:aws:kms:us-east-1:111122223333:key/down", "-i", "nested-plain.yaml");

        Assert.True(result.ExitCode == 1, result.ToString()); // sops: "Could not generate data key", uncoded (cmd/sops/encrypt.go)
        Assert.Contains("could not wrap the data key", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("example-secret-key", result.Stderr, StringComparison.Ordinal);
        AssertNoLeak(result, before, verbose: false);
    }

    /// <summary>No sentinel or identity in the output, no stack unless --verbose (which adds one, never a value), nothing left or changed.</summary>
    private void AssertNoLeak(CryptResult result, Dictionary<string, byte[]> before, bool verbose) =>
        LeakCheck.AssertNoLeak(result, Sentinel, _ws.Root, _ws.Tmp, before, verbose);
}
