using Crypt.Extensions.Configuration;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.Options;
using OrdersApi;

var builder = WebApplication.CreateBuilder(args);

// 1. Decrypt secrets.enc.yaml (beside the app, in its content root) into configuration. Keys are
//    found as the crypt CLI finds them: SOPS_AGE_KEY, SOPS_AGE_KEY_FILE, ~/.config/sops/age/keys.txt,
//    SSH keys, cloud credentials. reloadOnChange: a re-encrypted file is decrypted again.
builder.Configuration.AddSopsFile("secrets.enc.yaml", optional: false, reloadOnChange: true);

// 2. Bind and 3. validate at start-up: a missing secret stops the app with the key's name.
builder.Services.AddOptions<OrdersOptions>()
    .BindConfiguration(OrdersOptions.Section)
    .ValidateDataAnnotations()
    .ValidateOnStart();

// Secrets stay out of logs: values classified [SopsSecret] are erased by the logging pipeline.
builder.Logging.EnableRedaction();
builder.Services.AddRedaction(redaction =>
    redaction.SetRedactor<ErasingRedactor>(new DataClassificationSet(SopsDataClassifications.Secret)));

var app = builder.Build();

// Logged once the options passed validation (ValidateOnStart runs as the host starts).
// IOptionsMonitor follows the configuration: after a rotation, CurrentValue is the new secret.
app.Lifetime.ApplicationStarted.Register(() =>
{
    var monitor = app.Services.GetRequiredService<IOptionsMonitor<OrdersOptions>>();
    var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OrdersApi");
    OrdersLog.OptionsLoaded(logger, monitor.CurrentValue);
    monitor.OnChange(options => OrdersLog.OptionsReloaded(logger, options));
});

app.MapGet("/", () => "orders api");

// Which secrets the app holds right now, as fingerprints (never the values).
app.MapGet("/secrets/fingerprints", (IOptionsMonitor<OrdersOptions> options) => new
{
    connectionString = Fingerprint.Of(options.CurrentValue.ConnectionString),
    paymentsApiKey = Fingerprint.Of(options.CurrentValue.PaymentsApiKey),
    paymentsUrl = options.CurrentValue.PaymentsUrl,
});

app.Run();

/// <summary>The entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;
