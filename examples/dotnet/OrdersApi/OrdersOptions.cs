using System.ComponentModel.DataAnnotations;
using Crypt.Extensions.Configuration;

namespace OrdersApi;

/// <summary>
/// The "Orders" section: the two secrets come from secrets.enc.yaml, the endpoint from
/// appsettings.json. [Required] plus ValidateOnStart makes a missing secret stop the app at
/// start-up, naming the key, instead of failing on the first request.
/// </summary>
public sealed class OrdersOptions
{
    public const string Section = "Orders";

    /// <summary>Database connection string (secret).</summary>
    [Required]
    [SopsSecret]
    public string ConnectionString { get; set; } = "";

    /// <summary>Key for the payments API (secret).</summary>
    [Required]
    [SopsSecret]
    public string PaymentsApiKey { get; set; } = "";

    /// <summary>Where the payments API lives (not a secret: appsettings.json).</summary>
    [Required]
    [Url]
    public string PaymentsUrl { get; set; } = "";
}
