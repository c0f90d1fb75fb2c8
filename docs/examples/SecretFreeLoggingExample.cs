// The README's "Logging and secrets" snippet: drops IHttpClientFactory's loggers, whose failure events carry .NET's original exception.
#region snippet:secret-free-logging
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RestoreSdk;
#endregion

namespace RestoreSdk.Examples;

internal static class SecretFreeLoggingExample
{
    public static IHost Build(string[] args)
    {
        #region snippet:secret-free-logging
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddPackagesClient(builder.Configuration.GetSection("GitHub:Packages"))
            .RemoveAllLoggers(); // the client's own log (RestoreSdk.PackagesClient) still covers every attempt
        #endregion
        return builder.Build();
    }
}
