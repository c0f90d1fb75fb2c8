// What clients built from the same options share: validated settings, the restore gate and the retry pipeline.
using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace RestoreSdk;

internal sealed class ClientRuntime
{

    // Built when an attempt first fails: a call whose first attempt succeeds never needs it, nor the start-up cost of building it
    // (a plain field, not Lazy<ResiliencePipeline>, so not even Polly's assembly loads until then).
    private ResiliencePipeline? _retries;

    private ClientRuntime(ClientSettings settings)
    {
        Settings = settings;
        var budget = new WriteBudget(settings.WritesPerHour, settings.WritesPerMinute, settings.PreviousWriteTimes, settings.TimeProvider.GetUtcNow());
        Gate = new RestoreGate(settings.MinimumWriteInterval, settings.MaxRetryDelay, settings.TimeProvider, settings.Logger, budget);
        AttemptGuard = new AttemptGuard(settings.AttemptTimeout);
    }

    public ClientSettings Settings { get; }

    public RestoreGate Gate { get; }

    public AttemptGuard AttemptGuard { get; }

    /// <summary>Whether a failed first attempt goes on to <see cref="RetryAfterFirstFailureAsync"/>.</summary>
    public bool Retries => Settings.MaxRetries > 0;

    /// <summary>
    /// Continues a call whose first attempt (run outside Polly) failed with <paramref name="firstFailure"/>: the retry pipeline
    /// is handed that outcome as its own first attempt, so it judges, waits and retries exactly as if it had run it.
    /// </summary>
    public async Task RetryAfterFirstFailureAsync(Exception firstFailure, RestoreAttempts attempts, Func<RestoreAttempts, CancellationToken, Task> attempt, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Keys.Attempts, attempts);
        try
        {
            var replay = new Replay(ExceptionDispatchInfo.Capture(firstFailure), attempts, attempt);
            var retries = RetryPipeline();
            await retries.ExecuteAsync(static (pipelineContext, state) => state.RunAsync(pipelineContext.CancellationToken), context, replay).ConfigureAwait(false);
        }
        finally
        {
            // Stryker disable once Statement : a context not given back to the pool is left to the garbage collector; nothing else changes.
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <exception cref="ArgumentException">The options are unusable.</exception>
    public static ClientRuntime From(PackagesClientOptions options) => new ClientRuntime(ClientSettings.From(options));

    // Two racing first failures may both build one; either is equivalent, and the first stored is kept.
    private ResiliencePipeline RetryPipeline()
    {
        var retries = Volatile.Read(ref _retries);
        if (retries is null)
        {
            Interlocked.CompareExchange(ref _retries, CreatePipeline(Settings, Gate), null);
            retries = _retries!;
        }

        return retries;
    }

    private static ResiliencePipeline CreatePipeline(ClientSettings settings, RestoreGate gate)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = settings.TimeProvider };
        var rules = new RetryRules(settings.MaxRetryDelay, gate);
        var random = new Random();
        return builder.AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = settings.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromTicks(Math.Min((settings.MaxRetryDelay + TimeSpan.FromSeconds(1)).Ticks, ClientSettings.MaxRetryDelayLimit.Ticks)),
            ShouldHandle = arguments => new ValueTask<bool>(rules.ShouldRetry(
                arguments.Outcome.Exception,
                AttemptsOf(arguments.Context),
                settings.TimeProvider.GetUtcNow(),
                arguments.Context.CancellationToken.IsCancellationRequested)),
            DelayGenerator = arguments =>
            {
                lock (random)
                {
                    return new ValueTask<TimeSpan?>(rules.Delay(arguments.Outcome.Exception, AttemptsOf(arguments.Context), settings.TimeProvider.GetUtcNow(), random));
                }
            },
            OnRetry = arguments =>
            {
                var attempts = AttemptsOf(arguments.Context);
                RestoreLog.Retrying(settings.Logger, attempts.Request, arguments.RetryDelay, attempts.Count + 1);
                RestoreTelemetry.Retrying(attempts.Request, arguments.Outcome.Exception!, arguments.RetryDelay, attempts.Count);
                return default;
            },
        }).Build();
    }

    private static RestoreAttempts AttemptsOf(ResilienceContext context) => context.Properties.GetValue(Keys.Attempts, null!);

    // The pipeline's callback: the first time it rethrows the failure already met, afterwards it runs real attempts.
    private sealed class Replay
    {
        private readonly RestoreAttempts _attempts;
        private readonly Func<RestoreAttempts, CancellationToken, Task> _attempt;
        private ExceptionDispatchInfo? _firstFailure;

        public Replay(ExceptionDispatchInfo firstFailure, RestoreAttempts attempts, Func<RestoreAttempts, CancellationToken, Task> attempt)
        {
            _firstFailure = firstFailure;
            _attempts = attempts;
            _attempt = attempt;
        }

        public ValueTask RunAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _firstFailure, null) is { } firstFailure)
            {
                firstFailure.Throw();
            }

            return new ValueTask(_attempt(_attempts, cancellationToken));
        }
    }

    // Nested, so Polly's assembly loads with the first retry rather than with the first client.
    private static class Keys
    {
        // Stryker disable once String : the name only labels the key; this pipeline's contexts hold no other property it could clash with.
        public static readonly ResiliencePropertyKey<RestoreAttempts> Attempts = new ResiliencePropertyKey<RestoreAttempts>("RestoreSdk.Attempts");
    }
}
