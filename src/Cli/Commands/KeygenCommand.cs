using System.CommandLine;
using System.Text;
using Crypt.Crypto.Age;

namespace Crypt.Cli.Commands;

/// <summary>
/// <c>crypt keygen [--pq] [-o FILE] [--force]</c> and <c>crypt keygen -y [FILE]</c>: age-keygen's
/// behaviour (FiloSottile/age v1.3.1 cmd/age-keygen): a new X25519 (or, with <c>--pq</c>,
/// ML-KEM-768 + X25519 hybrid) identity file, mode 0600, the public key echoed to stderr when
/// the output is not a terminal; or the recipients of an identity file.
/// </summary>
internal static class KeygenCommand
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static Command Create()
    {
        Option<string?> output = new("--output", "-o") { Description = "Write the result to FILE instead of standard output." };
        Option<bool> force = new("--force") { Description = "Overwrite FILE if it exists (age-keygen never does)." };
        Option<bool> pq = new("--pq", "-pq") { Description = "Generate a post-quantum hybrid (ML-KEM-768 + X25519) identity, like age-keygen -pq." };
        Option<bool> convert = new("-y") { Description = "Print the recipient of each identity in INPUT (or standard input), one per line." };
        Argument<string?> input = new("INPUT") { Description = "Identity file for -y; '-' or absent means standard input.", Arity = ArgumentArity.ZeroOrOne };
        Command command = new("keygen", """
            Generate an age identity, like age-keygen: X25519, or with --pq a post-quantum hybrid
            (ML-KEM-768 + X25519). Writes the identity file (0600, its folder created) and prints
            "Public key: age1..." on standard error; -y prints an identity file's recipients.

            Example:
              crypt keygen -o ~/.config/sops/age/keys.txt
              crypt keygen --pq -o pq-keys.txt
              crypt keygen -y ~/.config/sops/age/keys.txt
            """) { output, force, pq, convert, input };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(pq),
            parseResult.GetValue(output),
            parseResult.GetValue(force),
            parseResult.GetValue(convert),
            parseResult.GetValue(input)));
        return command;
    }

    private static int Run(bool pq, string? output, bool force, bool convert, string? input)
    {
        try
        {
            if (pq && convert)
            {
                return Fail("--pq cannot be used with -y");
            }

            if (!convert && input is not null)
            {
                return Fail("too many arguments (INPUT is only read with -y)");
            }

            string recipient = string.Empty;
            string text = convert ? Recipients(input) : NewIdentity(pq, out recipient);
            if (output is null)
            {
                if (!convert && Console.IsOutputRedirected)
                {
                    Console.Error.WriteLine($"Public key: {recipient}");
                }

                Console.Out.Write(text);
                return 0;
            }

            if (!WriteOwnerOnly(output, text, force))
            {
                return Fail($"{output} already exists; use --force to overwrite it");
            }

            if (!convert)
            {
                Console.Error.WriteLine($"Public key: {recipient}");
            }

            return 0;
        }
        catch (AgeException e)
        {
            return Fail(e.Message);
        }
        catch (IOException e)
        {
            return Fail(e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail(e.Message);
        }
    }

    private static string NewIdentity(bool pq, out string recipient)
    {
        if (pq)
        {
            using HybridIdentity hybrid = HybridIdentity.Generate();
            recipient = hybrid.Recipient.ToString();
            return AgeIdentityFileWriter.Format(hybrid, DateTimeOffset.Now);
        }

        using X25519Identity identity = X25519Identity.Generate();
        recipient = identity.Recipient.ToString();
        return AgeIdentityFileWriter.Format(identity, DateTimeOffset.Now);
    }

    private static string Recipients(string? input)
    {
        string text = input is null or "-" ? Console.In.ReadToEnd() : File.ReadAllText(input);
        IReadOnlyList<IAgeIdentity> identities = AgeKeyParser.ParseIdentityFile(text, input is null or "-" ? "standard input" : input);
        StringBuilder recipients = new();
        foreach (IAgeIdentity identity in identities)
        {
            switch (identity)
            {
                case X25519Identity x25519:
                    recipients.Append(x25519.Recipient).Append('\n');
                    break;
                case HybridIdentity hybrid:
                    recipients.Append(hybrid.Recipient).Append('\n');
                    break;
            }

            (identity as IDisposable)?.Dispose();
        }

        return recipients.ToString();
    }

    // The secret never touches a file others can read: created 0600, and an overwritten file
    // is narrowed to 0600 before the key is written.
    // Returns false when the file exists and may not be overwritten (checked atomically by CreateNew).
    private static bool WriteOwnerOnly(string path, string text, bool force)
    {
        if (!force && (File.Exists(path) || Directory.Exists(path)))
        {
            return false;
        }

        // ~/.config/sops/age does not exist on a fresh account: make it, private (as age-keygen
        // users do by hand with mkdir -p; the README's first step depends on it).
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder && !Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        FileStreamOptions options = new() { Mode = force ? FileMode.Create : FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        using FileStream file = new(path, options);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file.SafeFileHandle, OwnerOnly);
        }

        file.Write(Encoding.ASCII.GetBytes(text));
        return true;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"crypt keygen: error: {message}");
        return 1;
    }
}
