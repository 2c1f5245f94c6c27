using System.Diagnostics;
using System.Text;
using Crypt.Cli.Tests.Edit;
using Crypt.Crypto.Age;
using Crypt.Crypto.KeySources;
using Crypt.Formats;
using Crypt.Formats.Stores;

namespace Crypt.Cli.Tests.Hardening;

/// <summary>One in-place command under test: how to run trial N and what its result must decrypt to.</summary>
/// <param name="Name">As shown in the counts.</param>
/// <param name="Arguments">crypt's arguments for trial N (the target is <c>secrets.yaml</c> in the folder).</param>
/// <param name="NewPlaintext">What the file decrypts to after trial N completed.</param>
/// <param name="OldIsPlaintext">The file before the command is plaintext (encrypt -i).</param>
/// <param name="Editor">For edit: the editor script's body; it must touch $MARKER last.</param>
internal sealed record CrashCommand(
    string Name,
    Func<int, string[]> Arguments,
    Func<int, string> NewPlaintext,
    bool OldIsPlaintext = false,
    string? Editor = null);

/// <summary>What the trials of one command saw.</summary>
internal sealed record CrashCounts(string Name, int Trials, int Killed, int Old, int New, int LeftTemp, int LeftPlaintext, List<string> Broken)
{
    public override string ToString() =>
        $"crash-safety {Name}: {Trials} trials, SIGKILL at a random instant ({Killed} landed before exit), file old {Old}, new {New}, " +
        $"neither {Broken.Count}; a kill left a temp in {LeftTemp} (plaintext in {LeftPlaintext}), all removed by the next completed run";
}

