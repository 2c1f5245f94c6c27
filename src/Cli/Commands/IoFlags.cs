using System.CommandLine;

namespace Crypt.Cli.Commands;

/// <summary>The input/output flags shared by encrypt, decrypt and rotate.</summary>
internal sealed class IoFlags
{
    public Argument<string?> File { get; } = new("file") { Description = "The file; '-' or nothing reads standard input.", Arity = ArgumentArity.ZeroOrOne };

    public Option<bool> InPlace { get; } = new("--in-place", "-i") { Description = "Write the result back to the file (atomically)." };

    public Option<string?> Output { get; } = new("--output") { Description = "Write the result to this file (atomically) instead of standard output." };

    public Option<string?> InputType { get; } = new("--input-type") { Description = "yaml, json, dotenv or binary (default: by file extension)." };

    public Option<string?> OutputType { get; } = new("--output-type") { Description = "yaml, json, dotenv or binary (default: by file extension)." };

    public Option<string?> FilenameOverride { get; } = new("--filename-override") { Description = "The file name to use for format detection and creation rules (needed with standard input)." };

    public void AddTo(Command command)
    {
        command.Arguments.Add(File);
        command.Options.Add(InPlace);
        command.Options.Add(Output);
        command.Options.Add(InputType);
        command.Options.Add(OutputType);
        command.Options.Add(FilenameOverride);
    }
}
