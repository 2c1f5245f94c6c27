using System.Text;
using Crypt.Crypto.Age;
using Crypt.Crypto.KeySources;
using Crypt.Formats.Stores;
using Microsoft.Extensions.Configuration;

namespace Crypt.Extensions.Configuration.Tests;

public sealed class SopsConfigurationProviderTests : IDisposable
{
    private const string Sentinel = "s3ntinel-Pa55-9f1c";
    private readonly SecretFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, string> Writers() => new()
    {
        { "crypt", "yaml" }, { "crypt", "json" }, { "crypt", "env" }, { "crypt", "ini" },
        { "sops", "yaml" }, { "sops", "json" }, { "sops", "env" }, { "sops", "ini" },
    };

    [Theory]
    [MemberData(nameof(Writers))]
    public async Task Reads_nested_keys_as_sections_from_a_file_either_writer_encrypted(string writer, string format)
    {
        (string name, string plaintext) = format switch
        {
            "yaml" => ("app.enc.yaml", $"Db:\n  Password: {Sentinel}\n  Port: 5432\nHosts:\n  - a.internal\n  - b.internal\nDebug: true\n"),
            "json" => ("app.enc.json", $$"""{"Db": {"Password": "{{Sentinel}}", "Port": 5432}, "Hosts": ["a.internal", "b.internal"], "Debug": true}"""),
            "env" => ("app.enc.env", $"Db__Password={Sentinel}\nDb__Port=5432\nDebug=true\n"),
            _ => ("app.enc.ini", $"[Db]\nPassword = {Sentinel}\nPort = 5432\n"),
        };
        string path = await _folder.WriteAsync(name, plaintext, writer);
        Assert.DoesNotContain(Sentinel, await File.ReadAllTextAsync(path), StringComparison.Ordinal);

        IConfigurationRoot config = new ConfigurationBuilder()
            .AddSopsFile(s => { s.Path = path; s.Keys = _folder.Keys(); s.ResolveFileProvider(); })
            .Build();

        Assert.Equal(Sentinel, config["Db:Password"]);
        Assert.Equal(5432, config.GetValue<int>("Db:Port"));
        if (format is "yaml" or "json")
        {
            Assert.Equal("b.internal", config["Hosts:1"]);
            Assert.Equal(["a.internal", "b.internal"], config.GetSection("Hosts").Get<string[]>()!);
        }

        if (format != "ini")
        {
            Assert.True(config.GetValue<bool>("Debug"));
        }
    }

    [Fact]
    public async Task KeyPrefix_puts_every_key_under_the_section()
    {
        string path = await _folder.WriteAsync("prefix.enc.yaml", $"Db:\n  Password: {Sentinel}\n", "crypt");

        IConfigurationRoot config = new ConfigurationBuilder()
            .AddSopsFile(s => { s.Path = path; s.Keys = _folder.Keys(); s.KeyPrefix = "Secrets"; s.ResolveFileProvider(); })
            .Build();

        Assert.Equal(Sentinel, config["Secrets:Db:Password"]);
        Assert.Null(config["Db:Password"]);
    }

    [Fact]
    public async Task Format_overrides_the_file_name()
    {
        string path = await _folder.WriteAsync("named.enc.yaml", $"Token: {Sentinel}\n", "crypt");
        string renamed = Path.Combine(_folder.Root, "secrets.data");
        File.Move(path, renamed);

        IConfigurationRoot config = new ConfigurationBuilder()
            .AddSopsFile(s => { s.Path = renamed; s.Keys = _folder.Keys(); s.Format = DocumentFormat.Yaml; s.ResolveFileProvider(); })
            .Build();

        Assert.Equal(Sentinel, config["Token"]);
    }

    [Fact]
    public async Task A_file_named_as_binary_is_refused_naming_the_file()
    {
        string path = await _folder.WriteAsync("named.enc.yaml", $"Token: {Sentinel}\n", "crypt");
        string renamed = Path.Combine(_folder.Root, "secrets.data");
        File.Move(path, renamed);

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => new ConfigurationBuilder()
            .AddSopsFile(s => { s.Path = renamed; s.Keys = _folder.Keys(); s.ResolveFileProvider(); })
            .Build());

