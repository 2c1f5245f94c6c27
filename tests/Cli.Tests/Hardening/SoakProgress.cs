using System.Globalization;

namespace Crypt.Cli.Tests.Hardening;

/// <summary>
/// Progress of a long run for whoever watches it: test output appears only when a test ends, and
/// a soak target runs for hours. <c>./build.sh soak</c> sets CRYPT_SOAK_PROGRESS to a file; each
/// line is appended there with the time (nothing happens when it is unset).
/// </summary>
internal static class SoakProgress
{
    private static readonly string? s_path = Environment.GetEnvironmentVariable("CRYPT_SOAK_PROGRESS");
    private static readonly Lock s_lock = new();

    public static bool Enabled => !string.IsNullOrEmpty(s_path);

    public static void Write(string line)
    {
        if (string.IsNullOrEmpty(s_path))
        {
            return;
        }

        lock (s_lock)
        {
            File.AppendAllText(s_path, $"{DateTime.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {line}\n");
        }
    }
}
