// A FakeTimeProvider that knows which timers the client is waiting on, so a test can step time to exactly the next wait, or drive a run to its end.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace RestoreSdk.Tests.Infrastructure;

internal sealed class SteppedClock : FakeTimeProvider
{
    /// <summary>How long a test waits, in real time, for the client to start its next wait before it fails rather than hangs.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly object _gate = new object();

    // Held while a timer is scheduled and while time steps, so a timer's due time here and in the base class are taken from the same now:
    // a step between the two would leave the base timer due later than this class believes, and the drive loop stepping one tick at a time.
    private readonly object _stepping = new object();
    private readonly List<PendingTimer> _timers = new List<PendingTimer>();
    private TaskCompletionSource _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public SteppedClock()
        : base(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        // Scheduled first, so that a timer the base class fires at once (due now) is marked fired, not left pending.
        var pending = new PendingTimer(this, period);
        lock (_stepping)
        {
            pending.Schedule(dueTime);
            pending.Inner = base.CreateTimer(
                s =>
                {
                    pending.Fired();
                    callback(s);
                },
                state,
                dueTime,
                period);
        }

        return pending;
    }

    /// <summary>Waits (in real time, bounded) until the client waits on this clock, and returns how long its earliest wait is from now.</summary>
    public async Task<TimeSpan> NextWaitAsync()
    {
        while (true)
        {
            var changed = Changed();
            if (EarliestDue() is { } due)
            {
                return due - GetUtcNow();
            }

            if (await Task.WhenAny(changed, Task.Delay(Patience)) != changed)
            {
                throw new TimeoutException("The client never started waiting on the clock.");
            }
        }
    }

    /// <summary>Whether the client waits on this clock right now.</summary>
    public bool IsWaiting => EarliestDue() is not null;

    /// <summary>Steps time from wait to wait, each straight to the earliest the client asked for, until <paramref name="work"/> ends; then awaits it.</summary>
    public async Task DriveAsync(Task work)
    {
        while (!work.IsCompleted)
        {
            // Taken before looking, so that a timer created after the look still wakes this loop.
            var changed = Changed();
            if (EarliestDue() is { } due)
            {
                lock (_stepping)
                {
                    SetUtcNow(due > GetUtcNow() ? due : GetUtcNow() + TimeSpan.FromTicks(1));
                }

                continue;
            }

            var woken = await Task.WhenAny(work, changed, Task.Delay(Patience));
            if (woken != work && woken != changed)
            {
                throw new TimeoutException("The work neither finished nor started a wait on the clock.");
            }
        }

        await work;
    }

    /// <summary>Steps time from wait to wait until <paramref name="work"/> ends, and returns its result.</summary>
    public async Task<T> DriveAsync<T>(Task<T> work)
    {
        await DriveAsync((Task)work);
        return await work;
    }

    private Task Changed()
    {
        lock (_gate)
        {
            return _changed.Task;
        }
    }

    private void Pulse()
    {
        TaskCompletionSource pulsed;
        lock (_gate)
        {
            pulsed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        pulsed.SetResult();
    }

    private DateTimeOffset? EarliestDue()
    {
        lock (_gate)
        {
            return _timers.Where(timer => timer.DueAt is not null).Select(timer => timer.DueAt).Min();
        }
    }

    private sealed class PendingTimer : ITimer
    {
        private readonly SteppedClock _clock;
        private readonly TimeSpan _period;

        public PendingTimer(SteppedClock clock, TimeSpan period)
        {
            _clock = clock;
            _period = period;
        }

        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset? DueAt { get; private set; }

        public void Schedule(TimeSpan dueTime)
        {
            lock (_clock._gate)
            {
                DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : _clock.GetUtcNow() + dueTime;
                if (!_clock._timers.Contains(this))
                {
                    _clock._timers.Add(this);
                }
            }

            _clock.Pulse();
        }

        public void Fired()
        {
            lock (_clock._gate)
            {
                DueAt = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : DueAt + _period;
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_clock._stepping)
            {
                Schedule(dueTime);
                return Inner.Change(dueTime, period);
            }
        }

        public void Dispose()
        {
            lock (_clock._gate)
            {
                DueAt = null;
                _clock._timers.Remove(this);
            }

            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
