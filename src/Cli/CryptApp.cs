using System.CommandLine;
using Crypt.Cli.Commands;

namespace Crypt.Cli;

/// <summary>Builds the root command and runs it; the one place that turns exceptions into exit codes.</summary>
internal static class CryptApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        RootCommand root = new("Crypt: keep secrets in git. Encrypts the values of YAML, JSON and .env files, compatible with SOPS 3.x.");
        foreach (Command command in Commands())
        {
            root.Subcommands.Add(command);
        }

        return await root.Parse(args).InvokeAsync();
    }

    private static IEnumerable<Command> Commands()
    {
        yield return VersionInfoCommand.Create();
        yield return KeygenCommand.Create();
    }
}
