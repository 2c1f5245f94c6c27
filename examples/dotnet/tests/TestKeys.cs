namespace OrdersApi.Tests;

/// <summary>
/// One age identity for the whole test run, made by `crypt keygen`, and found by the provider
/// the way the CLI finds it: SOPS_AGE_KEY_FILE in the process environment (set once, before
/// the first host or configuration is built).
/// </summary>
internal static class TestKeys
{
    private static readonly Lazy<string> s_recipient = new(Create);

    public static string Recipient => s_recipient.Value;

    private static string Create()
    {
        var folder = Directory.CreateTempSubdirectory("crypt-consumer-keys-").FullName;
        var keyFile = Path.Combine(folder, "keys.txt");
        CryptTool.Run(folder, "keygen", "-o", keyFile);
        Environment.SetEnvironmentVariable("SOPS_AGE_KEY_FILE", keyFile);
        return CryptTool.Run(folder, "keygen", "-y", keyFile).Trim();
    }
}
