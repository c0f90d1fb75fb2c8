// The README's "Telemetry" snippet: exporting RestoreSdk's activities and metrics with OpenTelemetry.
#region snippet:telemetry
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using RestoreSdk;
#endregion

namespace RestoreSdk.Examples;

internal static class TelemetryExample
{
    public static async Task RestoreAsync()
    {
        #region snippet:telemetry
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource("RestoreSdk")
            .AddConsoleExporter()
            .Build();
        using var metrics = Sdk.CreateMeterProviderBuilder()
            .AddMeter("RestoreSdk")
            .AddConsoleExporter()
            .Build();

        var client = new PackagesClient(new PackagesClientOptions { Token = Environment.GetEnvironmentVariable("GITHUB_TOKEN") });
        await client.RestorePackageForOrgAsync("acme", OrgPackageType.Container, "acme/web");
        #endregion
    }
}
