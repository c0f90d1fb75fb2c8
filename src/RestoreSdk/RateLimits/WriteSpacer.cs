// Sends one client's restore requests one at a time and at least MinimumWriteInterval apart, as GitHub asks of mutating requests.
using System;
using System.Threading;
using System.Threading.Tasks;

namespace RestoreSdk;

internal sealed class WriteSpacer
{
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _turn = new SemaphoreSlim(1, 1);
    private DateTimeOffset _nextStart = DateTimeOffset.MinValue;

    public WriteSpacer(TimeSpan interval, TimeProvider time)
    {
        _interval = interval;
        _time = time;
    }

    public async Task SendAsync(Func<CancellationToken, Task> send, CancellationToken cancellationToken)
    {
        if (_interval == TimeSpan.Zero)
        {
            await send(cancellationToken).ConfigureAwait(false);
            return;
        }

        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var wait = _nextStart - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
#if NET
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
#else
                await _time.Delay(wait, cancellationToken).ConfigureAwait(false);
#endif
            }

            _nextStart = _time.GetUtcNow() + _interval;
            await send(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }
}