        Assert.Contains("secrets.data", e.Message, StringComparison.Ordinal);
        Assert.Contains("binary", e.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_optional_missing_file_gives_no_keys_and_a_required_one_fails()
    {
        string missing = Path.Combine(_folder.Root, "missing.enc.yaml");

        IConfigurationRoot config = new ConfigurationBuilder().AddSopsFile(missing, optional: true).Build();
        Assert.Empty(config.AsEnumerable());

        Assert.Throws<FileNotFoundException>(() => new ConfigurationBuilder().AddSopsFile(missing, optional: false).Build());
    }

    [Fact]
    public async Task A_value_that_does_not_decrypt_fails_naming_the_file_and_key_path_never_a_value()
    {
        string path = await _folder.WriteAsync("swap.enc.yaml", $"Db:\n  Password: {Sentinel}\n  User: orders-admin-user\n", "crypt");
        // Swap the two ciphertexts: each is bound to its own key path, so the first fails to decrypt.
        string[] lines = await File.ReadAllLinesAsync(path);
        int password = Array.FindIndex(lines, l => l.TrimStart().StartsWith("Password:", StringComparison.Ordinal));
        int user = Array.FindIndex(lines, l => l.TrimStart().StartsWith("User:", StringComparison.Ordinal));
        (string p, string u) = (lines[password].Split(": ", 2)[1], lines[user].Split(": ", 2)[1]);
        lines[password] = "    Password: " + u;
        lines[user] = "    User: " + p;
        await File.WriteAllLinesAsync(path, lines);

        Exception? seen = null;
        IConfigurationRoot config = new ConfigurationBuilder()
            .AddSopsFile(s =>
            {
                s.Path = path;
                s.Keys = _folder.Keys();
                s.ResolveFileProvider();
                s.OnLoadException = context =>
                {
                    seen = context.Exception;
                    context.Ignore = true;
                };
            })
            .Build();

        Assert.NotNull(seen);
        Assert.Null(config["Db:Password"]);
        string all = Describe(seen);
        Assert.Contains("swap.enc.yaml", all, StringComparison.Ordinal);
        Assert.Contains("Password", all, StringComparison.Ordinal);
        Assert.DoesNotContain(Sentinel, all, StringComparison.Ordinal);
        Assert.DoesNotContain("orders-admin-user", all, StringComparison.Ordinal);

        InvalidDataException unhandled = Assert.Throws<InvalidDataException>(() => new ConfigurationBuilder()
            .AddSopsFile(s => { s.Path = path; s.Keys = _folder.Keys(); s.ResolveFileProvider(); })
            .Build());
        Assert.Contains("swap.enc.yaml", unhandled.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_matching_key_the_failure_names_the_file_and_where_keys_were_looked_for()
    {
        string path = await _folder.WriteAsync("nokey.enc.json", $$"""{"Token": "{{Sentinel}}"}""", "crypt");

        InvalidDataException e = Assert.Throws<InvalidDataException>(() => new ConfigurationBuilder()
            .AddSopsFile(s => { s.Path = path; s.Keys = new SopsKeyOptions { DiscoverKeys = false }; s.ResolveFileProvider(); })
            .Build());

        string all = Describe(e);
        Assert.Contains("nokey.enc.json", all, StringComparison.Ordinal);
        Assert.DoesNotContain(Sentinel, all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_data_key_is_unwrapped_once_per_file_version()
    {
        string path = await _folder.WriteAsync("once.enc.yaml", $"Token: {Sentinel}\n", "crypt");
        CountingUnwrapper counter = new(new AgeIdentityUnwrapper(AgeKeyParser.ParseIdentityFile(await File.ReadAllTextAsync(_folder.KeyFile), "keys.txt")));
        SopsKeyOptions keys = new() { DiscoverKeys = false };
        keys.KeySources.Add(counter);

        IConfigurationRoot config = new ConfigurationBuilder()
            .AddSopsFile(s => { s.Path = path; s.Keys = keys; s.ResolveFileProvider(); })
            .Build();
        config.Reload();
        config.Reload();

        Assert.Equal(Sentinel, config["Token"]);
        Assert.Equal(1, counter.Calls);

        // A new version of the file (re-encrypted: a new data key) is unwrapped once more.
        await _folder.WriteAsync("once.enc.yaml", "Token: rotated\n", "crypt");
        config.Reload();
        config.Reload();

        Assert.Equal("rotated", config["Token"]);
        Assert.Equal(2, counter.Calls);
    }

    [Fact]
    public async Task Keys_default_to_the_process_environment_as_the_cli()
    {
        string path = await _folder.WriteAsync("env.enc.yaml", $"Token: {Sentinel}\n", "sops");
        string? before = Environment.GetEnvironmentVariable("SOPS_AGE_KEY_FILE");
        Environment.SetEnvironmentVariable("SOPS_AGE_KEY_FILE", _folder.KeyFile);
        try
        {
            IConfigurationRoot config = new ConfigurationBuilder().AddSopsFile(path).Build();

            Assert.Equal(Sentinel, config["Token"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SOPS_AGE_KEY_FILE", before);
        }
    }

    private static string Describe(Exception? e)
    {
        StringBuilder text = new();
        for (; e is not null; e = e.InnerException)
        {
            text.AppendLine(e.Message);
        }

        return text.ToString();
    }

    private sealed class CountingUnwrapper(IKeyUnwrapper inner) : IKeyUnwrapper
    {
        private int _calls;

        public int Calls => _calls;

        public string Type => inner.Type;

        public bool IsRemote => inner.IsRemote;

        public Task<byte[]> UnwrapAsync(MasterKeyEntry entry, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return inner.UnwrapAsync(entry, cancellationToken);
        }
    }
}
