using System.Text;
using Crypt.Formats;
using Crypt.Formats.Stores;
using Crypt.Formats.Tree;

namespace Crypt.Cli.Processes;

/// <summary>
/// sops exec-env's mapping from a decrypted document to environment variables: the top-level
/// scalar entries of the first document, comments skipped, strings as they are, other scalars
/// as the dotenv store writes them (sops's <c>stores.ValToString</c>: <c>7</c>, <c>3.14</c>,
/// <c>true</c>, null as <c>&lt;nil&gt;</c>). Maps and lists are refused as sops refuses them.
/// Errors name the key, never the value. INI files (whose top level holds only sections, so sops
/// refuses them all) give the keys of their <c>DEFAULT</c> section, the keys before the first
/// <c>[section]</c>: the INI form of a dotenv file.
/// </summary>
internal static class SecretEnvironment
{
    public static List<KeyValuePair<string, string>> From(TreeDocument tree, string file, DocumentFormat format = DocumentFormat.Yaml)
    {
        List<KeyValuePair<string, string>> variables = [];
        if (tree.Branches.Count == 0)
        {
            return variables;
        }

        TreeMap top = tree.Branches[0];
        if (format == DocumentFormat.Ini)
        {
            top = top.Items.Count > 0 && top.Items[0] is { Key: "DEFAULT", Value: TreeMap defaults } ? defaults : new TreeMap();
        }

        foreach (TreeMapItem item in top.Items)
        {
            if (item.IsComment || item.Value is TreeComment)
            {
                continue;
            }

            string key = item.Key!;
            if (key.Length == 0 || key.Contains('=', StringComparison.Ordinal) || key.Contains('\0', StringComparison.Ordinal))
            {
                throw new CliException(ExitCodes.ErrorGeneric, $"{file}: cannot use key '{key.Replace("\0", "\\0", StringComparison.Ordinal)}' in the environment: a variable name must be non-empty and contain no '=' or NUL");
            }

            string value = item.Value switch
            {
                TreeScalar { Kind: ScalarKind.String } text => text.Text,
                TreeScalar scalar => ValToString(scalar),
                TreeMap => throw Complex(file, key, "a map"),
                _ => throw Complex(file, key, "a list"),
            };
            if (value.Contains('\0', StringComparison.Ordinal))
            {
                throw new CliException(ExitCodes.ErrorGeneric, $"{file}: the value of '{key}' contains a NUL character, which an environment variable cannot hold");
            }

            variables.Add(new KeyValuePair<string, string>(key, value));
        }

        return variables;
    }

    /// <summary>
    /// A non-string scalar exactly as the dotenv store writes it (the store owns sops's
    /// <c>ValToString</c>; its single-value API only takes strings, so a one-line document is
    /// written and its <c>v=</c> prefix and newline are cut).
    /// </summary>
    private static string ValToString(TreeScalar scalar)
    {
        byte[] line = SopsDocument.EmitPlain(new TreeDocument(new TreeMap().Add("v", scalar)), DocumentFormat.Dotenv, new EmitOptions(null));
        return Encoding.UTF8.GetString(line.AsSpan(2, line.Length - 3));
    }

    private static CliException Complex(string file, string key, string kind) =>
        new(ExitCodes.ErrorGeneric, $"{file}: cannot use complex value in environment: '{key}' holds {kind}; exec-env uses only top-level scalars (try exec-file, or decrypt --extract)");
}
