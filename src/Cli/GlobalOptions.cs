using System.CommandLine;

namespace Crypt.Cli;

/// <summary>Options every command accepts (sops's global flags).</summary>
internal static class GlobalOptions
{
    public static Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Show details of errors (and a stack trace for internal errors).",
        Recursive = true,
    };

    public static Option<string?> Config { get; } = new("--config")
    {
        Description = "Path of the creation-rules file (default: .sopsrc, else .sops.yaml, found from the working folder up; env SOPS_CONFIG).",
        Recursive = true,
    };

    public static Option<int?> Indent { get; } = new("--indent")
    {
        Description = "Indentation of YAML (2-9) and JSON (spaces) output; overrides the config's stores settings.",
        Recursive = true,
        Validators = { result => RejectNegative(result, "--indent") },
    };

    public static Option<string?> DecryptionOrder { get; } = new("--decryption-order")
    {
        Description = "Key types to try first when decrypting, e.g. age,kms,azure_kv (env SOPS_DECRYPTION_ORDER).",
        Recursive = true,
    };

    // sops checks GitHub for a newer release; Crypt never phones home, so these are accepted
    // (scripts written for sops pass them) and change nothing.

    public static Option<bool> DisableVersionCheck { get; } = new("--disable-version-check")
    {
        Description = "Accepted for sops compatibility; crypt never checks for updates.",
        Recursive = true,
    };

    public static Option<bool> CheckForUpdates { get; } = new("--check-for-updates")
    {
        Description = "Accepted for sops compatibility; crypt never checks for updates.",
        Recursive = true,
    };

    /// <summary>A usage error (exit 1, as sops's "Incorrect Usage") for a negative count.</summary>
    internal static void RejectNegative(System.CommandLine.Parsing.OptionResult result, string name)
    {
        if (result.Tokens.Count > 0 && int.TryParse(result.Tokens[^1].Value, out int value) && value < 0)
        {
            result.AddError($"{name} must be 0 or more (got {value})");
        }
    }

    public static void AddTo(RootCommand root)
    {
        root.Options.Add(DisableVersionCheck);
        root.Options.Add(CheckForUpdates);
        root.Options.Add(Verbose);
        root.Options.Add(Config);
        root.Options.Add(Indent);
        root.Options.Add(DecryptionOrder);
    }
}
