// What clients built from the same options share: validated settings, the restore gate and the retry pipeline.
using System;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace RestoreSdk;

internal sealed class ClientRuntime
{
    public static readonly ResiliencePropertyKey<RestoreAttempts> AttemptsKey = new ResiliencePropertyKey<RestoreAttempts>("RestoreSdk.Attempts");

    private ClientRuntime(ClientSettings settings)
    {
        Settings = settings;
        Gate = new RestoreGate(settings.MinimumWriteInterval, settings.MaxRetryDelay, settings.TimeProvider, settings.Logger);
        Pipeline = CreatePipeline(settings);
    }

    public ClientSettings Settings { get; }

    public RestoreGate Gate { get; }

    public ResiliencePipeline Pipeline { get; }

    /// <exception cref="ArgumentException">The options are unusable.</exception>
    public static ClientRuntime From(PackagesClientOptions options) => new ClientRuntime(ClientSettings.From(options));

    private static ResiliencePipeline CreatePipeline(ClientSettings settings)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = settings.TimeProvider };
        if (settings.MaxRetries == 0)
        {
            return builder.Build();
        }

        var rules = new RetryRules(settings.MaxRetryDelay);
        var random = new Random();
        return builder.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = settings.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromSeconds(1),
            MaxDelay = Min(settings.MaxRetryDelay + TimeSpan.FromSeconds(1), ClientSettings.MaxRetryDelayLimit),
            ShouldHandle = arguments => new ValueTask<bool>(rules.ShouldRetry(
                arguments.Outcome.Exception,
                AttemptsOf(arguments.Context),
                settings.TimeProvider.GetUtcNow(),
                arguments.Context.CancellationToken.IsCancellationRequested)),
            DelayGenerator = arguments =>
            {
                lock (random)
                {
                    return new ValueTask<TimeSpan?>(RetryRules.Delay(arguments.Outcome.Exception, AttemptsOf(arguments.Context), settings.TimeProvider.GetUtcNow(), random));
                }
            },
            OnRetry = arguments =>
            {
                var attempts = AttemptsOf(arguments.Context);
                RestoreLog.Retrying(settings.Logger, attempts.Request, arguments.RetryDelay, attempts.Count + 1);
                RestoreTelemetry.Retrying(attempts.Request, arguments.Outcome.Exception, arguments.RetryDelay, attempts.Count);
                return default;
            },
        }).Build();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static RestoreAttempts AttemptsOf(ResilienceContext context) => context.Properties.GetValue(AttemptsKey, null!);
}
