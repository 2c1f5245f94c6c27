using System.CommandLine;
using Crypt.Config;

namespace Crypt.Cli;

/// <summary>
/// sops's classic command line (<c>sops -d FILE</c>, <c>sops -e -i FILE</c>, <c>sops -r FILE</c>,
/// <c>sops --set '["k"] 1' FILE</c>, a bare <c>sops FILE</c> to edit), which sops 3.13 still
/// accepts next to its subcommands (cmd/sops/main.go <c>app.Flags</c> and <c>app.Action</c>),
/// rewritten into the equivalent subcommand so every rule lives in one place.
/// As with Go's <c>flag</c> package under urfave/cli v1: flags come before the file, a flag is
/// spelt with one dash or two, a value follows as <c>=VALUE</c> or as the next word, and the
/// first word that is not a flag ends the flags. Flags the chosen mode has no use for are
/// ignored, as sops ignores them.
/// </summary>
internal static class ClassicCommandLine
{
    // Boolean flags of sops's app (cmd/sops/main.go app.Flags), by every name they answer to.
    private static readonly Dictionary<string, string> s_booleans = new(StringComparer.Ordinal)
    {
        ["decrypt"] = "decrypt",
        ["d"] = "decrypt",
        ["encrypt"] = "encrypt",
        ["e"] = "encrypt",
        ["rotate"] = "rotate",
        ["r"] = "rotate",
        ["in-place"] = "in-place",
        ["i"] = "in-place",
        ["show-master-keys"] = "show-master-keys",
        ["s"] = "show-master-keys",
        ["disable-version-check"] = "disable-version-check",
        ["check-for-updates"] = "check-for-updates",
        ["ignore-mac"] = "ignore-mac",
        ["mac-only-encrypted"] = "mac-only-encrypted",
        ["verbose"] = "verbose",
        ["enable-local-keyservice"] = "enable-local-keyservice",
    };

    private static readonly string[] s_keyChangeFlags =
    [
        "add-kms", "add-pgp", "add-gcp-kms", "add-hckms", "add-hc-vault-transit", "add-azure-kv", "add-age",
        "rm-kms", "rm-pgp", "rm-gcp-kms", "rm-hckms", "rm-hc-vault-transit", "rm-azure-kv", "rm-age",
    ];

    // Flags of sops's app that take a value (built after s_keyChangeFlags, which it uses).
    private static readonly Dictionary<string, string> s_valued = BuildValued();

    /// <summary>
    /// Returns <paramref name="args"/> unchanged unless they are a classic sops command line;
    /// then the subcommand form of it. Throws <see cref="CliException"/> where sops fails
    /// before doing anything (no file, a missing file).
    /// </summary>
    public static string[] Rewrite(string[] args, RootCommand root)
    {
        List<(string Name, string? Value)> flags = [];
        int index = 0;
        while (index < args.Length)
        {
            string word = args[index];
            if (word == "--")
            {
                index++;
                break;
            }

            if (word.Length < 2 || word[0] != '-')
            {
                break;
            }

            string body = word.TrimStart('-');
            if (word.StartsWith("---", StringComparison.Ordinal) || body.Length == 0)
            {
                return args;
            }

            int equals = body.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? body : body[..equals];
            if (s_booleans.TryGetValue(name, out string? boolean))
            {
                string? value = equals < 0 ? null : body[(equals + 1)..];
                if (value is null || IsTrue(value))
                {
                    flags.Add((boolean, null));
                }

                index++;
            }
            else if (s_valued.TryGetValue(name, out string? valued))
            {
                if (equals >= 0)
                {
                    flags.Add((valued, body[(equals + 1)..]));
                    index++;
                }
                else if (index + 1 < args.Length)
                {
                    flags.Add((valued, args[index + 1]));
                    index += 2;
                }
                else
                {
                    return args; // let the parser say the value is missing
                }
            }
            else
            {
                return args; // --help, --version, or a flag only a subcommand knows
            }
        }

        bool hasMode = flags.Exists(f => f.Name is "decrypt" or "encrypt" or "rotate" or "set");
        if (index >= args.Length)
        {
            return hasMode
                ? throw new CliException(ExitCodes.NoFileSpecified, "no file specified")
                : args;
        }

        if (!hasMode && root.Subcommands.Any(c => c.Name == args[index] || c.Aliases.Contains(args[index])))
        {
            return args; // `crypt --verbose decrypt FILE`: global flags before a subcommand
        }

        if (index == 0 && args[0].StartsWith('[') && args[0].EndsWith(']'))
        {
            return args; // a System.CommandLine directive such as [suggest:N] (shell completion)
        }

        string file = args[index];
        if (!hasMode && !File.Exists(file) && NearCommand(root, file) is { } near)
        {
            // sops would open an editor on a new file named after the typo.
            throw new CliException(ExitCodes.ErrorGeneric, $"'{file}' is not a command (did you mean '{near}'?), and no file of that name exists to edit");
        }

        WarnAboutExtraArguments(args.AsSpan(index + 1));
        return ToSubcommand(flags, file, root);
    }

