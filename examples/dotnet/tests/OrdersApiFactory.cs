using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace OrdersApi.Tests;

/// <summary>
/// The sample app in TestHost, with its content root (where it finds secrets.enc.yaml and
/// appsettings.json) set to a test folder, and its logs captured after redaction.
/// </summary>
internal sealed class OrdersApiFactory(string contentRoot) : WebApplicationFactory<Program>
{
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(contentRoot);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}
