// Reads retry-after strictly as RFC 9110 defines it (delta-seconds or an HTTP-date), so garbage is never taken for a wait or a date.
using System;
using System.Globalization;

namespace RestoreSdk;

internal static class RetryAfterHeader
{
    // IMF-fixdate, then the obsolete RFC 850 and asctime forms that RFC 9110 says recipients must accept.
    private static readonly string[] HttpDateFormats =
    {
        "ddd, dd MMM yyyy HH:mm:ss 'GMT'",
        "dddd, dd-MMM-yy HH:mm:ss 'GMT'",
        "ddd MMM  d HH:mm:ss yyyy",
        "ddd MMM dd HH:mm:ss yyyy",
    };

    /// <summary>The longest wait read from delta-seconds; a larger number means "later than any retry setting allows".</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(365);

    /// <summary>The wait <paramref name="value"/> asks for, or null when it is absent or not in an RFC 9110 form.</summary>
    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (IsDigits(value!))
        {
            return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? TimeSpan.FromSeconds(Math.Min(seconds, (long)LongestWait.TotalSeconds))
                : LongestWait;
        }

        // Every format ends in a literal GMT (asctime's is GMT by definition), so the time read is UTC as written.
        if (DateTime.TryParseExact(value, HttpDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var wait = new DateTimeOffset(date, TimeSpan.Zero) - now;
            return TimeSpan.FromTicks(Math.Min(Math.Max(wait.Ticks, 0), LongestWait.Ticks));
        }

        return null;
    }

    /// <summary>Whether <paramref name="value"/> is a retry-after that <see cref="Parse"/> reads.</summary>
    public static bool IsReadable(string? value) => Parse(value, DateTimeOffset.MinValue) is not null;

    private static bool IsDigits(string value)
    {
        foreach (var c in value)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }

        return true;
    }
}