/// <summary>
/// The crash-safety loop (THREATS.md, crashes): reset the file to the old version, start crypt,
/// SIGKILL it after a random delay drawn over the command's measured run time (for edit: over
/// the time after the editor returns), then check the file is byte-for-byte the old version or
/// decrypts to the new plaintext, and record what the kill left in the folder and TMPDIR. After
/// the last trial one complete run must leave neither a crypt temp nor the sentinel anywhere.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class CrashTrials
{
    private static readonly byte[] s_sentinel = Encoding.UTF8.GetBytes(SecretsFolder.Sentinel);
    private readonly SecretsFolder _folder;
    private readonly CrashCommand _command;
    private readonly string _target;
    private readonly string _marker;
    private readonly string _identity;
    private readonly byte[] _old;
    private readonly Random _random;

    /// <param name="folder">Holds the key; the file under test is written here.</param>
    /// <param name="command">The command to kill.</param>
    /// <param name="old">The file's bytes before each trial.</param>
    /// <param name="seed">Seeds the kill instants.</param>
    public CrashTrials(SecretsFolder folder, CrashCommand command, byte[] old, int seed)
    {
        _folder = folder;
        _command = command;
        _old = old;
        _random = new Random(seed);
        _target = folder.PathOf("secrets.yaml");
        _marker = folder.PathOf("editor-returned");
        _identity = File.ReadAllLines(folder.KeyFile).Single(l => l.StartsWith("AGE-SECRET-KEY-", StringComparison.Ordinal));
    }

    public async Task<CrashCounts> RunAsync(int trials)
    {
        // Complete runs first: they must succeed, and their median duration sets the range of kill
        // instants (a loaded machine stretches some runs; a kill drawn past the end is a trial
        // that completed, and counts as one).
        List<TimeSpan> runs = [];
        for (int i = 0; i < 3; i++)
        {
            runs.Add(await RunOnceAsync(-1, kill: null) ?? throw new InvalidOperationException("a reference run was killed"));
        }

        TimeSpan span = runs.Order().ElementAt(1);

        CrashCounts counts = new(_command.Name, trials, 0, 0, 0, 0, 0, []);
        int killed = 0, old = 0, fresh = 0, leftTemp = 0, leftPlain = 0;
        for (int trial = 0; trial < trials; trial++)
        {
            TimeSpan delay = span * (_random.NextDouble() * 1.2);
            TimeSpan? ran = await RunOnceAsync(trial, delay);
            if (ran is null)
            {
                killed++;
            }

            switch (await ClassifyAsync(trial))
            {
                case true:
                    fresh++;
                    break;
                case false:
                    old++;
                    break;
                default:
                    counts.Broken.Add($"trial {trial} (kill at {delay.TotalMilliseconds:0} ms): the file is neither the old nor the new version");
                    break;
            }

            (bool temp, bool plain) = Leftovers();
            leftTemp += temp ? 1 : 0;
            leftPlain += plain ? 1 : 0;
            if ((trial + 1) % 50 == 0)
            {
                SoakProgress.Write($"crash-safety {_command.Name}: {trial + 1} of {trials} trials, {killed} killed mid-run, old {old}, new {fresh}, neither {counts.Broken.Count}");
            }
        }

        // The next complete run removes what the kills left (its own names, owners dead).
        await RunOnceAsync(trials, kill: null);
        (bool tempAfter, bool plainAfter) = Leftovers();
        if (tempAfter || plainAfter)
        {
            counts.Broken.Add($"after a complete run: crypt temp left {tempAfter}, plaintext left {plainAfter}");
        }

        return counts with { Killed = killed, Old = old, New = fresh, LeftTemp = leftTemp, LeftPlaintext = leftPlain };
    }

    /// <summary>Runs trial N; returns its duration, or null when <paramref name="kill"/> landed first.</summary>
    private async Task<TimeSpan?> RunOnceAsync(int trial, TimeSpan? kill)
    {
        File.WriteAllBytes(_target, _old);
        File.Delete(_marker);
        Dictionary<string, string> environment = _folder.Environment(_command.Editor is null ? null : _folder.PathOf("editor.sh"));
        environment["TRIAL"] = trial.ToString(System.Globalization.CultureInfo.InvariantCulture);
        environment["MARKER"] = _marker;
        // No diagnostics pipes in TMPDIR: a killed runtime would leave them behind.
        environment["DOTNET_EnableDiagnostics"] = "0";
        if (_command.Editor is { } editor && trial < 0)
        {
            _folder.Script("editor.sh", editor);
        }

        using Process process = _folder.Start(environment, _command.Arguments(trial));
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Stopwatch watch = Stopwatch.StartNew();
        if (_command.Editor is not null)
        {
            // The instant that matters for edit starts when the editor has returned.
            while (!File.Exists(_marker) && !process.HasExited)
            {
                await Task.Delay(1);
            }

            watch.Restart();
        }

        if (kill is { } delay && !process.WaitForExit(delay))
        {
            process.Kill();
            await process.WaitForExitAsync();
            return null;
        }

        await process.WaitForExitAsync();
        TimeSpan ran = watch.Elapsed;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{_command.Name} trial {trial} exited {process.ExitCode}: {await stderr}");
        }

        SecretsFolder.AssertNoLeak(new CryptResult(process.ExitCode, Encoding.UTF8.GetBytes(await stdout), await stderr));
        return ran;
    }

    /// <summary>false: the old version; true: a new version that decrypts to the expected plaintext; null: neither.</summary>
    private async Task<bool?> ClassifyAsync(int trial)
    {
        byte[] now = File.ReadAllBytes(_target);
        if (now.AsSpan().SequenceEqual(_old))
        {
            return false;
        }

        try
        {
            using AgeIdentityUnwrapper unwrapper = new([X25519Identity.Parse(_identity)]);
            using KeyRing keys = new([unwrapper]);
            using DecryptedDocument document = await SopsDocument.DecryptAsync(now, DocumentFormat.Yaml, keys, DecryptOptions.Default with { KeepIvs = false }, CancellationToken.None);
            string plaintext = Encoding.UTF8.GetString(document.EmitPlain(DocumentFormat.Yaml, EmitOptions.Default));
            return plaintext == _command.NewPlaintext(trial) ? true : null;
        }
        catch (Exception e) when (e is Crypto.Errors.CryptException)
        {
            return null;
        }
    }

    /// <summary>Whether a crypt temp name, or the sentinel outside the target, is in the folder or TMPDIR.</summary>
    private (bool Temp, bool Plaintext) Leftovers()
    {
        bool temp = Directory.EnumerateFiles(_folder.Root, "*.crypt-*.tmp").Any()
            || Directory.EnumerateDirectories(_folder.Temp, "crypt-*").Any();
        bool plaintext = Directory.EnumerateFiles(_folder.Root, "*", SearchOption.AllDirectories)
            .Where(path => !(_command.OldIsPlaintext && path == _target))
            .Any(path => File.ReadAllBytes(path).AsSpan().IndexOf(s_sentinel) >= 0);
        return (temp, plaintext);
    }
}
