using System.CommandLine;

namespace Crypt.Cli.Commands;

/// <summary><c>crypt version-info</c>: the SOPS version Crypt writes into files.</summary>
internal static class VersionInfoCommand
{
    public static Command Create()
    {
        Command command = new("version-info", """
            Print the SOPS format version Crypt writes into the files it encrypts (the `version`
            field of the sops metadata); `crypt --version` prints Crypt's own version.

            Example:
              crypt version-info
            """);
        command.SetAction(_ =>
        {
            Console.Out.WriteLine("3.13.2");
            return 0;
        });
        return command;
    }
}
