// The validated, immutable copy of PackagesClientOptions that one client uses for all its requests.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RestoreSdk;

internal sealed class ClientSettings
{
    /// <summary>The longest MaxRetryDelay: Polly's retry strategy accepts delays up to one day.</summary>
    public static readonly TimeSpan MaxRetryDelayLimit = TimeSpan.FromDays(1);

    /// <summary>The longest MinimumWriteInterval and AttemptTimeout: anything longer is a mistake, not a setting.</summary>
    public static readonly TimeSpan IntervalLimit = TimeSpan.FromHours(1);

    private ClientSettings(PackagesClientOptions options)
    {
        BaseAddress = options.BaseAddress;
        Instance = GitHubInstance.From(options.BaseAddress);
        Token = options.Token;
        TokenProvider = options.TokenProvider;
        ApiVersion = options.ApiVersion;
        UserAgent = options.UserAgent ?? DefaultUserAgent;
        MaxRetries = options.MaxRetries;
        MaxRetryDelay = options.MaxRetryDelay;
        MinimumWriteInterval = options.MinimumWriteInterval;
        WritesPerHour = options.WritesPerHour;
        WritesPerMinute = options.WritesPerMinute;
        PreviousWriteTimes = options.PreviousWriteTimes?.ToArray() ?? Array.Empty<DateTimeOffset>();
        AttemptTimeout = options.AttemptTimeout;
        TokenSecrets = new SecretRedactor(options.Token);
        TimeProvider = options.TimeProvider ?? TimeProvider.System;
        Logger = options.LoggerFactory?.CreateLogger<PackagesClient>() ?? (ILogger)NullLogger.Instance;
        AllowTokenOverPlainHttp = options.AllowTokenOverPlainHttp;
    }

    public static string DefaultUserAgent { get; } = "RestoreSdk/" + typeof(ClientSettings).Assembly.GetName().Version!.ToString(3);

    public Uri BaseAddress { get; }

    /// <summary>The product and web host <see cref="BaseAddress"/> points at.</summary>
    public GitHubInstance Instance { get; }

    public string? Token { get; }

    public Func<CancellationToken, Task<string>>? TokenProvider { get; }

    public string ApiVersion { get; }

    public string UserAgent { get; }

    public int MaxRetries { get; }

    public TimeSpan MaxRetryDelay { get; }

    public TimeSpan MinimumWriteInterval { get; }

    public int WritesPerHour { get; }

    public int WritesPerMinute { get; }

    /// <summary>A copy of PreviousWriteTimes, taken once.</summary>
    public IReadOnlyList<DateTimeOffset> PreviousWriteTimes { get; }

    public TimeSpan AttemptTimeout { get; }

    /// <summary>The token's echoed forms, computed once; each call adds its package token to a copy (<see cref="SecretRedactor.With"/>).</summary>
    public SecretRedactor TokenSecrets { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    public bool AllowTokenOverPlainHttp { get; }

    /// <summary>Whether anything secret sent to <see cref="BaseAddress"/> would cross a network unencrypted.</summary>
    public bool IsPlainHttpToAnotherHost => IsPlainHttpToAnotherHostFor(BaseAddress);

    /// <summary>Validates <paramref name="options"/> and copies it.</summary>
    /// <exception cref="ArgumentException">The options are unusable; the message lists every problem and never a secret.</exception>
    public static ClientSettings From(PackagesClientOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        var problems = Problems(options).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid PackagesClientOptions: " + string.Join(" ", problems), nameof(options));
        }

        return new ClientSettings(options);
    }

