using System.CommandLine;
using Crypt.Cli.Files;
using Crypt.Formats;

namespace Crypt.Cli.Commands;

/// <summary><c>crypt filestatus</c>: print <c>{"encrypted":true}</c> or <c>false</c>, as sops does.</summary>
internal static class FilestatusCommand
{
    public static Command Create()
    {
        Argument<string> file = new("file") { Description = "The file to inspect." };
        Option<string?> inputType = new("--input-type") { Description = "yaml, json, dotenv or binary (default: by file extension)." };
        Command command = new("filestatus", """
            Tell whether a file is encrypted (has sops metadata with a version and a MAC).

            Example:
              crypt filestatus secrets.enc.yaml     # {"encrypted":true}
            """);
        command.Arguments.Add(file);
        command.Options.Add(inputType);
        command.SetAction(parsed =>
        {
            CommandInput input = CommandInput.Read(parsed.GetValue(file), null, ExitCodes.ErrorGeneric);
            bool encrypted = input.Locate(() => SopsDocument.IsEncrypted(input.Content, input.Format(parsed.GetValue(inputType))));
            Console.Out.WriteLine(encrypted ? "{\"encrypted\":true}" : "{\"encrypted\":false}");
            return ExitCodes.Success;
        });
        return command;
    }
}
