using System.Diagnostics;
using Crypt.Tests;

namespace Crypt.Cli.Tests.EncryptDecrypt;

/// <summary>
/// The shipped examples/ (README's first command decrypts them) keep decrypting with the demo
/// key to the plaintexts they were made from, and their scripts stay valid.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ExampleFilesTests : IDisposable
{
    private const string SecretsYaml = """
        # Secrets of the demo "orders" service. All values are FAKE.
        # Flat on purpose: exec-env and `decrypt --output-type dotenv` take top-level values only.
        DATABASE_URL: postgres://orders:demo-Pa55-not-real@db.internal:5432/orders
        DB_PASSWORD: demo-Pa55-not-real
        PAYMENTS_API_TOKEN: demo-token-3f9a1c7e5b2d4a60
        JWT_SIGNING_KEY: demo-jwt-key-6b1f0e9d2c8a7b5e4d3c2b1a
        SMTP_PORT: 587
        FEATURE_NEW_CHECKOUT: true

        """;

    private const string AppSettingsJson = """
        {
        	"ConnectionStrings": {
        		"Orders": "Server=db.internal;Database=orders;User Id=orders;Password=demo-Pa55-not-real;"
        	},
        	"Payments": {
        		"BaseUrl": "https://payments.example.test/v2",
        		"ApiKey": "demo-api-key-91c2d7e4",
        		"TimeoutSeconds": 30
        	},
        	"Auth": {
        		"Authority": "https://login.example.test",
        		"ClientId": "orders-service",
        		"ClientSecret": "demo-client-secret-5a7e"
        	}
        }

        """;

    private const string AppEnv = """
        # docker --env-file style, all values FAKE
        REDIS_URL=redis://:demo-redis-pass@cache.internal:6379/0
        S3_ACCESS_KEY_ID=DEMOACCESSKEYID0000
        S3_SECRET_ACCESS_KEY=demo-s3-secret-not-real
        SENTRY_DSN=https://demo-public-key@sentry.example.test/42

        """;

    private static readonly string s_examples = Path.Combine(SharedPaths.RepoRoot, "examples");

    private readonly Workspace _ws = new();
    private readonly string _demoKey;

    public ExampleFilesTests()
    {
        // A 0600 copy: git checks the demo key out 0644, which would add a warning to stderr.
        _demoKey = _ws.Write("demo-key.txt", File.ReadAllText(Path.Combine(s_examples, "demo-age-key.txt")));
        File.SetUnixFileMode(_demoKey, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public void Dispose() => _ws.Dispose();

    public static TheoryData<string, string> Examples() => new()
    {
        { "secrets.enc.yaml", SecretsYaml },
        { "appsettings.secrets.enc.json", AppSettingsJson },
        { "app.enc.env", AppEnv },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_example_decrypts_with_the_demo_key_to_its_plaintext(string file, string plaintext)
    {
        CryptResult result = DemoRun("decrypt", Path.Combine(s_examples, file));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Equal(plaintext, result.StdoutText);
    }

    [Fact]
    public void The_demo_key_says_demo_only_and_is_the_recipient_of_every_example_and_rule()
    {
        string key = File.ReadAllText(Path.Combine(s_examples, "demo-age-key.txt"));
        string recipient = key.Split('\n').Single(l => l.StartsWith("# public key: ", StringComparison.Ordinal))["# public key: ".Length..];

        Assert.StartsWith("# DEMO ONLY — never use this key for real secrets", key, StringComparison.Ordinal);
        Assert.Equal(recipient + "\n", DemoRun("keygen", "-y", _demoKey).StdoutText);
        foreach (string file in new[] { "secrets.enc.yaml", "appsettings.secrets.enc.json", "app.enc.env", ".sopsrc" })
        {
            Assert.Contains(recipient, File.ReadAllText(Path.Combine(s_examples, file)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_appsettings_example_keeps_non_secret_settings_readable()
    {
        string text = File.ReadAllText(Path.Combine(s_examples, "appsettings.secrets.enc.json"));

        Assert.Contains("\"BaseUrl\": \"https://payments.example.test/v2\"", text, StringComparison.Ordinal);
        Assert.Contains("\"ApiKey\": \"ENC[AES256_GCM,", text, StringComparison.Ordinal);
        Assert.Contains("\"ClientSecret\": \"ENC[AES256_GCM,", text, StringComparison.Ordinal);
        Assert.DoesNotContain("demo-Pa55-not-real", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_examples_sopsrc_encrypts_a_new_file_for_the_demo_key_and_it_decrypts_back()
    {
        _ws.Write("db.yaml", "password: demo-new-secret\n");
        string config = Path.Combine(s_examples, ".sopsrc");

        CryptResult encrypted = _ws.Run("--config", config, "encrypt", "--output", "db.enc.yaml", "db.yaml");
        CryptResult decrypted = DemoRun("decrypt", _ws.Path("db.enc.yaml"));

        Assert.True(encrypted.ExitCode == 0, encrypted.ToString());
        Assert.Equal((0, "password: demo-new-secret\n"), (decrypted.ExitCode, decrypted.StdoutText));
    }

    [Fact]
    public void The_flat_secrets_example_feeds_exec_env_and_a_dotenv_file()
    {
        string file = Path.Combine(s_examples, "secrets.enc.yaml");

        CryptResult env = DemoRun("exec-env", file, "printf '%s %s' \"$DB_PASSWORD\" \"$SMTP_PORT\"");
        CryptResult dotenv = DemoRun("decrypt", "--output-type", "dotenv", file);

        Assert.Equal((0, "demo-Pa55-not-real 587"), (env.ExitCode, env.StdoutText));
        Assert.True(dotenv.ExitCode == 0, dotenv.ToString());
        Assert.Contains("FEATURE_NEW_CHECKOUT=true\n", dotenv.StdoutText, StringComparison.Ordinal);
    }

    [Fact]
    public void The_deploy_script_is_valid_bash()
    {
        using Process bash = Process.Start(new ProcessStartInfo("bash") { ArgumentList = { "-n", Path.Combine(s_examples, "deploy.sh") }, RedirectStandardError = true })!;
        string errors = bash.StandardError.ReadToEnd();
        bash.WaitForExit();

        Assert.True(bash.ExitCode == 0, errors);
    }

    private CryptResult DemoRun(params string[] args) =>
        _ws.RunWithEnvironment(new Dictionary<string, string> { ["SOPS_AGE_KEY_FILE"] = _demoKey }, args);
}
