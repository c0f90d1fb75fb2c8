// The public face of the GitHub simulator: its settings, the fluent setup of users, tokens and packages, and what it recorded.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;

namespace RestoreSdk.Testing;

/// <summary>
/// An in-memory GitHub that answers the two restore routes the way GitHub documents them, as an <see cref="HttpMessageHandler"/>:
/// pass it to <c>new HttpClient(simulator)</c>, or to <c>ConfigurePrimaryHttpMessageHandler(() =&gt; simulator)</c> with dependency injection.
/// </summary>
/// <remarks>
/// <para>
/// Set up users, organizations, tokens and packages with the fluent <c>Add…</c> methods, point
/// <see cref="PackagesClientOptions.BaseAddress"/> at <see cref="BaseAddress"/>, restore, then assert on <see cref="Requests"/>,
/// <see cref="Restores"/> and <see cref="Packages"/>. The simulator's clock is the <see cref="TimeProvider"/> it was created with:
/// the 30-day restore window, rate-limit windows and injected latency all follow it.
/// </para>
/// <para>
/// It is safe to send through from many threads at once. Where GitHub does not document its exact answer, the simulator
/// makes an assumption; the package's README lists each one.
/// </para>
/// </remarks>
public partial class GitHubSimulator : HttpMessageHandler
{
    /// <summary>The classic token of the demo's user (<see cref="DemoUser"/>), with the <c>read:packages</c> and <c>write:packages</c> scopes but not <c>repo</c>. Not a real token.</summary>
    public const string DemoToken = "ghp_SIMULATED0DEMO0TOKEN0NOT0A0REAL0ONE";

    /// <summary>The login of the demo's user, who owns <see cref="DemoToken"/> and is an admin of <see cref="DemoOrganization"/>.</summary>
    public const string DemoUser = "octo-demo";

    /// <summary>The login of the demo's organization.</summary>
    public const string DemoOrganization = "octo-demo-org";

    private static readonly Uri GitHubComAddress = new Uri("https://api.github.com/");
    private static readonly Uri EnterpriseServerAddress = new Uri("https://ghes.example.test/api/v3/");

