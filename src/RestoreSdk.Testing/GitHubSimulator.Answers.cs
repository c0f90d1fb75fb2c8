// How the simulator answers a request: recording, faults, validation, authentication, rate limits, permissions and the restore itself.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;

namespace RestoreSdk.Testing;

public partial class GitHubSimulator
{
    private const string Masked = "***";
    private const string RestDocs = "https://docs.github.com/rest";
    private const string RateLimitDocs = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api";
    private const string SecondaryRateLimitDocs = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits";
    private const string VersionsDocs = "https://docs.github.com/rest/about-the-rest-api/api-versions";
    private static readonly TimeSpan RestoreWindow = TimeSpan.FromDays(30);
    private static readonly TimeSpan PrimaryRateLimitWindow = TimeSpan.FromHours(1);
    private static readonly TimeSpan WriteWindow = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan HourlyWriteWindow = TimeSpan.FromHours(1);
    private static readonly string[] SupportedApiVersions = { "2022-11-28", "2026-03-10" };
    private static readonly string[] SecretHeaders = { "Authorization", "Proxy-Authorization", "Cookie" };

    private readonly Dictionary<string, PrimaryBudget> _budgets = new Dictionary<string, PrimaryBudget>(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, WriteHistory> _writes = new Dictionary<string, WriteHistory>(StringComparer.Ordinal);
    private int _requestCount;

    /// <summary>Answers <paramref name="request"/> as GitHub would, after recording it.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels a delayed answer.</param>
    /// <returns>GitHub's answer.</returns>
    /// <exception cref="HttpRequestException">The request is not for <see cref="BaseAddress"/>'s scheme, host and port, or a <see cref="SimulatedFault.DroppedConnection"/> fault applied.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled during a delay.</exception>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var uri = request.RequestUri;
        if (uri is null || !uri.IsAbsoluteUri
            || !string.Equals(uri.Scheme, BaseAddress.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(uri.Host, BaseAddress.Host, StringComparison.OrdinalIgnoreCase)
            || uri.Port != BaseAddress.Port)
        {
            throw new HttpRequestException($"The GitHub simulator only answers at {BaseAddress.GetLeftPart(UriPartial.Authority)}; set PackagesClientOptions.BaseAddress to GitHubSimulator.BaseAddress.");
        }

        var credential = CredentialOf(request);
        var writeKey = request.Method == HttpMethod.Post && credential.Token is not null && RestoreRoute.Parse(uri, BaseAddress) is not null
            ? credential.Token
            : null;
        SimulatedRequest record;
        SimulatedFault? fault;
        TimeSpan? secondaryLimitWait;
        TimeSpan latency;
        lock (_gate)
        {
            var arrival = _time.GetUtcNow();
            _requestCount++;
            record = new SimulatedRequest(request.Method.Method, MaskedTarget(uri), MaskedHeaders(request), arrival, RequestId(_requestCount, arrival));
            _requests.Add(record);
            fault = _faults.Count > 0 ? _faults.Dequeue() : null;
            latency = _latency + (fault?.Delay ?? TimeSpan.Zero);
            secondaryLimitWait = writeKey is null ? null : ArriveWrite(WritesOf(writeKey), arrival);
        }

        try
        {
            if (latency > TimeSpan.Zero)
            {
#if NET
                await Task.Delay(latency, _time, cancellationToken).ConfigureAwait(false);
#else
                await _time.Delay(latency, cancellationToken).ConfigureAwait(false);
#endif
            }

            if (fault?.DropsConnection == true && !fault.AfterProcessing)
            {
                throw DroppedConnection();
            }

            Answer answer;
            lock (_gate)
            {
                answer = fault?.StatusCode is { } serverError
                    ? ServerError(serverError)
                    : Decide(request, uri, credential, record, secondaryLimitWait);
                if (fault?.DropsConnection != true)
                {
                    record.StatusCode = answer.Status;
                }
            }

            if (fault?.DropsConnection == true)
            {
                throw DroppedConnection();
            }

            return answer.ToResponse(request, record.RequestId);
        }
        finally
        {
            if (writeKey is not null)
            {
                lock (_gate)
                {
                    WritesOf(writeKey).InFlight--;
                }
            }
        }
    }

    private static HttpRequestException DroppedConnection() =>
        new HttpRequestException("The GitHub simulator dropped the connection (an injected fault).", new System.IO.IOException("The connection was reset by the peer."));

    private static Answer ServerError(int status) => new Answer(status, "Server Error", null);

    private static Credential CredentialOf(HttpRequestMessage request)
    {
        if (request.Headers.Authorization is not { } authorization)
        {
            return new Credential(present: false, token: null);
        }

        var supportedScheme = string.Equals(authorization.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            || string.Equals(authorization.Scheme, "token", StringComparison.OrdinalIgnoreCase);
        return new Credential(present: true, supportedScheme && authorization.Parameter is { Length: > 0 } token ? token.Trim() : null);
    }

    private static string MaskedTarget(Uri uri)
    {
        var target = uri.PathAndQuery;
        var queryStart = target.IndexOf('?');
        if (queryStart < 0)
        {
            return target;
        }

        var pairs = target.Substring(queryStart + 1).Split('&').Select(pair =>
        {
            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair.Substring(0, equals);
            return Uri.UnescapeDataString(name) == "token" && equals >= 0 ? name + "=" + Masked : pair;
        });
        return target.Substring(0, queryStart + 1) + string.Join("&", pairs);
    }

    private static IReadOnlyDictionary<string, string> MaskedHeaders(HttpRequestMessage request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var all = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>());
        foreach (var header in all)
        {
            var value = string.Join(", ", header.Value);
            if (SecretHeaders.Contains(header.Key, StringComparer.OrdinalIgnoreCase))
            {
                var space = value.IndexOf(' ');
                value = header.Key.Equals("Cookie", StringComparison.OrdinalIgnoreCase) || space < 0 ? Masked : value.Substring(0, space + 1) + Masked;
            }

            headers[header.Key] = value;
        }

        return headers;
    }

    private static string RequestId(int count, DateTimeOffset arrival) =>
        string.Format(CultureInfo.InvariantCulture, "5A1E:{0:X5}:{1:X6}:{2:X7}:{3:X8}", count, count * 7, count * 13, arrival.ToUnixTimeSeconds());

    private static string Join(IEnumerable<string> scopes) => string.Join(", ", scopes);

    // Callers hold _gate. The order of checks is GitHub's as far as it shows: request shape, authentication, rate limits, token kind and scopes, visibility, package state.
    private Answer Decide(HttpRequestMessage request, Uri uri, Credential credential, SimulatedRequest record, TimeSpan? secondaryLimitWait)
    {
        var now = _time.GetUtcNow();
        if (!request.Headers.TryGetValues("User-Agent", out var userAgent) || string.IsNullOrWhiteSpace(string.Join(" ", userAgent)))
        {
            return Answer.PlainText(
                403,
                "Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required). Check https://www.githubstatus.com for possible causes.");
        }

        if (request.Headers.TryGetValues("X-GitHub-Api-Version", out var versions)
            && !SupportedApiVersions.Contains(string.Join(",", versions), StringComparer.Ordinal))
        {
            return new Answer(400, $"Unsupported 'X-GitHub-Api-Version' provided. Supported versions: {string.Join(", ", SupportedApiVersions)}.", VersionsDocs);
        }

        var route = RestoreRoute.Parse(uri, BaseAddress);
        if (route is null || request.Method != HttpMethod.Post)
        {
            return new Answer(404, "Not Found", RestDocs);
        }

        if (!credential.Present)
        {
            return new Answer(401, "Requires authentication", route.Documentation);
        }

        if (credential.Token is null || !_tokens.TryGetValue(credential.Token, out var token))
        {
            return new Answer(401, "Bad credentials", RestDocs);
        }

        var headers = new List<KeyValuePair<string, string>>();
        var required = SimulatedRegistries.RequiredScopes(route.PackageType, Product);
        if (token.Kind == SimulatedTokenKind.Classic)
        {
            headers.Add(Header("X-OAuth-Scopes", Join(token.Scopes)));
            headers.Add(Header("X-Accepted-OAuth-Scopes", Join(required)));
        }

        var budget = BudgetOf(token.Owner, now);
        if (budget.Used >= _primaryRateLimit)
        {
            headers.AddRange(budget.Headers(_primaryRateLimit));
            var id = _accounts[token.Owner].Id;
            return new Answer(
                403,
                $"API rate limit exceeded for user ID {id}. If you reach out to GitHub Support for help, please include the request ID {record.RequestId}.",
                RateLimitDocs,
                headers);
        }

        budget.Used++;
        headers.AddRange(budget.Headers(_primaryRateLimit));

        if (secondaryLimitWait is { } wait)
        {
            var retryAfter = (long)Math.Ceiling(wait.TotalSeconds);
            headers.Add(Header("retry-after", retryAfter.ToString(CultureInfo.InvariantCulture)));
            return new Answer(
                403,
                $"You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID {record.RequestId}.",
                SecondaryRateLimitDocs,
                headers);
        }

        if (Refusal(token, route, required) is { } refusal)
        {
            return new Answer(refusal.Status, refusal.Message, refusal.DocumentationUrl, headers);
        }

        var owner = route.Org ?? token.Owner;
        if (!MayAdminister(token, route))
        {
            return new Answer(404, "Not Found", route.Documentation, headers);
        }

        var candidates = FindPackages(owner, route.PackageType, route.PackageName).ToList();
        var deleted = candidates.Where(package => package.State == SimulatedPackageState.Deleted).OrderByDescending(package => package.DeletedAt).FirstOrDefault();
        var namespaceTaken = candidates.Any(package => package.State == SimulatedPackageState.Active);
        if (deleted is null || namespaceTaken || now - deleted.DeletedAt!.Value > RestoreWindow)
        {
            return new Answer(404, "Not Found", route.Documentation, headers);
        }

        deleted.State = SimulatedPackageState.Active;
        deleted.RestoredAt = now;
        _restores.Add(new SimulatedRestore(deleted.Owner, deleted.PackageType, deleted.Name, token.Owner, now, record.RequestId));
        return new Answer(204, null, null, headers);
    }

    // Callers hold _gate. A token that cannot restore this package type at all, whatever the package: 403.
    private Answer? Refusal(Token token, RestoreRoute route, IReadOnlyList<string> required)
    {
        switch (token.Kind)
        {
            case SimulatedTokenKind.FineGrained:
                return new Answer(403, "Resource not accessible by personal access token", route.Documentation);
            case SimulatedTokenKind.AppInstallation:
                return new Answer(403, "Resource not accessible by integration", route.Documentation);
            case SimulatedTokenKind.GitHubActions when route.Org is null || SimulatedRegistries.IsRepositoryScoped(route.PackageType, Product):
                return new Answer(403, "Resource not accessible by integration", route.Documentation);
            case SimulatedTokenKind.Classic:
                var missing = SimulatedRegistries.Missing(required, token.Scopes.ToList());
                return missing.Count == 0
                    ? null
                    : new Answer(403, $"You need the {Join(missing)} scope{(missing.Count > 1 ? "s" : string.Empty)} to restore this package; the token has: {(token.Scopes.Count == 0 ? "no scopes" : Join(token.Scopes))}.", route.Documentation);
            default:
                return null;
        }
    }

    // Callers hold _gate. The user route restores the token owner's own packages; the organization route needs admin rights.
    private bool MayAdminister(Token token, RestoreRoute route)
    {
        if (route.Org is null)
        {
            return true;
        }

        if (!_accounts.TryGetValue(route.Org, out var organization) || !organization.IsOrganization)
        {
            return false;
        }

        if (token.Kind == SimulatedTokenKind.GitHubActions)
        {
            return string.Equals(token.Owner, organization.Login, StringComparison.OrdinalIgnoreCase);
        }

        return organization.Admins.Contains(token.Owner)
            && (SimulatedRegistries.IsRepositoryScoped(route.PackageType, Product)
                || _packageAdmins.Contains(PackageAdminKey(organization.Login, route.PackageType, route.PackageName, token.Owner)));
    }

    // Callers hold _gate. GitHub's primary window starts with the first request after the previous one reset.
    private PrimaryBudget BudgetOf(string owner, DateTimeOffset now)
    {
        if (!_budgets.TryGetValue(owner, out var budget) || now >= budget.Reset)
        {
            budget = new PrimaryBudget(now + PrimaryRateLimitWindow);
            _budgets[owner] = budget;
        }

        return budget;
    }

    // Callers hold _gate. Judges a restore request with a token when it arrives, as GitHub's limiter would, before any latency:
    // the wait it must be told (retry-after) when it overlaps another write, would exceed WritesPerMinute within the last minute
    // or WritesPerHour within the last hour, or the token is limited. Only writes that pass count in the windows.
    private TimeSpan? ArriveWrite(WriteHistory writes, DateTimeOffset arrival)
    {
        while (writes.Passed.Count > 0 && arrival - writes.Passed.Peek() >= WriteWindow)
        {
            writes.Passed.Dequeue();
        }

        while (writes.PassedThisHour.Count > 0 && arrival - writes.PassedThisHour.Peek() >= HourlyWriteWindow)
        {
            writes.PassedThisHour.Dequeue();
        }

        var hourSpent = writes.PassedThisHour.Count >= _writesPerHour;
        var limited = arrival < writes.BlockedUntil || writes.Passed.Count >= _writesPerMinute || hourSpent || writes.InFlight > 0;
        writes.InFlight++;
        if (!limited)
        {
            writes.Passed.Enqueue(arrival);
            writes.PassedThisHour.Enqueue(arrival);
            return null;
        }

        if (arrival >= writes.BlockedUntil)
        {
            // Past the hourly budget, retrying before the hour's oldest write leaves the window would only meet the limit again.
            var hourFrees = hourSpent ? WholeSeconds(writes.PassedThisHour.Peek() + HourlyWriteWindow - arrival) : TimeSpan.Zero;
            writes.BlockedUntil = arrival + (hourFrees > _secondaryRateLimitRetryAfter ? hourFrees : _secondaryRateLimitRetryAfter);
        }

        return writes.BlockedUntil - arrival;
    }

    // retry-after carries whole seconds: rounded up, so a client that waits exactly that long finds the window free.
    private static TimeSpan WholeSeconds(TimeSpan wait) => TimeSpan.FromSeconds(Math.Ceiling(wait.TotalSeconds));

    // Callers hold _gate.
    private WriteHistory WritesOf(string key)
    {
        if (!_writes.TryGetValue(key, out var writes))
        {
            writes = new WriteHistory();
            _writes.Add(key, writes);
        }

        return writes;
    }

    private static KeyValuePair<string, string> Header(string name, string value) => new KeyValuePair<string, string>(name, value);

    private readonly struct Credential
    {
        public Credential(bool present, string? token)
        {
            Present = present;
            Token = token;
        }

        /// <summary>Whether the request had an Authorization header at all.</summary>
        public bool Present { get; }

        /// <summary>The token it carried, or null when the header had another scheme or no value.</summary>
        public string? Token { get; }
    }

    private sealed class PrimaryBudget
    {
        public PrimaryBudget(DateTimeOffset reset)
        {
            Reset = reset;
        }

        public DateTimeOffset Reset { get; }

        public int Used { get; set; }

        // x-ratelimit-reset is whole epoch seconds, rounded up so that waiting until it is always enough.
        public IEnumerable<KeyValuePair<string, string>> Headers(int limit)
        {
            var resetSeconds = (Reset.ToUnixTimeMilliseconds() + 999) / 1000;
            yield return Header("x-ratelimit-limit", limit.ToString(CultureInfo.InvariantCulture));
            yield return Header("x-ratelimit-remaining", Math.Max(limit - Used, 0).ToString(CultureInfo.InvariantCulture));
            yield return Header("x-ratelimit-used", Math.Min(Used, limit).ToString(CultureInfo.InvariantCulture));
            yield return Header("x-ratelimit-reset", resetSeconds.ToString(CultureInfo.InvariantCulture));
            yield return Header("x-ratelimit-resource", "core");
        }
    }

    private sealed class WriteHistory
    {
        public int InFlight { get; set; }

        // Arrival times of the writes that passed within the last minute, oldest first.
        public Queue<DateTimeOffset> Passed { get; } = new Queue<DateTimeOffset>();

        // Arrival times of the writes that passed within the last hour, oldest first.
        public Queue<DateTimeOffset> PassedThisHour { get; } = new Queue<DateTimeOffset>();

        public DateTimeOffset BlockedUntil { get; set; } = DateTimeOffset.MinValue;
    }

    private sealed class Answer
    {
        private readonly bool _plainText;

        public Answer(int status, string? message, string? documentationUrl, IReadOnlyList<KeyValuePair<string, string>>? headers = null, bool plainText = false)
        {
            Status = status;
            Message = message;
            DocumentationUrl = documentationUrl;
            Headers = headers ?? Array.Empty<KeyValuePair<string, string>>();
            _plainText = plainText;
        }

        public int Status { get; }

        public string? Message { get; }

        public string? DocumentationUrl { get; }

        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

        public static Answer PlainText(int status, string message) => new Answer(status, message, null, plainText: true);

        public HttpResponseMessage ToResponse(HttpRequestMessage request, string requestId)
        {
            var response = new HttpResponseMessage((HttpStatusCode)Status) { RequestMessage = request };
            response.Headers.TryAddWithoutValidation("X-GitHub-Request-Id", requestId);
            response.Headers.TryAddWithoutValidation("X-GitHub-Media-Type", "github.v3; format=json");
            foreach (var header in Headers)
            {
                response.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            if (Message is not null)
            {
                response.Content = _plainText
                    ? new StringContent(Message, Encoding.UTF8, "text/plain")
                    : new StringContent(ErrorBody(), Encoding.UTF8, "application/json");
            }

            return response;
        }

        // GitHub's error body: message, documentation_url and, on current API versions, the status as a string.
        private string ErrorBody()
        {
            var body = new Dictionary<string, string> { ["message"] = Message! };
            if (DocumentationUrl is not null)
            {
                body["documentation_url"] = DocumentationUrl;
            }

            body["status"] = Status.ToString(CultureInfo.InvariantCulture);
            return JsonConvert.SerializeObject(body);
        }
    }
}
