// Settings a caller gives PackagesClient: where GitHub is, how to authenticate, how patiently to retry, and where to log.
using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace RestoreSdk;

/// <summary>Options for <see cref="PackagesClient"/>.</summary>
/// <remarks>The client copies these values when it is created; changing them later does not affect an existing client.</remarks>
public sealed class PackagesClientOptions
{
    /// <summary>
    /// The REST API root. Defaults to <c>https://api.github.com/</c>; for GitHub Enterprise Server use <c>https://HOST/api/v3</c>
    /// (with or without a trailing slash). A path ending in <c>/api/v3</c> makes the client apply GitHub Enterprise Server's registry rules
    /// (<see cref="GitHubProduct.EnterpriseServer"/>) in its diagnostics; any other address gets github.com's.
    /// </summary>
    public Uri BaseAddress { get; set; } = new Uri("https://api.github.com/");

    /// <summary>
    /// The token sent as <c>Authorization: Bearer &lt;token&gt;</c>, or <see langword="null"/> to send no <c>Authorization</c> header.
    /// It never appears in exception messages or logs. Set this or <see cref="TokenProvider"/>, not both.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>
    /// Supplies the bearer token for each attempt: a personal access token (classic) read from a secret store or vault, or one that is rotated
    /// while the client lives. The endpoints accept only classic tokens, so this does not make GitHub App installation tokens usable.
    /// Called before every attempt, retries included; the client never keeps a value longer than that attempt.
    /// Set this or <see cref="Token"/>, not both.
    /// </summary>
    public Func<CancellationToken, Task<string>>? TokenProvider { get; set; }

    /// <summary>The REST API version sent as <c>X-GitHub-Api-Version</c>. Defaults to <c>2022-11-28</c>; <c>2026-03-10</c> also exists.</summary>
    public string ApiVersion { get; set; } = "2022-11-28";

    /// <summary>The <c>User-Agent</c> header GitHub requires. When <see langword="null"/>, <c>RestoreSdk/&lt;assembly version&gt;</c> is sent.</summary>
    public string? UserAgent { get; set; }

    /// <summary>
    /// How many times a call is retried after a rate limit, a connection failure, a timeout or a 502/503/504. Defaults to 3;
    /// 0 turns retrying off entirely. 400, 401, 422 and 403/404 answers that are not rate limits are never retried.
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>
    /// The longest single wait before a retry (plus up to a second of jitter, never beyond one day in all), at most one day. Defaults to 60 seconds. A rate limit that asks for a longer wait
    /// (a primary limit resetting later, or a secondary limit's growing backoff) fails at once with <see cref="RateLimitExceededException"/>.
    /// It also bounds how long a call waits while an earlier answer holds every restore of the client; a longer hold fails the call before it sends anything.
    /// It does not bound the client's own pacing under <see cref="WritesPerHour"/> and <see cref="WritesPerMinute"/>, which GitHub did not ask for.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The least time between the starts of two restore requests from this client, which are also sent one at a time,
    /// as GitHub asks of mutating requests. Defaults to 1 second, at most one hour. <see cref="TimeSpan.Zero"/> turns off both the spacing
    /// and the one-at-a-time sending (for loopback tests); waits for GitHub's rate limits still apply.
    /// </summary>
    public TimeSpan MinimumWriteInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The most restore requests this client sends in any rolling hour (every attempt counts, retries included). Defaults to 500,
    /// GitHub's documented secondary rate limit for content-generating requests on github.com; 0 turns this budget off.
    /// Each request counts from the moment its answer (or failure) arrives, the latest GitHub can have received it, so a slow connection
    /// cannot make GitHub see more in an hour than the client counted.
    /// A request that would be one too many waits until the oldest of the hour's requests is an hour old, so a batch of 620 sends 500,
    /// pauses, and finishes about 1 h 2 min after it began; a batch of 500 or fewer is not slowed beyond <see cref="MinimumWriteInterval"/>.
    /// </summary>
    /// <remarks>
    /// <para>
    /// GitHub Enterprise Server has rate limits off by default and its administrators configure their own: set this to your
    /// administrator's figure, or to 0 when there is none.
    /// </para>
    /// <para>
    /// Waiting for this budget is the client's own pacing, not a hold GitHub asked for, so it is not bounded by <see cref="MaxRetryDelay"/>:
    /// a call may wait up to an hour before it sends (cancel it with its <see cref="CancellationToken"/>). Each wait is logged once with
    /// the time it ends (and, with spacing on, once for each call of the client that queues behind it), recorded in the <c>restoresdk.client.rate_limit.wait.duration</c> metric with
    /// <c>restoresdk.rate_limit.kind</c> = <c>writes_per_hour</c>, and reported to a bulk restore's progress as a <see cref="RestoreWait"/>.
    /// The budget is the client's: every call through one <see cref="PackagesClient"/> (or one dependency-injection registration) shares it,
    /// but another process or client using the same token does not see it (see <see cref="PreviousWriteTimes"/>).
    /// </para>
    /// </remarks>
    public int WritesPerHour { get; set; } = 500;

    /// <summary>
    /// The most restore requests this client sends in any rolling minute (every attempt counts, retries included). Defaults to 80,
    /// GitHub's documented secondary rate limit for content-generating requests per minute; 0 turns this budget off. With the default
    /// <see cref="MinimumWriteInterval"/> of 1 second it never binds; it does when the spacing is shorter.
    /// On GitHub Enterprise Server, set it to your administrator's figure, or to 0 when there is none.
    /// Its waits are handled like those of <see cref="WritesPerHour"/> (kind <c>writes_per_minute</c>), not bounded by <see cref="MaxRetryDelay"/>.
    /// </summary>
    public int WritesPerMinute { get; set; } = 80;

    /// <summary>
    /// When restore requests were sent earlier with the same token (for instance by an interrupted run); those within the last hour count
    /// against <see cref="WritesPerHour"/> and <see cref="WritesPerMinute"/>. <see langword="null"/> (the default) for none. Read once, when
    /// the client is created; times in the future count as sent at that moment.
    /// </summary>
    public IEnumerable<DateTimeOffset>? PreviousWriteTimes { get; set; }

    /// <summary>
    /// The longest one attempt may take, from asking <see cref="TokenProvider"/> for a token to reading the end of GitHub's answer.
    /// Defaults to 30 seconds (GitHub ends any REST request after 10); at most one hour, or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> to turn it off.
    /// </summary>
    /// <remarks>
    /// An attempt that runs out counts as a transient failure: it is retried like a timeout (see <see cref="MaxRetries"/>), and when no retry
    /// is left the call throws <see cref="TaskCanceledException"/> whose inner exception is a <see cref="TimeoutException"/>.
    /// It is measured on the real clock, like <see cref="System.Net.Http.HttpClient.Timeout"/> (which still applies too), not on <see cref="TimeProvider"/>;
    /// waits for write spacing, for rate limits and before retries are not part of it. So a call that never gets an answer ends after about
    /// (<see cref="MaxRetries"/> + 1) × AttemptTimeout plus its retry waits.
    /// </remarks>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock for retry waits and request spacing; <see langword="null"/> for the system clock. Tests inject a fake one.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Where the client logs requests, answers, retries and waits (never a token); <see langword="null"/> for no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Lets a token or package token travel over plain <c>http://</c> to a host other than loopback, for GitHub Enterprise Server
    /// installations without TLS. Off by default: such a client is refused before anything is sent.
    /// </summary>
    public bool AllowTokenOverPlainHttp { get; set; }
}
