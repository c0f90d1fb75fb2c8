// The one door all restores of a client pass: one at a time and MinimumWriteInterval apart, within the hourly and per-minute write budgets, and held shut while GitHub's rate limit says wait.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace RestoreSdk;

internal sealed class RestoreGate
{
    private readonly TimeSpan _interval;
    private readonly TimeSpan _maxWait;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly WriteBudget _budget;
    private readonly SemaphoreSlim _turn = new SemaphoreSlim(1, 1);
    private readonly object _holdLock = new object();

    // With spacing on: the calls queued for the turn, and the budget wait of the call holding it, so each queued call is told once that it waits behind that.
    private readonly object _queueLock = new object();
    private readonly List<QueuedCall> _queued = new List<QueuedCall>();
    private BudgetWait? _turnHolderWait;
    private DateTimeOffset _nextStart = DateTimeOffset.MinValue;

    // Secondary limits met in a row by any call of this client, reset by any answer that is not a rate limit: without retry-after, GitHub asks for exponentially longer waits.
    private int _secondaryLimitsInARow;

    // Null while no rate limit was ever met, so the open gate costs one read; replaced whole, never mutated.
    private Hold? _hold;

    public RestoreGate(TimeSpan interval, TimeSpan maxWait, TimeProvider time, ILogger logger, WriteBudget budget)
    {
        _interval = interval;
        _maxWait = maxWait;
        _time = time;
        _logger = logger;
        _budget = budget;
    }

    /// <summary>When GitHub allows this client's restores again, or null when it does now.</summary>
    public DateTimeOffset? HeldUntil => Volatile.Read(ref _hold) is { } hold && hold.Until > _time.GetUtcNow() ? hold.Until : null;

    /// <summary>
    /// Waits until this client may send one attempt: its turn (when spacing is on), any rate-limit hold, the spacing, and the write budgets,
    /// which then count the attempt, from now until <see cref="Exit"/> moves it to the attempt's end.
    /// </summary>
    /// <returns>Whether the attempt holds the turn, which <see cref="Exit"/> must then give back after the answer is observed.</returns>
    /// <exception cref="RateLimitExceededException">The gate is held longer than MaxRetryDelay; nothing was sent.</exception>
    /// <remarks>
    /// Completes synchronously, without allocating, while spacing is off, no rate limit was met and the budgets allow the attempt.
    /// A wait for the budgets is the client's own pacing: MaxRetryDelay does not bound it, only cancellation ends it.
    /// </remarks>
    public async ValueTask<bool> EnterAsync(RestoreAttempts attempts, CancellationToken cancellationToken)
    {
        if (_interval == TimeSpan.Zero)
        {
            // A loop, because with spacing off another call may meet a rate limit while this one waits for the budget.
            while (true)
            {
                await WaitOutHoldAsync(attempts, cancellationToken).ConfigureAwait(false);
                var now = _time.GetUtcNow();
                if (_budget.TryTake(now) is not { } spent)
                {
                    attempts.CountedAt = now;
                    return false;
                }

                await WaitForBudgetAsync(attempts, spent, cancellationToken).ConfigureAwait(false);
            }
        }

        if (!_turn.Wait(0, cancellationToken))
        {
            await QueueForTurnAsync(attempts, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await WaitOutHoldAsync(attempts, cancellationToken).ConfigureAwait(false);
            var wait = _nextStart - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await DelayAsync(wait, cancellationToken).ConfigureAwait(false);
            }

            // Holding the turn, no other attempt can close the gate or spend the budget meanwhile; the loop only guards against a clock that wakes early.
            var now = _time.GetUtcNow();
            while (_budget.TryTake(now) is { } spent)
            {
                await WaitForTurnBudgetAsync(attempts, spent, cancellationToken).ConfigureAwait(false);
                now = _time.GetUtcNow();
            }

            attempts.CountedAt = now;
            _nextStart = now + _interval;
            return true;
        }
        catch
        {
            _turn.Release();
            throw;
        }
    }

    /// <summary>
    /// Ends the attempt <see cref="EnterAsync"/> let through, once its answer or failure is observed: the write budgets count it from now,
    /// an upper bound on when GitHub received it, and the turn is given back if the attempt took one.
    /// </summary>
    public void Exit(bool holdsTurn, RestoreAttempts attempts)
    {
        _budget.Settle(attempts.CountedAt, _time.GetUtcNow());
        if (holdsTurn)
        {
            _turn.Release();
        }
    }

    /// <summary>Closes the gate if the 204 the attempt received reports an exhausted rate limit.</summary>
    public void ObserveSuccess(RestoreAttempts attempts) => Observe(204, attempts.RateLimit, null, attempts);

    /// <summary>Closes the gate if <paramref name="answer"/> reports a rate limit.</summary>
    public void ObserveFailure(ServiceResponseException answer, RestoreAttempts attempts) =>
        Observe(answer.StatusCode, GitHubRateLimit.From(answer.Header), answer, attempts);

    // GitHub's order: a readable retry-after first, even when the primary limit is exhausted too; else a primary limit (remaining 0, on any answer)
    // holds until its reset, and a secondary one at least a minute, doubling with each met in a row by this call or by any call of the client.
    private void Observe(int status, GitHubRateLimit? rateLimit, ServiceResponseException? answer, RestoreAttempts attempts)
    {
        var kind = answer is null ? RateLimitKind.None : RetryRules.KindOf(answer);
        if (kind == RateLimitKind.None && Volatile.Read(ref _secondaryLimitsInARow) != 0)
        {
            Volatile.Write(ref _secondaryLimitsInARow, 0);
        }

        var primary = rateLimit?.Remaining == 0;
        if (!primary && kind != RateLimitKind.Secondary)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var retryAfter = answer is null ? null : RetryRules.RetryAfter(answer.Header("retry-after"), now);
        var wait = primary
            ? retryAfter ?? (rateLimit!.Reset is { } reset ? reset - now : RetryRules.SecondaryLimitFirstWait)
            : SecondaryLimitWait(retryAfter, attempts);
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        var until = now + wait;
        lock (_holdLock)
        {
            if (_hold is not null && _hold.Until >= until)
            {
                return;
            }

            Volatile.Write(ref _hold, new Hold(until, !primary, status));
        }

        RestoreLog.Holding(_logger, attempts.Request, status, primary ? "primary" : "secondary", until);
    }

