using System.Diagnostics;
using System.Text;

namespace Crypt.Cli.Tests.Age;

/// <summary>The output (terminal and standard error) and exit code of a run on a pseudo-terminal.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed record TerminalRun(int ExitCode, string Output)
{
    // util-linux script(1) runs the command on a new pseudo-terminal and forwards our standard
    // input to it, so the passphrase is typed at the prompt; -e returns the command's exit code.
    public static TerminalRun Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, string typed, string program, params string[] args)
    {
        ProcessStartInfo start = new("script")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string command = string.Join(' ', new[] { program }.Concat(args).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        foreach (string arg in (string[])["-qec", command, "/dev/null"])
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Clear();
        foreach ((string key, string value) in environment)
        {
            start.Environment[key] = value;
        }

        using Process process = Process.Start(start) ?? throw new Xunit.Sdk.XunitException("could not start script (util-linux)");
        StringBuilder output = new();
        Task stdout = Task.Run(() =>
        {
            char[] buffer = new char[256];
            int read;
            while ((read = process.StandardOutput.Read(buffer, 0, buffer.Length)) > 0)
            {
                lock (output)
                {
                    output.Append(buffer, 0, read);
                }
            }
        });
        Task<string> stderr = process.StandardError.ReadToEndAsync();

        // Type only once the prompt is on the terminal, so echo is already off.
        Stopwatch waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(30) && !process.HasExited)
        {
            lock (output)
            {
                if (output.ToString().Contains("passphrase", StringComparison.OrdinalIgnoreCase))
                {
                    break;
                }
            }

            Thread.Sleep(50);
        }

        Thread.Sleep(200);
        process.StandardInput.Write(typed);
        process.StandardInput.Flush();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException("script timed out");
        }

        process.StandardInput.Close();
        stdout.Wait();
        return new TerminalRun(process.ExitCode, output + stderr.Result);
    }
}
