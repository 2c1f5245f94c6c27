using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;
using Crypt.Crypto.Errors;

namespace Crypt.Crypto.Pgp;

/// <summary>
/// The gpg binary, driven the way sops drives it (sops pgp/keysource.go <c>encryptWithGnuPG</c>,
/// <c>decryptWithGnuPG</c>, <c>gpgExec</c>, <c>gpgBinary</c>): the same arguments, the data key
/// or the armored message on standard input, the result on standard output. gpg finds its
/// keyrings and its agent as the user has them (<c>GNUPGHOME</c>, <c>~/.gnupg</c>), so passphrase
/// prompts go through the agent's pinentry. Arguments are a list (no shell); the data key never
/// reaches a log or a message, and every buffer that held it is wiped.
/// sops first tries the Go OpenPGP library on the legacy <c>pubring.gpg</c>/<c>secring.gpg</c>
/// files GnuPG stopped writing in 2.1; Crypt goes to the binary directly, which is where sops
/// ends up with any current GnuPG.
/// </summary>
public sealed class GnuPg
{
    /// <summary>The environment variable naming the binary (sops <c>SopsGpgExecEnv</c>).</summary>
    public const string ExecutableVariable = "SOPS_GPG_EXEC";

    /// <summary>The binary used when <see cref="ExecutableVariable"/> is unset or empty.</summary>
    public const string DefaultExecutable = "gpg";

    // A data key is 32 bytes and a Shamir share 33; anything far beyond is not a sops key.
    private const int MaxSecretSize = 4096;

    /// <summary>
    /// Runs <paramref name="executable"/>, or <c>gpg</c> from PATH when it is null or empty;
    /// with <paramref name="homeDirectory"/>, gpg gets <c>--homedir</c> first (sops's
    /// <c>gnuPGHomeDir</c>); without, gpg finds its home itself (<c>GNUPGHOME</c>, <c>~/.gnupg</c>).
    /// </summary>
    public GnuPg(string? executable, string? homeDirectory = null)
    {
        Executable = string.IsNullOrEmpty(executable) ? DefaultExecutable : executable;
        HomeDirectory = string.IsNullOrEmpty(homeDirectory) ? null : homeDirectory;
    }

    /// <summary>The binary that is run.</summary>
    public string Executable { get; }

    /// <summary>The GnuPG home passed with <c>--homedir</c>, or null.</summary>
    public string? HomeDirectory { get; }

    /// <summary>
    /// Encrypts <paramref name="secret"/> to <paramref name="fingerprint"/> and returns the
    /// ASCII-armored message with surrounding white space trimmed, as sops stores it.
    /// </summary>
    /// <exception cref="GpgException">gpg cannot be run, fails, or prints nothing.</exception>
    public async Task<string> EncryptAsync(string fingerprint, ReadOnlyMemory<byte> secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);

        // --trusted-key with the long key id spares an untrusted (e.g. freshly imported) key the
        // "use this key anyway?" question, which gpg cannot ask without a terminal.
        string[] args = ["--no-default-recipient", "--yes", "--encrypt", "-a", "-r", fingerprint, "--trusted-key", ShortKeyId(fingerprint), "--no-encrypt-to"];
        using Process process = Start(fingerprint, args);
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await FeedAsync(process, secret, cancellationToken).ConfigureAwait(false);
        await WaitAsync(process, cancellationToken).ConfigureAwait(false);
        string armored = (await stdout.ConfigureAwait(false)).Trim();
        if (process.ExitCode != 0)
        {
            throw Failure(fingerprint, "gpg could not encrypt the data key", process.ExitCode, await stderr.ConfigureAwait(false));
        }

