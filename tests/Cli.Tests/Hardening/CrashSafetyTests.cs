using System.Diagnostics;
using System.Text;
using Crypt.Cli.Tests.Edit;
using Crypt.Crypto.Age;
using Xunit.Abstractions;

namespace Crypt.Cli.Tests.Hardening;

/// <summary>
/// SIGKILL at random instants during every in-place command (issue 14, THREATS.md crashes):
/// afterwards the file is exactly the old or the new version and decrypts, and the next complete
/// run leaves no temp and no plaintext in the folder or TMPDIR. 50 trials per command in CI (the
/// file is sized so the whole class stays near two minutes on a loaded machine); CRYPT_SOAK=1
/// (<c>./build.sh soak</c>) runs 500.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    // Enough values that parsing, encrypting and writing take real time next to start-up.
    private const int Values = 1000;

    // CRYPT_SOAK_KILLS overrides both counts (a quick end-to-end run of the soak).
    private static readonly int s_trials =
        int.TryParse(Environment.GetEnvironmentVariable("CRYPT_SOAK_KILLS"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int kills) && kills > 0
            ? kills
            : Environment.GetEnvironmentVariable("CRYPT_SOAK") == "1" ? 500 : 50;

    private static readonly string s_plaintext = string.Concat(Enumerable.Range(0, Values).Select(i => $"key{i}: value-{i}-{SecretsFolder.Sentinel}-{new string('x', 40)}\n"));

    private static readonly string[] s_commands = ["encrypt -i", "set", "unset", "rotate -i", "updatekeys", "edit"];

    [Fact]
    public async Task A_kill_at_any_instant_leaves_the_old_or_the_new_file_and_no_plaintext()
    {
        Stopwatch watch = Stopwatch.StartNew();
        // Two commands at a time, each in its own folder: half the wall time on a shared machine.
        CrashCounts?[] results = new CrashCounts?[s_commands.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, s_commands.Length), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (i, _) =>
            results[i] = await RunAsync(s_commands[i]));
        List<CrashCounts> all = [.. results.Select(r => r!)];
        all.ForEach(c => output.WriteLine(c.ToString()));

        int broken = all.Sum(c => c.Broken.Count);
        output.WriteLine($"crash-safety summary: {all.Sum(c => c.Trials)} trials over {all.Count} commands ({all.Sum(c => c.Killed)} killed mid-run) in {watch.Elapsed.TotalSeconds:0} s, " +
            $"{all.Sum(c => c.Old)} old, {all.Sum(c => c.New)} new, {broken} neither; temps left by a kill {all.Sum(c => c.LeftTemp)} (plaintext {all.Sum(c => c.LeftPlaintext)}), all removed by the next run");
        Assert.True(broken == 0, string.Join("\n", all.SelectMany(c => c.Broken.Select(b => $"{c.Name}: {b}"))));
        Assert.All(all, c => Assert.Equal(c.Trials, c.Old + c.New));
    }

    private static async Task<CrashCounts> RunAsync(string name)
    {
        using SecretsFolder folder = new();
        using X25519Identity second = X25519Identity.Generate();
        string encrypted = File.ReadAllText(folder.Encrypt("secrets.yaml", s_plaintext));
        string Replaced(string value) => s_plaintext.Replace($"key5: value-5-{SecretsFolder.Sentinel}-{new string('x', 40)}\n", value, StringComparison.Ordinal);
        string Trial(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        CrashCommand command = name switch
        {
            "encrypt -i" => new(name, _ => ["encrypt", "-i", "--age", folder.Recipient, "secrets.yaml"], _ => s_plaintext, OldIsPlaintext: true),
            "set" => new(name, n => ["set", "secrets.yaml", "[\"key5\"]", $"\"new-{Trial(n)}\""], n => Replaced($"key5: new-{Trial(n)}\n")),
            "unset" => new(name, _ => ["unset", "secrets.yaml", "[\"key5\"]"], _ => Replaced(string.Empty)),
            "rotate -i" => new(name, _ => ["rotate", "-i", "secrets.yaml"], _ => s_plaintext),
            "updatekeys" => new(name, _ => ["updatekeys", "-y", "secrets.yaml"], _ => s_plaintext),
            "edit" => new(name, _ => ["edit", "secrets.yaml"], n => Replaced($"key5: edited-{Trial(n)}\n"), Editor: "sed -i \"s/^key5: .*/key5: edited-$TRIAL/\" \"$1\"\ntouch \"$MARKER\""),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        if (name == "updatekeys")
        {
            File.WriteAllText(folder.PathOf(".sops.yaml"), $"creation_rules:\n  - path_regex: secrets\\.yaml$\n    age: {folder.Recipient},{second.Recipient}\n");
        }

        byte[] old = Encoding.UTF8.GetBytes(name == "encrypt -i" ? s_plaintext : encrypted);
        // A fixed seed per command: the kill instants repeat from run to run (the machine's timing does not).
        return await new CrashTrials(folder, command, old, seed: name.Sum(c => c)).RunAsync(s_trials);
    }
}
