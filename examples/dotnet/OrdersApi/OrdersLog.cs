using Microsoft.Extensions.Logging;

namespace OrdersApi;

/// <summary>
/// Source-generated log messages. [LogProperties] logs every property of the options as its
/// own tag; with redaction enabled the [SopsSecret] ones go through the redactor registered for
/// SopsDataClassifications.Secret (Program.cs) and come out erased.
/// </summary>
internal static partial class OrdersLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Orders options loaded")]
    public static partial void OptionsLoaded(ILogger logger, [LogProperties] OrdersOptions options);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Orders options reloaded after secrets.enc.yaml changed")]
    public static partial void OptionsReloaded(ILogger logger, [LogProperties] OrdersOptions options);
}