    /// <summary>Every reason <paramref name="options"/> cannot be used, as sentences that name the option but never echo a secret.</summary>
    public static IEnumerable<string> Problems(PackagesClientOptions options)
    {
        var baseAddress = options.BaseAddress;
        if (baseAddress is null)
        {
            yield return "BaseAddress is required.";
        }
        else if (!baseAddress.IsAbsoluteUri || (baseAddress.Scheme != Uri.UriSchemeHttps && baseAddress.Scheme != Uri.UriSchemeHttp))
        {
            var got = baseAddress.IsAbsoluteUri ? $"the scheme '{baseAddress.Scheme}'" : "a relative URI";
            yield return $"BaseAddress must be an absolute http or https URI, such as https://api.github.com/ or https://HOST/api/v3; got {got}.";
        }
        else if (baseAddress.Query.Length > 0 || baseAddress.Fragment.Length > 0 || baseAddress.UserInfo.Length > 0)
        {
            yield return "BaseAddress must not contain a query, a fragment or user info.";
        }
        else if (IsPlainHttpToAnotherHostFor(baseAddress) && (options.Token is not null || options.TokenProvider is not null) && !options.AllowTokenOverPlainHttp)
        {
            yield return $"BaseAddress uses plain http to {baseAddress.Host}, so the token would travel unencrypted; use https, or set AllowTokenOverPlainHttp for a server without TLS.";
        }

        if (options.ApiVersion is null || !IsApiVersion(options.ApiVersion))
        {
            yield return $"ApiVersion must be a GitHub REST API version in the form YYYY-MM-DD, such as 2022-11-28; got '{options.ApiVersion}'.";
        }

        if (options.UserAgent is not null && !IsHeaderValue(options.UserAgent))
        {
            yield return "UserAgent must be null (for the default) or non-empty printable ASCII text.";
        }

        if (options.Token is not null && !IsHeaderValue(options.Token))
        {
            yield return "Token must be null (for no Authorization header) or non-empty printable ASCII text.";
        }

        if (options.Token is not null && options.TokenProvider is not null)
        {
            yield return "Set Token or TokenProvider, not both.";
        }

        if (options.MaxRetries < 0)
        {
            yield return $"MaxRetries must be 0 (no retries) or more; got {options.MaxRetries}.";
        }

        if (options.MaxRetryDelay < TimeSpan.Zero || options.MaxRetryDelay > MaxRetryDelayLimit)
        {
            yield return $"MaxRetryDelay must be between zero and {MaxRetryDelayLimit}; got {options.MaxRetryDelay}.";
        }

        if (options.MinimumWriteInterval < TimeSpan.Zero || options.MinimumWriteInterval > IntervalLimit)
        {
            yield return $"MinimumWriteInterval must be between zero (which turns spacing off) and {IntervalLimit}; got {options.MinimumWriteInterval}.";
        }

        if (options.WritesPerHour < 0)
        {
            yield return $"WritesPerHour must be 0 (no hourly budget) or more; got {options.WritesPerHour}. GitHub allows 500; on GitHub Enterprise Server use your administrator's figure.";
        }

        if (options.WritesPerMinute < 0)
        {
            yield return $"WritesPerMinute must be 0 (no per-minute budget) or more; got {options.WritesPerMinute}. GitHub allows 80; on GitHub Enterprise Server use your administrator's figure.";
        }

        if ((options.AttemptTimeout <= TimeSpan.Zero || options.AttemptTimeout > IntervalLimit) && options.AttemptTimeout != Timeout.InfiniteTimeSpan)
        {
            yield return $"AttemptTimeout must be more than zero and at most {IntervalLimit}, or Timeout.InfiniteTimeSpan to turn it off; got {options.AttemptTimeout}.";
        }
    }

    /// <summary>Whether <paramref name="value"/> can be sent as a header value: HTTP headers carry only printable ASCII.</summary>
    public static bool IsHeaderValue(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c < ' ' || c > '~')
            {
                return false;
            }
        }

        return true;
    }

    // YYYY-MM-DD in ASCII digits, checked by hand: a Regex here would cost every process its construction on the first client.
    private static bool IsApiVersion(string value)
    {
        if (value.Length != 10)
        {
            return false;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var expected = i == 4 || i == 7 ? value[i] == '-' : value[i] >= '0' && value[i] <= '9';
            if (!expected)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPlainHttpToAnotherHostFor(Uri baseAddress) =>
        baseAddress.Scheme == Uri.UriSchemeHttp && !baseAddress.IsLoopback;
}
