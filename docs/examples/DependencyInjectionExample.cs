// The README's "Dependency injection" snippet: a generic host binds the options from configuration and validates them at start.
#region snippet:dependency-injection
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RestoreSdk;
#endregion

namespace RestoreSdk.Examples;

internal static class DependencyInjectionExample
{
    public static async Task RestoreAsync(string[] args)
    {
        #region snippet:dependency-injection
        var builder = Host.CreateApplicationBuilder(args);
        // Keys named after the options (BaseAddress, Token, ApiVersion, MaxRetries, ...), from appsettings.json,
        // environment variables (GitHub__Packages__Token) or any other configuration source.
        builder.Services.AddPackagesClient(builder.Configuration.GetSection("GitHub:Packages"));

        using var host = builder.Build();
        await host.StartAsync(); // validates the options: invalid ones throw OptionsValidationException here

        var client = host.Services.GetRequiredService<IPackagesClient>();
        await client.RestorePackageForOrgAsync("acme", OrgPackageType.Container, "acme/web");

        await host.StopAsync();
        #endregion
    }
}
