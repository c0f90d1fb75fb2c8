// GitHub's limits on content-generating requests kept on the client's side: at most WritesPerHour sends in any rolling hour and WritesPerMinute in any rolling minute.
using System;
using System.Collections.Generic;
using System.Linq;

namespace RestoreSdk;

/// <summary>Which budget a restore waits for.</summary>
internal readonly struct BudgetWait
{
    public BudgetWait(RestoreWaitReason reason, int limit, DateTimeOffset until)
    {
        Reason = reason;
        Limit = limit;
        Until = until;
    }

    public RestoreWaitReason Reason { get; }

    /// <summary>The budget that is spent: this many sends within the window.</summary>
    public int Limit { get; }

    /// <summary>When the oldest send of the window leaves it, so one more may go.</summary>
    public DateTimeOffset Until { get; }
}

internal sealed class WriteBudget
{
    public static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    public static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly int _perHour;
    private readonly int _perMinute;
    private readonly object _lock = new object();

    // The send times of the last hour, oldest first, as a ring that grows by doubling (amortized: no allocation per send).
    private DateTimeOffset[] _sent = new DateTimeOffset[16];
    private int _first;
    private int _count;

    /// <param name="perHour">At most this many sends in any hour; 0 for no hourly budget.</param>
    /// <param name="perMinute">At most this many sends in any minute; 0 for no minute budget.</param>
    /// <param name="previous">Sends made before this client existed; those in the future count as made <paramref name="now"/>.</param>
    /// <param name="now">The client's time when it is created.</param>
    public WriteBudget(int perHour, int perMinute, IEnumerable<DateTimeOffset>? previous, DateTimeOffset now)
    {
        _perHour = perHour;
        _perMinute = perMinute;
        if (previous is not null)
        {
            // Those an hour old or older are kept until TryTake's pruning, which comes before any decision.
            foreach (var sent in previous.Select(time => new DateTimeOffset(Math.Min(time.UtcTicks, now.UtcTicks), TimeSpan.Zero)).OrderBy(time => time))
            {
                Append(sent);
            }
        }
    }

    /// <summary>Whether both budgets are off.</summary>
    public bool IsOff => _perHour == 0 && _perMinute == 0;

    /// <summary>Counts a send at <paramref name="now"/> if both budgets allow it, or says which is spent and until when.</summary>
    /// <returns>Null when the send was counted (at <paramref name="now"/> until <see cref="Settle"/> moves it); otherwise the wait, and nothing was counted.</returns>
    public BudgetWait? TryTake(DateTimeOffset now)
    {
        // Stryker disable once Block : with both budgets off no wait can arise; returning early only skips the lock and the bookkeeping.
        if (IsOff)
        {
            return null;
        }

        lock (_lock)
        {
            while (_count > 0 && _sent[_first] <= now - Hour)
            {
                _first = (_first + 1) % _sent.Length;
                _count--;
            }

            // A send is allowed when the limit-th latest one has left the window: windows are half-open, so a send exactly an hour later counts in the new hour only.
            BudgetWait? wait = null;
            if (_perHour > 0 && _count >= _perHour)
            {
                wait = new BudgetWait(RestoreWaitReason.WritesPerHour, _perHour, Latest(_perHour) + Hour);
            }

            if (_perMinute > 0 && _count >= _perMinute && Latest(_perMinute) + Minute is var minuteEnds && minuteEnds > now
                && (wait is null || minuteEnds > wait.Value.Until))
            {
                wait = new BudgetWait(RestoreWaitReason.WritesPerMinute, _perMinute, minuteEnds);
            }

            if (wait is not null)
            {
                return wait;
            }

            Append(now);
            return null;
        }
    }

    /// <summary>
    /// Moves a send counted at <paramref name="countedAt"/> to <paramref name="endedAt"/>, when its attempt ended: GitHub received it at the latest then,
    /// perhaps well after the gate let it through (token provider, connect, TLS), and only GitHub's arrival times count in its windows.
    /// </summary>
    public void Settle(DateTimeOffset countedAt, DateTimeOffset endedAt)
    {
        if (IsOff || endedAt <= countedAt)
        {
            return;
        }

        lock (_lock)
        {
            // The send is among the latest, so search from the end; equal times are interchangeable.
            var at = _count - 1;
            while (at >= 0 && At(at) != countedAt)
            {
                at--;
            }

            if (at < 0)
            {
                // It left the window while in flight (an attempt longer than the window): count it again, from its end.
                Append(endedAt);
                at = _count - 1;
                while (at > 0 && At(at - 1) > endedAt)
                {
                    SetAt(at, At(at - 1));
                    at--;
                }

                SetAt(at, endedAt);
                return;
            }

            // Keep the ring in time order: later sends that ended before this one move down one place.
            while (at + 1 < _count && At(at + 1) < endedAt)
            {
                SetAt(at, At(at + 1));
                at++;
            }

            SetAt(at, endedAt);
        }
    }

    // The k-th latest send (1 is the latest); callers hold the lock and know there are at least k.
    private DateTimeOffset Latest(int k) => _sent[(_first + _count - k) % _sent.Length];

    // The send at position i, 0 being the oldest.
    private DateTimeOffset At(int i) => _sent[(_first + i) % _sent.Length];

    private void SetAt(int i, DateTimeOffset sent) => _sent[(_first + i) % _sent.Length] = sent;

    private void Append(DateTimeOffset sent)
    {
        if (_count == _sent.Length)
        {
            // The ring is full: its oldest part runs from _first to the array's end, the rest wraps to its start.
            var grown = new DateTimeOffset[_sent.Length * 2];
            Array.Copy(_sent, _first, grown, 0, _sent.Length - _first);
            Array.Copy(_sent, 0, grown, _sent.Length - _first, _first);

            _sent = grown;
            _first = 0;
        }

        _sent[(_first + _count) % _sent.Length] = sent;
        _count++;
    }
}