    private static string[] ToSubcommand(List<(string Name, string? Value)> flags, string file, RootCommand root)
    {
        bool Has(string name) => flags.Exists(f => f.Name == name);

        // sops runs encrypt, decrypt, rotate and set in that order, each on the file, and
        // writes the output of the last one.
        string mode = Has("set") ? "set" : Has("rotate") ? "rotate" : Has("decrypt") ? "decrypt" : Has("encrypt") ? "encrypt" : "edit";
        int modes = flags.Select(f => f.Name).Distinct().Count(n => n is "decrypt" or "encrypt" or "rotate" or "set");
        if (modes > 1)
        {
            Console.Error.WriteLine("crypt: warning: more than one of --encrypt, --decrypt, --rotate, --set was given; only the last one's output is kept");
        }

        if (Has("in-place") && Has("output"))
        {
            throw new CliException(ExitCodes.ErrorConflictingParameters, "cannot operate on both --output and --in-place");
        }

        if (!File.Exists(file))
        {
            if (flags.Exists(f => s_keyChangeFlags.Contains(f.Name)))
            {
                throw new CliException(ExitCodes.CannotChangeKeysFromNonExistentFile, $"{file}: cannot add or remove keys of a file that does not exist; create it with crypt encrypt --age/--kms/--azure-kv");
            }

            if (mode is "encrypt" or "decrypt" or "rotate")
            {
                throw new CliException(ExitCodes.NoFileSpecified, $"{file}: no such file");
            }
        }

        Command command = root.Subcommands.First(c => c.Name == mode);
        List<string> rewritten = [mode];
        foreach ((string name, string? value) in flags)
        {
            if (name is "decrypt" or "encrypt" or "rotate" or "set" || (mode == "set" && name == "in-place"))
            {
                continue;
            }

            if (Accepts(command, root, "--" + name))
            {
                rewritten.Add("--" + name);
                if (value is not null)
                {
                    rewritten.Add(value);
                }
            }
        }

        if (mode == "set")
        {
            (string path, string value) = SplitSet(flags.Last(f => f.Name == "set").Value!);
            rewritten.AddRange(["--", file, path, value]);
        }
        else
        {
            rewritten.AddRange(["--", file]);
        }

        return [.. rewritten];
    }

    // sops's extractSetArguments: the path ends at the first "] ", the rest is the JSON value.
    private static (string Path, string Value) SplitSet(string set)
    {
        int split = set.IndexOf("] ", StringComparison.Ordinal);
        if (split < 0)
        {
            throw new CliException(ExitCodes.ErrorInvalidSetFormat, "invalid --set format: expected '[\"key\"] VALUE'");
        }

        return (set[..(split + 1)].TrimEnd(' '), set[(split + 2)..]);
    }

    private static bool Accepts(Command command, RootCommand root, string option) =>
        command.Options.Any(o => o.Name == option || o.Aliases.Contains(option))
        || root.Options.Any(o => o.Recursive && (o.Name == option || o.Aliases.Contains(option)));

    private static string? NearCommand(RootCommand root, string word) =>
        word.Contains('.', StringComparison.Ordinal) || word.Contains('/', StringComparison.Ordinal)
            ? null
            : root.Subcommands.Select(c => c.Name).FirstOrDefault(name => EditDistance.Of(name, word) <= 2);

    private static bool IsTrue(string value) => value is "1" or "t" or "T" or "true" or "TRUE" or "True";

    private static void WarnAboutExtraArguments(ReadOnlySpan<string> extra)
    {
        if (extra.IsEmpty)
        {
            return;
        }

        Console.Error.WriteLine("crypt: warning: more than one positional argument; only the first one is used");
        foreach (string word in extra)
        {
            if (word.StartsWith('-'))
            {
                Console.Error.WriteLine($"crypt: warning: '{word}' looks like a flag: flags go before the file");
                break;
            }
        }
    }

    private static Dictionary<string, string> BuildValued()
    {
        Dictionary<string, string> valued = new(StringComparer.Ordinal)
        {
            ["kms"] = "kms",
            ["k"] = "kms",
            ["pgp"] = "pgp",
            ["p"] = "pgp",
            ["age"] = "age",
            ["a"] = "age",
        };
        string[] names =
        [
            "aws-profile", "gcp-kms", "hckms", "azure-kv", "hc-vault-transit", "extract", "input-type", "output-type",
            "unencrypted-suffix", "encrypted-suffix", "unencrypted-regex", "encrypted-regex",
            "unencrypted-comment-regex", "encrypted-comment-regex", "config", "encryption-context", "set",
            "shamir-secret-sharing-threshold", "indent", "output", "filename-override", "decryption-order", "keyservice",
        ];
        foreach (string name in names.Concat(s_keyChangeFlags))
        {
            valued[name] = name;
        }

        return valued;
    }
}
