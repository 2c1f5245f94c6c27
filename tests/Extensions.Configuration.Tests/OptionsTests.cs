using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Crypt.Extensions.Configuration.Tests;

public sealed class OptionsTests : IDisposable
{
    private readonly SecretFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ValidateOnStart_fails_on_a_missing_secret_with_a_message_naming_the_key()
    {
        string path = await _folder.WriteAsync("partial.enc.json", """{"Service": {"ConnectionString": "Host=db;Password=x1"}}""", "sops");
        IConfigurationRoot config = new ConfigurationBuilder()
            .AddSopsFile(s => { s.Path = path; s.Keys = _folder.Keys(); s.ResolveFileProvider(); })
            .Build();
        ServiceCollection services = new();
        services.AddOptions<ServiceSecrets>().Bind(config.GetSection("Service")).ValidateDataAnnotations().ValidateOnStart();
        using ServiceProvider provider = services.BuildServiceProvider();

        OptionsValidationException e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(nameof(ServiceSecrets.ApiKey), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bound_options_monitor_sees_the_new_value_after_the_file_is_re_encrypted()
    {
        string path = await _folder.WriteAsync("live.enc.yaml", "Service:\n  ConnectionString: Host=db;Password=first\n  ApiKey: key-one\n", "crypt");
        // Polling: inotify watches can run out on a busy CI machine; the change token is the same.
        using PhysicalFileProvider files = new(_folder.Root) { UsePollingFileWatcher = true, UseActivePolling = true };
        IConfigurationRoot config = new ConfigurationBuilder()
            .AddSopsFile(s =>
            {
                s.FileProvider = files;
                s.Path = "live.enc.yaml";
                s.ReloadOnChange = true;
                s.ReloadDelay = 50;
                s.Keys = _folder.Keys();
            })
            .Build();
        ServiceCollection services = new();
        services.AddOptions<ServiceSecrets>().Bind(config.GetSection("Service")).ValidateDataAnnotations();
        using ServiceProvider provider = services.BuildServiceProvider();
        IOptionsMonitor<ServiceSecrets> monitor = provider.GetRequiredService<IOptionsMonitor<ServiceSecrets>>();
        Assert.Equal("key-one", monitor.CurrentValue.ApiKey);

        TaskCompletionSource<string?> changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        using IDisposable? listening = monitor.OnChange(value =>
        {
            if (value.ApiKey == "key-two")
            {
                changed.TrySetResult(value.ApiKey);
            }
        });
        await SopsFile.EditAsync(path, tree => ((Formats.Tree.TreeMap)((Formats.Tree.TreeMap)tree.Branches[0]).Get("Service")!).Items[1] =
            new Formats.Tree.TreeMapItem("ApiKey", Formats.Tree.TreeScalar.String("key-two")), _folder.Keys());

        Assert.Equal("key-two", await changed.Task.WaitAsync(TimeSpan.FromMinutes(2)));
        Assert.Equal("key-two", monitor.CurrentValue.ApiKey);
        Assert.Equal("Host=db;Password=first", monitor.CurrentValue.ConnectionString);
    }

    internal sealed class ServiceSecrets
    {
        [Required]
        public string? ConnectionString { get; set; }

        [Required]
        public string? ApiKey { get; set; }
    }
}