        return armored.Length > 0
            ? armored
            : throw new GpgException(fingerprint, "gpg printed no encrypted message");
    }

    /// <summary>Decrypts an armored message holding a data key (or share); the caller wipes the result.</summary>
    /// <exception cref="GpgException">gpg cannot be run, fails, or returns nothing.</exception>
    public async Task<byte[]> DecryptAsync(string fingerprint, string armored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        ArgumentNullException.ThrowIfNull(armored);
        using Process process = Start(fingerprint, ["-d"]);
        byte[] buffer = new byte[MaxSecretSize];
        try
        {
            Task<int> stdout = ReadSecretAsync(process.StandardOutput.BaseStream, buffer, cancellationToken);
            Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await FeedAsync(process, System.Text.Encoding.UTF8.GetBytes(armored), cancellationToken).ConfigureAwait(false);
            await WaitAsync(process, cancellationToken).ConfigureAwait(false);
            int length = await stdout.ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw Failure(fingerprint, "gpg could not decrypt the data key", process.ExitCode, await stderr.ConfigureAwait(false));
            }

            return length switch
            {
                // sops: an older gpg drops AEAD packets it cannot read and exits 0 with no output.
                0 => throw new GpgException(fingerprint, "gpg returned zero bytes (a gpg older than the one that encrypted may not read this message)"),
                < 0 => throw new GpgException(fingerprint, $"gpg returned more than {MaxSecretSize} bytes, which is no sops data key"),
                _ => buffer.AsSpan(0, length).ToArray(),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }

    /// <summary>sops <c>shortenFingerprint</c>: the last 16 hex digits (17 characters with a trailing '!').</summary>
    internal static string ShortKeyId(string fingerprint)
    {
        int offset = fingerprint.Length - 16;
        if (fingerprint.EndsWith('!'))
        {
            offset--;
        }

        return offset > 0 ? fingerprint[offset..] : fingerprint;
    }

    private Process Start(string fingerprint, string[] args)
    {
        ProcessStartInfo start = new(Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (HomeDirectory is not null)
        {
            start.ArgumentList.Add("--homedir");
            start.ArgumentList.Add(HomeDirectory);
        }

        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            return Process.Start(start) ?? throw new GpgException(fingerprint, $"could not start {Executable}");
        }
        catch (Win32Exception e)
        {
            string hint = Executable == DefaultExecutable ? "install GnuPG (gpg) or set " + ExecutableVariable : "check " + ExecutableVariable;
            throw new GpgException(fingerprint, $"cannot run '{Executable}' ({hint}): {new Win32Exception(e.NativeErrorCode).Message}", e);
        }
    }

    private static async Task FeedAsync(Process process, ReadOnlyMemory<byte> input, CancellationToken cancellationToken)
    {
        // The pipe stream writes straight to the file descriptor: no buffer keeps a copy.
        Stream stdin = process.StandardInput.BaseStream;
        try
        {
            await stdin.WriteAsync(input, cancellationToken).ConfigureAwait(false);
            await stdin.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // gpg exited before reading everything (e.g. no such public key): its exit code and
            // standard error say why.
        }
        finally
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // Closing a pipe gpg already closed: nothing left to report.
            }
        }
    }

    private static async Task WaitAsync(Process process, CancellationToken cancellationToken)
    {
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    // Reads standard output into buffer; returns its length, or -1 when it did not fit (the rest
    // is drained so gpg is never blocked on a full pipe, and wiped).
    private static async Task<int> ReadSecretAsync(Stream stdout, byte[] buffer, CancellationToken cancellationToken)
    {
        int length = 0;
        while (length < buffer.Length)
        {
            int read = await stdout.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return length;
            }

            length += read;
        }

        byte[] scratch = new byte[buffer.Length];
        try
        {
            int extra = 0;
            int read;
            while ((read = await stdout.ReadAsync(scratch, cancellationToken).ConfigureAwait(false)) > 0)
            {
                extra += read;
            }

            return extra == 0 ? length : -1;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scratch);
        }
    }

    // gpg's complaint as one line: its stderr lines joined, e.g.
    // "gpg: ABCD: skipped: No public key; gpg: [stdin]: encryption failed: No public key".
    private static GpgException Failure(string fingerprint, string what, int exitCode, string stderr)
    {
        string said = string.Join("; ", stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return new GpgException(fingerprint, said.Length > 0 ? $"{what}: {said}" : $"{what} (gpg exit code {exitCode})");
    }
}
