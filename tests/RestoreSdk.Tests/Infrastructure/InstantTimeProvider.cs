// A test clock whose timers fire at once and move virtual time forward, recording every wait the client asked for.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace RestoreSdk.Tests.Infrastructure;

internal sealed class InstantTimeProvider : TimeProvider
{
    private readonly object _gate = new object();
    private readonly List<TimeSpan> _waits = new List<TimeSpan>();
    private DateTimeOffset _now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (_gate)
            {
                return _waits.ToList();
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    // Timestamps follow the virtual clock, so measured durations include the waits it skipped.
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_gate)
            {
                _waits.Add(dueTime);
                _now += dueTime;
            }

            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new FiredTimer();
    }

    private sealed class FiredTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public System.Threading.Tasks.ValueTask DisposeAsync() => default;
    }
}