    // The limit joins the client's row even when retry-after sets the wait; the longer row, the call's own or the client's, sets the backoff.
    private TimeSpan SecondaryLimitWait(TimeSpan? retryAfter, RestoreAttempts attempts)
    {
        var inARow = Math.Max(Interlocked.Increment(ref _secondaryLimitsInARow), attempts.SecondaryLimitHits);
        return retryAfter ?? TimeSpan.FromTicks(RetryRules.SecondaryLimitFirstWait.Ticks << Math.Min(inARow - 1, 16));
    }

    private async Task WaitOutHoldAsync(RestoreAttempts attempts, CancellationToken cancellationToken)
    {
        // A loop, because with spacing off another call's answer may extend the hold while this one waits.
        while (Volatile.Read(ref _hold) is { } hold)
        {
            var wait = hold.Until - _time.GetUtcNow();
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            if (wait > _maxWait)
            {
                throw hold.Refuse(attempts.Request, wait, _maxWait);
            }

            RestoreTelemetry.HeldByRateLimit(attempts.Request, wait, hold.IsSecondaryLimit);
            await DelayAsync(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    // One log line, one measurement and one progress report per wait, each saying when it ends.
    private async Task WaitForBudgetAsync(RestoreAttempts attempts, BudgetWait spent, CancellationToken cancellationToken)
    {
        RestoreLog.WaitingForWriteBudget(_logger, attempts.Request, spent);
        attempts.BudgetWaits?.Invoke(spent);

        // Read after the caller's progress handler, and not below zero: time moves on after TryTake, and Task.Delay refuses a negative wait (or takes -1 ms as for ever).
        var wait = TimeSpan.FromTicks(Math.Max((spent.Until - _time.GetUtcNow()).Ticks, 0));
        RestoreTelemetry.HeldByWriteBudget(attempts.Request, wait, spent.Reason);
        await DelayAsync(wait, cancellationToken).ConfigureAwait(false);
    }

    // The turn holder's budget wait, told to the calls queued behind it (those already queued now, later ones as they queue).
    private async Task WaitForTurnBudgetAsync(RestoreAttempts attempts, BudgetWait spent, CancellationToken cancellationToken)
    {
        List<RestoreRequest>? behind = null;
        lock (_queueLock)
        {
            _turnHolderWait = spent;
            foreach (var queued in _queued)
            {
                if (!queued.Told)
                {
                    queued.Told = true;
                    (behind ??= new List<RestoreRequest>()).Add(queued.Request);
                }
            }
        }

        try
        {
            if (behind is not null)
            {
                foreach (var request in behind)
                {
                    RestoreLog.QueuedBehindWriteBudget(_logger, request, spent);
                }
            }

            await WaitForBudgetAsync(attempts, spent, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_queueLock)
            {
                _turnHolderWait = null;
            }
        }
    }

    // Waits for the turn, cancellable, logging once if the call holding it waits for the write budget meanwhile: such a wait can last most of an hour.
    private async Task QueueForTurnAsync(RestoreAttempts attempts, CancellationToken cancellationToken)
    {
        var queued = new QueuedCall(attempts.Request);
        BudgetWait? holderWait;
        lock (_queueLock)
        {
            _queued.Add(queued);
            holderWait = _turnHolderWait;
            queued.Told = holderWait is not null;
        }

        try
        {
            if (holderWait is { } spent)
            {
                RestoreLog.QueuedBehindWriteBudget(_logger, attempts.Request, spent);
            }

            await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (_queueLock)
            {
                _queued.Remove(queued);
            }
        }
    }

    private Task DelayAsync(TimeSpan wait, CancellationToken cancellationToken) =>
#if NET
        Task.Delay(wait, _time, cancellationToken);
#else
        _time.Delay(wait, cancellationToken);
#endif

    private sealed class QueuedCall
    {
        public QueuedCall(RestoreRequest request)
        {
            Request = request;
        }

        public RestoreRequest Request { get; }

        /// <summary>Whether this call was told it waits behind a budget wait; under the queue lock.</summary>
        public bool Told { get; set; }
    }

    private sealed class Hold
    {
        public Hold(DateTimeOffset until, bool isSecondaryLimit, int status)
        {
            Until = until;
            IsSecondaryLimit = isSecondaryLimit;
            Status = status;
        }

        public DateTimeOffset Until { get; }

        public bool IsSecondaryLimit { get; }

        /// <summary>The status of the answer that closed the gate.</summary>
        public int Status { get; }

        public RateLimitExceededException Refuse(RestoreRequest request, TimeSpan wait, TimeSpan maxWait)
        {
            var which = IsSecondaryLimit ? "secondary" : "primary";
            var message = $"{request.Description} was not sent: an earlier answer (HTTP {Status}) reported GitHub's {which} rate limit, "
                + $"so this client sends no restore until {Until:u}. That is {Rounded(wait)} away, longer than MaxRetryDelay ({maxWait}).";
            return new RateLimitExceededException(message, Status, IsSecondaryLimit, Until);
        }

        private static TimeSpan Rounded(TimeSpan wait) => TimeSpan.FromSeconds(Math.Ceiling(wait.TotalSeconds));
    }
}