    private readonly object _gate = new object();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, Account> _accounts = new Dictionary<string, Account>(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Token> _tokens = new Dictionary<string, Token>(StringComparer.Ordinal);
    private readonly List<Package> _packages = new List<Package>();
    private readonly HashSet<string> _packageAdmins = new HashSet<string>(StringComparer.Ordinal);
    private readonly Queue<SimulatedFault> _faults = new Queue<SimulatedFault>();
    private readonly List<SimulatedRequest> _requests = new List<SimulatedRequest>();
    private readonly List<SimulatedRestore> _restores = new List<SimulatedRestore>();
    private int _primaryRateLimit = 5000;
    private int _writesPerMinute = 80;
    private int _writesPerHour = 500;
    private TimeSpan _secondaryRateLimitRetryAfter = TimeSpan.FromSeconds(60);
    private TimeSpan _latency = TimeSpan.Zero;

    /// <summary>Creates an empty simulator: no users, organizations, tokens or packages.</summary>
    /// <param name="timeProvider">The simulator's clock; <see langword="null"/> for the system clock. Tests usually share a fake one with the client.</param>
    /// <param name="product">Which product to simulate: it decides <see cref="BaseAddress"/> and which registries need the <c>repo</c> scope.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="product"/> is not a defined <see cref="GitHubProduct"/>.</exception>
    public GitHubSimulator(TimeProvider? timeProvider = null, GitHubProduct product = GitHubProduct.GitHubCom)
    {
        BaseAddress = product switch
        {
            GitHubProduct.GitHubCom => GitHubComAddress,
            GitHubProduct.EnterpriseServer => EnterpriseServerAddress,
            _ => throw new ArgumentOutOfRangeException(nameof(product), product, $"{product} is not a defined GitHubProduct member."),
        };
        Product = product;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// The REST API root the simulator answers at, to set as <see cref="PackagesClientOptions.BaseAddress"/>:
    /// <c>https://api.github.com/</c> for github.com, <c>https://ghes.example.test/api/v3/</c> for GitHub Enterprise Server.
    /// A request to any other scheme, host or port fails as an unreachable host would, with <see cref="HttpRequestException"/>.
    /// </summary>
    public Uri BaseAddress { get; }

    /// <summary>The product simulated.</summary>
    public GitHubProduct Product { get; }

    /// <summary>The simulator's clock.</summary>
    public TimeProvider TimeProvider => _time;

    /// <summary>The primary rate limit: requests each token owner may make per hour (<c>x-ratelimit-limit</c>). Defaults to 5000, GitHub's limit for a user.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int PrimaryRateLimit
    {
        get => Locked(() => _primaryRateLimit);
        set => Locked(() => _primaryRateLimit = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The primary rate limit must be positive."));
    }

    /// <summary>
    /// The most restore requests one token may make within any 60 seconds on the simulator's clock, judged when each request
    /// arrives; one more meets the secondary rate limit. Defaults to 80, GitHub's documented limit of content-generating
    /// requests per minute. <see cref="int.MaxValue"/> in effect turns this rule off (writes that overlap still meet the limit).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int WritesPerMinute
    {
        get => Locked(() => _writesPerMinute);
        set => Locked(() => _writesPerMinute = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The writes per minute must be positive; int.MaxValue turns the rule off."));
    }

    /// <summary>
    /// The most restore requests one token may make within any hour on the simulator's clock, judged when each request arrives; one more
    /// meets the secondary rate limit, with a <c>retry-after</c> until the hour's oldest write is an hour old (at least
    /// <see cref="SecondaryRateLimitRetryAfter"/>). Defaults to 500, GitHub's documented limit of content-generating requests per hour.
    /// <see cref="int.MaxValue"/> in effect turns this rule off.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int WritesPerHour
    {
        get => Locked(() => _writesPerHour);
        set => Locked(() => _writesPerHour = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The writes per hour must be positive; int.MaxValue turns the rule off."));
    }

    /// <summary>How long a token stays secondary-limited after meeting the limit, sent as <c>retry-after</c> (whole seconds). Defaults to 60 seconds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not at least one second.</exception>
    public TimeSpan SecondaryRateLimitRetryAfter
    {
        get => Locked(() => _secondaryRateLimitRetryAfter);
        set => Locked(() => _secondaryRateLimitRetryAfter = value >= TimeSpan.FromSeconds(1) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "retry-after is at least one second."));
    }

    /// <summary>A delay, on the simulator's clock, before every answer. Defaults to none; see also <see cref="FailNext"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan Latency
    {
        get => Locked(() => _latency);
        set => Locked(() => _latency = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Latency must not be negative."));
    }

    /// <summary>Every request received, in order of arrival, with secrets masked.</summary>
    public IReadOnlyList<SimulatedRequest> Requests => Locked(() => (IReadOnlyList<SimulatedRequest>)_requests.ToList());

    /// <summary>Every restore answered with 204, in order: the summary of which packages came back.</summary>
    public IReadOnlyList<SimulatedRestore> Restores => Locked(() => (IReadOnlyList<SimulatedRestore>)_restores.ToList());

    /// <summary>
    /// Every package the simulator holds, in the order they were added, as they are now. For the demo (<see cref="CreateDemo"/>),
    /// every package is deleted: restoring each one in this order shows the demo's outcomes.
    /// </summary>
    public IReadOnlyList<SimulatedPackage> Packages => Locked(() => (IReadOnlyList<SimulatedPackage>)_packages.Select(package => package.Snapshot(IsOrganization(package.Owner))).ToList());

    /// <summary>
    /// Creates a github.com simulator with a small demo state, for offline demonstrations. Restoring each of its
    /// <see cref="Packages"/> (all deleted) with a default-options <see cref="PackagesClient"/> whose
    /// <see cref="PackagesClientOptions.BaseAddress"/> is <see cref="BaseAddress"/> and <see cref="PackagesClientOptions.Token"/> is
    /// <see cref="DemoToken"/> gives, in order:
    /// <list type="number">
    /// <item><description>204 for the container image <c>octo-demo-org/web</c> of <see cref="DemoOrganization"/>, deleted 2 days ago (the user is an admin of the organization and of the package);</description></item>
    /// <item><description>204 for the user's npm package <c>left-pad</c>, deleted 3 days ago;</description></item>
    /// <item><description>404 for the user's NuGet package <c>Octo.Legacy</c>, deleted 45 days ago, beyond the 30-day window;</description></item>
    /// <item><description>403 for the user's Maven package <c>com.octodemo.core</c>, deleted 1 day ago: the token lacks the <c>repo</c> scope Maven needs.</description></item>
    /// </list>
    /// </summary>
    /// <param name="timeProvider">The simulator's clock; <see langword="null"/> for the system clock. Deletion times are relative to its current time.</param>
    /// <returns>The simulator.</returns>
    public static GitHubSimulator CreateDemo(TimeProvider? timeProvider = null)
    {
        var simulator = new GitHubSimulator(timeProvider);
        var now = simulator._time.GetUtcNow();
        return simulator
            .AddUser(DemoUser)
            .AddOrganization(DemoOrganization, DemoUser)
            .AddClassicToken(DemoToken, DemoUser, "read:packages", "write:packages")
            .AddDeletedPackage(DemoOrganization, "container", "octo-demo-org/web", now - TimeSpan.FromDays(2))
            .AddPackageAdmin(DemoOrganization, "container", "octo-demo-org/web", DemoUser)
            .AddDeletedPackage(DemoUser, "npm", "left-pad", now - TimeSpan.FromDays(3))
            .AddDeletedPackage(DemoUser, "nuget", "Octo.Legacy", now - TimeSpan.FromDays(45))
            .AddDeletedPackage(DemoUser, "maven", "com.octodemo.core", now - TimeSpan.FromDays(1));
    }

    /// <summary>Adds a user account; adding an existing user again does nothing.</summary>
    /// <param name="login">The user's login (not case sensitive, like GitHub's).</param>
    /// <returns>This simulator, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="login"/> is empty, or is an organization's login.</exception>
    public GitHubSimulator AddUser(string login)
    {
        RequireName(login, nameof(login));
        Locked(() => AccountOf(login, organization: false, nameof(login)));
        return this;
    }

    /// <summary>Adds an organization with the given admins (added as users when unknown); adding it again adds the new admins.</summary>
    /// <param name="login">The organization's login (not case sensitive).</param>
    /// <param name="admins">Logins of users with admin rights in the organization.</param>
    /// <returns>This simulator, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="login"/> or an admin is empty, or a login is taken by the other kind of account.</exception>
    public GitHubSimulator AddOrganization(string login, params string[] admins)
    {
        RequireName(login, nameof(login));
        RequireNames(admins, nameof(admins));
        Locked(() =>
        {
            var organization = AccountOf(login, organization: true, nameof(login));
            foreach (var admin in admins)
            {
                organization.Admins.Add(AccountOf(admin, organization: false, nameof(admins)).Login);
            }
        });
        return this;
    }

    /// <summary>Makes <paramref name="login"/> an admin of an organization's package, as the organization route requires for Container, npm, NuGet and RubyGems packages.</summary>
    /// <param name="owner">The organization that owns the package.</param>
    /// <param name="packageType">The package type as GitHub spells it on the wire, such as <c>container</c>.</param>
    /// <param name="packageName">The package's name.</param>
    /// <param name="login">The user (added when unknown).</param>
    /// <returns>This simulator, for chaining.</returns>
    /// <exception cref="ArgumentException">An argument is empty, <paramref name="packageType"/> is not a package type, or <paramref name="owner"/> is not a known organization.</exception>
    public GitHubSimulator AddPackageAdmin(string owner, string packageType, string packageName, string login)
    {
        RequirePackage(owner, packageType, packageName);
        RequireName(login, nameof(login));
        Locked(() =>
        {
            if (!IsOrganization(owner))
            {
                throw new ArgumentException($"'{owner}' is not an organization added with AddOrganization; package admins matter only on the organization route.", nameof(owner));
            }

            _packageAdmins.Add(PackageAdminKey(owner, packageType, packageName, AccountOf(login, organization: false, nameof(login)).Login));
        });
        return this;
    }

    /// <summary>Adds a personal access token (classic) of <paramref name="owner"/> (added as a user when unknown) with the given OAuth scopes.</summary>
    /// <param name="token">The token text the client will send; any non-empty text.</param>
    /// <param name="owner">The user the token belongs to.</param>
    /// <param name="scopes">The token's scopes, such as <c>read:packages</c>, <c>write:packages</c> and <c>repo</c>; sent back in <c>X-OAuth-Scopes</c>.</param>
    /// <returns>This simulator, for chaining.</returns>
    /// <exception cref="ArgumentException">An argument is empty, the token is already added, or <paramref name="owner"/> is an organization.</exception>
    public GitHubSimulator AddClassicToken(string token, string owner, params string[] scopes)
    {
        RequireNames(scopes, nameof(scopes));
        return AddToken(token, owner, SimulatedTokenKind.Classic, scopes);
    }

    /// <summary>Adds a token of a kind the restore routes do not accept as a classic one; see <see cref="SimulatedTokenKind"/> for how each is answered.</summary>
    /// <param name="token">The token text the client will send.</param>
    /// <param name="kind">The token's kind; for <see cref="SimulatedTokenKind.Classic"/> use <see cref="AddClassicToken"/>.</param>
    /// <param name="owner">
    /// The user the token acts for (added as a user when unknown), or for <see cref="SimulatedTokenKind.GitHubActions"/> and
    /// <see cref="SimulatedTokenKind.AppInstallation"/> the organization or user the workflow's repository or the installation belongs to.
    /// </param>
    /// <returns>This simulator, for chaining.</returns>
    /// <exception cref="ArgumentException">An argument is empty, the token is already added, or <paramref name="kind"/> is classic or undefined.</exception>
    public GitHubSimulator AddToken(string token, SimulatedTokenKind kind, string owner)
    {
        if (kind is SimulatedTokenKind.Classic || !Enum.IsDefined(typeof(SimulatedTokenKind), kind))
        {
            throw new ArgumentException($"{kind} is not a kind AddToken adds; use AddClassicToken for classic tokens.", nameof(kind));
        }

        return AddToken(token, owner, kind, Array.Empty<string>());
    }

    /// <summary>Adds an active package: restoring it answers 404, and a deleted package of the same name then has its namespace reused.</summary>
    /// <param name="owner">The user or organization that owns it (already added).</param>
    /// <param name="packageType">The package type as GitHub spells it on the wire: <c>npm</c>, <c>maven</c>, <c>rubygems</c>, <c>docker</c>, <c>nuget</c> or <c>container</c>.</param>
    /// <param name="packageName">The package's name, exactly.</param>
    /// <returns>This simulator, for chaining.</returns>
    /// <exception cref="ArgumentException">An argument is empty, the type is unknown, the owner was not added, or an active package of that name exists.</exception>
    public GitHubSimulator AddPackage(string owner, string packageType, string packageName) =>
        AddPackage(owner, packageType, packageName, SimulatedPackageState.Active, null);

    /// <summary>Adds a package deleted at <paramref name="deletedAt"/>: restorable while the simulator's clock is within 30 days of it and no active package took its name.</summary>
    /// <param name="owner">The user or organization that owns it (already added).</param>
    /// <param name="packageType">The package type as GitHub spells it on the wire: <c>npm</c>, <c>maven</c>, <c>rubygems</c>, <c>docker</c>, <c>nuget</c> or <c>container</c>.</param>
    /// <param name="packageName">The package's name, exactly.</param>
    /// <param name="deletedAt">When it was deleted.</param>
    /// <returns>This simulator, for chaining.</returns>
    /// <exception cref="ArgumentException">An argument is empty, the type is unknown, or the owner was not added.</exception>
    public GitHubSimulator AddDeletedPackage(string owner, string packageType, string packageName, DateTimeOffset deletedAt) =>
        AddPackage(owner, packageType, packageName, SimulatedPackageState.Deleted, deletedAt);

    /// <summary>Adds a package deleted for good (purged), which no restore brings back: restoring it answers 404.</summary>
    /// <param name="owner">The user or organization that owned it (already added).</param>
    /// <param name="packageType">The package type as GitHub spells it on the wire.</param>
    /// <param name="packageName">The package's name, exactly.</param>
    /// <param name="deletedAt">When it was deleted.</param>
    /// <returns>This simulator, for chaining.</returns>
    /// <exception cref="ArgumentException">An argument is empty, the type is unknown, or the owner was not added.</exception>
    public GitHubSimulator AddGonePackage(string owner, string packageType, string packageName, DateTimeOffset deletedAt) =>
        AddPackage(owner, packageType, packageName, SimulatedPackageState.Gone, deletedAt);

    /// <summary>Queues a fault for the next request not yet given one; faults apply in the order queued, one per request.</summary>
    /// <param name="fault">The fault, from <see cref="SimulatedFault.ServerError"/>, <see cref="SimulatedFault.DroppedConnection"/> or <see cref="SimulatedFault.Latency"/>.</param>
    /// <returns>This simulator, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fault"/> is null.</exception>
    public GitHubSimulator FailNext(SimulatedFault fault)
    {
        if (fault is null)
        {
            throw new ArgumentNullException(nameof(fault));
        }

        Locked(() => _faults.Enqueue(fault));
        return this;
    }

    private static void RequireName(string value, string parameterName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(parameterName);
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{parameterName} must not be empty or whitespace.", parameterName);
        }
    }

    private static void RequireNames(string[] values, string parameterName)
    {
        if (values is null)
        {
            throw new ArgumentNullException(parameterName);
        }

        foreach (var value in values)
        {
            RequireName(value, parameterName);
        }
    }

    private static void RequirePackage(string owner, string packageType, string packageName)
    {
        RequireName(owner, nameof(owner));
        RequireName(packageType, nameof(packageType));
        RequireName(packageName, nameof(packageName));
        if (!SimulatedRegistries.IsPackageType(packageType))
        {
            throw new ArgumentException($"'{packageType}' is not a package type; use npm, maven, rubygems, docker, nuget or container.", nameof(packageType));
        }
    }

    private static string PackageAdminKey(string owner, string packageType, string packageName, string login) =>
        string.Join("\n", owner.ToUpperInvariant(), packageType, packageName, login.ToUpperInvariant());

    private GitHubSimulator AddToken(string token, string owner, SimulatedTokenKind kind, IReadOnlyList<string> scopes)
    {
        RequireName(token, nameof(token));
        RequireName(owner, nameof(owner));
        Locked(() =>
        {
            if (_tokens.ContainsKey(token))
            {
                throw new ArgumentException("This token was already added.", nameof(token));
            }

            var account = kind is SimulatedTokenKind.Classic or SimulatedTokenKind.FineGrained
                ? AccountOf(owner, organization: false, nameof(owner))
                : _accounts.TryGetValue(owner, out var existing) ? existing : AccountOf(owner, organization: false, nameof(owner));
            _tokens.Add(token, new Token(kind, account.Login, scopes.ToList()));
        });
        return this;
    }

    private GitHubSimulator AddPackage(string owner, string packageType, string packageName, SimulatedPackageState state, DateTimeOffset? deletedAt)
    {
        RequirePackage(owner, packageType, packageName);
        Locked(() =>
        {
            if (!_accounts.TryGetValue(owner, out var account))
            {
                throw new ArgumentException($"'{owner}' is not a known user or organization; add it with AddUser or AddOrganization first.", nameof(owner));
            }

            if (state == SimulatedPackageState.Active && FindPackages(account.Login, packageType, packageName).Any(package => package.State == SimulatedPackageState.Active))
            {
                throw new ArgumentException($"{account.Login} already has an active {packageType} package '{packageName}'.", nameof(packageName));
            }

            _packages.Add(new Package(account.Login, packageType, packageName, state, deletedAt));
        });
        return this;
    }

    // Callers hold _gate.
    private Account AccountOf(string login, bool organization, string parameterName)
    {
        if (_accounts.TryGetValue(login, out var account))
        {
            return account.IsOrganization == organization
                ? account
                : throw new ArgumentException($"'{login}' is already {(account.IsOrganization ? "an organization" : "a user")}.", parameterName);
        }

        account = new Account(login, organization, _accounts.Count + 1);
        _accounts.Add(login, account);
        return account;
    }

    // Callers hold _gate.
    private bool IsOrganization(string login) => _accounts.TryGetValue(login, out var account) && account.IsOrganization;

    // Callers hold _gate.
    private IEnumerable<Package> FindPackages(string owner, string packageType, string packageName) =>
        _packages.Where(package => string.Equals(package.Owner, owner, StringComparison.OrdinalIgnoreCase)
            && package.PackageType == packageType
            && package.Name == packageName);

    private T Locked<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    private void Locked(Action change)
    {
        lock (_gate)
        {
            change();
        }
    }

    private sealed class Account
    {
        public Account(string login, bool isOrganization, int id)
        {
            Login = login;
            IsOrganization = isOrganization;
            Id = id;
        }

        public string Login { get; }

        public bool IsOrganization { get; }

        public int Id { get; }

        public HashSet<string> Admins { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
    }

    private sealed class Token
    {
        public Token(SimulatedTokenKind kind, string owner, IReadOnlyList<string> scopes)
        {
            Kind = kind;
            Owner = owner;
            Scopes = scopes;
        }

        public SimulatedTokenKind Kind { get; }

        public string Owner { get; }

        public IReadOnlyList<string> Scopes { get; }
    }

    private sealed class Package
    {
        public Package(string owner, string packageType, string name, SimulatedPackageState state, DateTimeOffset? deletedAt)
        {
            Owner = owner;
            PackageType = packageType;
            Name = name;
            State = state;
            DeletedAt = deletedAt;
        }

        public string Owner { get; }

        public string PackageType { get; }

        public string Name { get; }

        public SimulatedPackageState State { get; set; }

        public DateTimeOffset? DeletedAt { get; }

        public DateTimeOffset? RestoredAt { get; set; }

        public SimulatedPackage Snapshot(bool ownedByOrganization) =>
            new SimulatedPackage(Owner, ownedByOrganization, PackageType, Name, State, DeletedAt, RestoredAt);
    }
}
