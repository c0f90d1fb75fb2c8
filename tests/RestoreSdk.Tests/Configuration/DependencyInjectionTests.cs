// Pins that AddPackagesClient registers a typed client from code or configuration, validates options at start, and uses the factory's pipeline.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task Registered_client_uses_the_configured_options_and_the_builders_handlers()
    {
        using var stub = new GitHubStub();
        var counter = new CountingHandler();
        var services = new ServiceCollection();
        services.AddPackagesClient(options =>
        {
            options.BaseAddress = stub.BaseAddress;
            options.Token = "ghp_from_di";
        }).AddHttpMessageHandler(() => counter);
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IPackagesClient>();
        await client.RestorePackageForOrgAsync("acme", OrgPackageType.Container, "acme/web");

        Assert.IsType<PackagesClient>(client);
        Assert.Equal(1, counter.Count);
        var request = stub.Single();
        Assert.Equal("/orgs/acme/packages/container/acme/web/restore", request.Path);
        Assert.Equal("Bearer ghp_from_di", Assert.Single(request.Headers!["Authorization"]));
    }

    [Fact]
    public async Task Write_spacing_spans_every_resolution_of_the_transient_typed_client()
    {
        using var stub = new GitHubStub();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(stub.Clock);
        services.AddPackagesClient(options =>
        {
            options.BaseAddress = stub.BaseAddress;
            options.MinimumWriteInterval = TimeSpan.FromSeconds(1);
        });
        using var provider = services.BuildServiceProvider();

        for (var i = 0; i < 3; i++)
        {
            await provider.GetRequiredService<IPackagesClient>().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, $"package-{i}");
        }

        Assert.NotSame(provider.GetRequiredService<IPackagesClient>(), provider.GetRequiredService<IPackagesClient>());
        Assert.Equal(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1) }, stub.Clock.Waits);
    }

    [Fact]
    public async Task Options_bind_from_a_configuration_section()
    {
        using var stub = new GitHubStub();
        stub.AnswerInOrder(new StubAnswer(503), new StubAnswer(204));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GitHub:Packages:BaseAddress"] = stub.BaseAddress.ToString(),
            ["GitHub:Packages:Token"] = "ghp_from_config",
            ["GitHub:Packages:ApiVersion"] = "2026-03-10",
            ["GitHub:Packages:MaxRetries"] = "0",
            ["GitHub:Packages:MinimumWriteInterval"] = "00:00:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddPackagesClient(configuration.GetSection("GitHub:Packages"));
        using var provider = services.BuildServiceProvider();

        await Assert.ThrowsAsync<GitHubApiException>(() => provider.GetRequiredService<IPackagesClient>().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        var request = stub.Single();
        Assert.Equal("Bearer ghp_from_config", Assert.Single(request.Headers!["Authorization"]));
        Assert.Equal("2026-03-10", Assert.Single(request.Headers["X-GitHub-Api-Version"]));
    }

    [Fact]
    public async Task Invalid_configuration_fails_validation_at_start_listing_every_problem_without_the_token()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BaseAddress"] = "http://ghes.example.com/api/v3",
            ["Token"] = "ghp_config_secret",
            ["ApiVersion"] = "latest",
            ["UserAgent"] = " ",
        }).Build();
        var services = new ServiceCollection();
        services.AddPackagesClient(configuration);
        using var provider = services.BuildServiceProvider();

        var atStart = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        var atResolve = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IPackagesClient>());

        foreach (var error in new[] { atStart, atResolve })
        {
            Assert.Equal(3, error.Failures.Count());
            Assert.Contains(error.Failures, failure => failure.Contains("unencrypted") && failure.Contains("AllowTokenOverPlainHttp"));
            Assert.Contains(error.Failures, failure => failure.Contains("YYYY-MM-DD"));
            Assert.Contains(error.Failures, failure => failure.Contains("UserAgent"));
            Assert.DoesNotContain("ghp_config_secret", error.Message);
        }
    }

    [Fact]
    public async Task Valid_options_pass_validation_at_start()
    {
        var services = new ServiceCollection();
        services.AddPackagesClient(options => options.BaseAddress = new Uri("https://ghes.example.com/api/v3"));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.IsType<PackagesClient>(provider.GetRequiredService<IPackagesClient>());
    }

    [Fact]
    public async Task A_clock_and_logger_factory_set_in_the_options_win_over_those_registered()
    {
        using var stub = new GitHubStub();
        var registeredClock = new InstantTimeProvider();
        var registeredLogs = new CapturingLoggerProvider();
        var optionLogs = new CapturingLoggerProvider();
        using var optionLoggerFactory = LoggerFactory.Create(builder => builder.AddProvider(optionLogs));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(registeredClock);
        services.AddLogging(builder => builder.AddProvider(registeredLogs));
        services.AddPackagesClient(options =>
        {
            options.BaseAddress = stub.BaseAddress;
            options.TimeProvider = stub.Clock;
            options.LoggerFactory = optionLoggerFactory;
        });
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IPackagesClient>().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "first");
        await provider.GetRequiredService<IPackagesClient>().RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "second");

        Assert.Equal(new[] { TimeSpan.FromSeconds(1) }, stub.Clock.Waits);
        Assert.Empty(registeredClock.Waits);
        Assert.Contains(optionLogs.Logs, log => log.Category == "RestoreSdk.PackagesClient" && log.EventName == "Restored");
        Assert.DoesNotContain(registeredLogs.Logs, log => log.Category == "RestoreSdk.PackagesClient");
    }

    [Fact]
    public void The_apps_other_http_clients_keep_their_redirect_setting()
    {
        var othersHandler = new HttpClientHandler();
        var services = new ServiceCollection();
        services.AddHttpClient("other").ConfigurePrimaryHttpMessageHandler(() => othersHandler);
        services.AddPackagesClient(options => options.BaseAddress = new Uri("https://ghes.example.com/api/v3"));
        using var provider = services.BuildServiceProvider();

        using var other = provider.GetRequiredService<IHttpClientFactory>().CreateClient("other");

        Assert.True(othersHandler.AllowAutoRedirect);
    }

    [Fact]
    public void Registering_twice_adds_the_clients_handler_guard_once()
    {
        var services = new ServiceCollection();

        services.AddPackagesClient(options => options.Token = "ghp_first");
        var filtersAfterOne = services.Count(service => service.ServiceType == typeof(IHttpMessageHandlerBuilderFilter));
        services.AddPackagesClient(options => options.Token = "ghp_second");

        Assert.Equal(filtersAfterOne, services.Count(service => service.ServiceType == typeof(IHttpMessageHandlerBuilderFilter)));
    }

    [Fact]
    public void The_registered_validator_reports_valid_options_as_succeeded_and_invalid_ones_with_each_problem()
    {
        var services = new ServiceCollection();
        services.AddPackagesClient(options => { });
        using var provider = services.BuildServiceProvider();
        var validator = Assert.Single(provider.GetServices<IValidateOptions<PackagesClientOptions>>());

        var valid = validator.Validate(Options.DefaultName, new PackagesClientOptions());
        var invalid = validator.Validate(Options.DefaultName, new PackagesClientOptions { MaxRetries = -1, WritesPerHour = -1 });

        Assert.True(valid.Succeeded);
        Assert.False(valid.Failed);
        Assert.True(invalid.Failed);
        Assert.Equal(2, invalid.Failures!.Count());
    }

    [Fact]
    public void Null_arguments_are_rejected()
    {
        var services = new ServiceCollection();

        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => PackagesServiceCollectionExtensions.AddPackagesClient(null!, _ => { })).ParamName);
        Assert.Equal("configure", Assert.Throws<ArgumentNullException>(() => services.AddPackagesClient((Action<PackagesClientOptions>)null!)).ParamName);
        Assert.Equal("configuration", Assert.Throws<ArgumentNullException>(() => services.AddPackagesClient((IConfiguration)null!)).ParamName);
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        private int _count;

        public int Count => _count;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
