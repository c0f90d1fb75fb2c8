// Sends every restore route × package type × awkward name, with and without a package token, through PackagesClient to Prism (build/check-prism.sh), proves wrong requests are caught, and writes the tool's CSV.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RestoreSdk;

namespace PrismProbe;

internal static class Program
{
    private const string Org = "octo-org";

    // Dummy credentials: Prism checks no token, but the SDK must send one and print none.
    private const string Token = "ghp_prismProbeDummyToken0000000000000000";
    private const string PackageToken = "pkg tok&en=#%+/?\u00e9";

    // Package names as users type them, each awkward in a URL in its own way.
    private static readonly string[] AwkwardNames =
    {
        "plain-name",
        "owner/image",
        "with space",
        "a?b",
        "a#b",
        "100%",
        "%2F",
        "@scope/name",
        "a+b&c=d;e,f",
        "back\\slash",
        "na\u00efve-\u65e5\u672c\u8a9e",
        "box-\U0001F4E6",
        "cafe\u0301",
        "...",
        ".hidden",
        "~tilde",
        "it's \"quoted\"",
        "line\nbreak",
    };

    private static async Task<int> Main(string[] args)
    {
        if (args.Length != 2 || !Uri.TryCreate(args[0], UriKind.Absolute, out var baseAddress))
        {
            Console.Error.WriteLine("usage: PrismProbe <Prism base URL> <CSV file to write for restore-package>");
            return 2;
        }

        var toolRows = WriteToolCsv(args[1]);
        var verdicts = new VerdictHandler(new SocketsHttpHandler { AllowAutoRedirect = false });
        using var http = new HttpClient(verdicts);
        var client = new PackagesClient(http, new PackagesClientOptions
        {
            BaseAddress = baseAddress,
            Token = Token,
            // Prism is on loopback: no pacing or write budgets, and one request per call so each verdict belongs to one call.
            MinimumWriteInterval = TimeSpan.Zero,
            WritesPerHour = 0,
            WritesPerMinute = 0,
            MaxRetries = 0,
        });

        var problems = new List<string>();
        var rows = new List<(string Route, string Type, Verdict Verdict)>();
        foreach (var route in new[] { "user", "org" })
        {
            var types = route == "user"
                ? Enum.GetValues(typeof(UserPackageType)).Cast<object>().ToArray()
                : Enum.GetValues(typeof(OrgPackageType)).Cast<object>().ToArray();
            foreach (var type in types)
            {
                foreach (var name in AwkwardNames)
                {
                    foreach (var packageToken in new[] { null, PackageToken })
                    {
                        var before = verdicts.Count;
                        var call = $"{route} {type} '{Escape(name)}'{(packageToken is null ? "" : " with a package token")}";
                        try
                        {
                            var result = route == "user"
                                ? await client.RestorePackageForAuthenticatedUserAsync((UserPackageType)type, name, packageToken)
                                : await client.RestorePackageForOrgAsync(Org, (OrgPackageType)type, name, packageToken);
                            if (result.StatusCode != 204)
                            {
                                problems.Add($"{call}: the SDK reported status {result.StatusCode}, not 204");
                            }
                        }
                        catch (ArgumentException refused)
                        {
                            problems.Add($"{call}: the SDK refused to send it: {refused.Message}");
                        }
                        catch (GitHubApiException)
                        {
                            // Prism's rejection: its verdict below says why.
                        }

                        var sent = verdicts.Since(before);
                        if (sent.Count != 1)
                        {
                            problems.Add($"{call}: {sent.Count} requests reached Prism instead of 1");
                        }

                        rows.AddRange(sent.Select(v => (route, type.ToString()!.ToLowerInvariant(), v)));
                    }
                }
            }
        }

        PrintTable(rows);
        PrintTargets(rows);
        foreach (var row in rows.Where(r => !r.Verdict.Accepted))
        {
            problems.Add($"Prism rejected {row.Verdict.Describe()}: {row.Verdict.Violations}");
        }

        var controls = await SendControlsAsync(http, verdicts, baseAddress);
        foreach (var (why, verdict) in controls)
        {
            Console.WriteLine($"control ({why}): {(verdict.Accepted ? "ACCEPTED" : "rejected")} {verdict.Describe()}: {verdict.Violations}");
            if (verdict.Accepted)
            {
                problems.Add($"the deliberately wrong request ({why}) was not caught, so this check cannot tell a rejection: {verdict.Describe()}");
            }
        }

        foreach (var problem in problems)
        {
            Console.WriteLine("FAIL " + problem);
        }

        var accepted = rows.Count(r => r.Verdict.Accepted);
        Console.WriteLine($"sdk: {rows.Count} requests sent, {accepted} accepted, {rows.Count - accepted} rejected");
        Console.WriteLine($"controls: {controls.Count} wrong requests sent, {controls.Count(c => !c.Verdict.Accepted)} rejected");
        // Read by build/check-prism.sh to reconcile with Prism's own log.
        Console.WriteLine($"prism-requests: {verdicts.Count}");
        Console.WriteLine($"prism-rejections: {verdicts.All.Count(v => !v.Accepted)}");
        Console.WriteLine($"tool-rows: {toolRows}");
        return problems.Count == 0 ? 0 : 1;
    }

    // Negative controls, sent raw because the SDK cannot send them: each must come back rejected.
    private static async Task<List<(string Why, Verdict Verdict)>> SendControlsAsync(HttpClient http, VerdictHandler verdicts, Uri baseAddress)
    {
        var controls = new (string Why, HttpMethod Method, string RelativeTarget)[]
        {
            ("unencoded '#': the rest of the name becomes a fragment", HttpMethod.Post, "user/packages/npm/a#b/restore"),
            ("unencoded '/' in the name", HttpMethod.Post, $"orgs/{Org}/packages/container/owner/image/restore"),
            ("package type outside the description's enum", HttpMethod.Post, "user/packages/gradle/plain-name/restore"),
            ("GET instead of POST", HttpMethod.Get, "user/packages/npm/plain-name/restore"),
        };
        var results = new List<(string, Verdict)>();
        foreach (var (why, method, target) in controls)
        {
            var before = verdicts.Count;
            using var request = new HttpRequestMessage(method, new Uri(baseAddress, target));
            using var response = await http.SendAsync(request);
            results.Add((why, verdicts.Since(before).Single()));
        }

        return results;
    }

    private static void PrintTable(List<(string Route, string Type, Verdict Verdict)> rows)
    {
        Console.WriteLine($"{"route",-6} {"type",-10} {"sent",5} {"accepted",9} {"rejected",9}");
        foreach (var group in rows.GroupBy(r => (r.Route, r.Type)))
        {
            var accepted = group.Count(r => r.Verdict.Accepted);
            Console.WriteLine($"{group.Key.Route,-6} {group.Key.Type,-10} {group.Count(),5} {accepted,9} {group.Count() - accepted,9}");
        }
    }

    // What the names looked like on the wire, once (the org route with a package token; every other row differs only in route and type).
    private static void PrintTargets(List<(string Route, string Type, Verdict Verdict)> rows)
    {
        Console.WriteLine("request targets sent for the org route, type npm, with a package token:");
        foreach (var (_, _, verdict) in rows.Where(r => r.Route == "org" && r.Type == "npm" && r.Verdict.Target.Contains("token=")))
        {
            Console.WriteLine($"  {verdict.Status} {verdict.Target}");
        }
    }

    // The tool paces requests 1 s apart, so it gets each name once, spread over both routes and every type;
    // not the names with a control character, which it refuses before sending anything (no GitHub package has one).
    private static int WriteToolCsv(string path)
    {
        var types = Enum.GetNames(typeof(UserPackageType)).Select(t => t.ToLowerInvariant()).ToArray();
        var names = AwkwardNames.Where(n => !n.Any(char.IsControl)).ToArray();
        var csv = new StringBuilder("org,type,name\n");
        for (var i = 0; i < names.Length; i++)
        {
            var org = i % 2 == 0 ? "" : Org;
            csv.Append(org).Append(',').Append(types[i % types.Length]).Append(',')
                .Append('"').Append(names[i].Replace("\"", "\"\"")).Append('"').Append('\n');
        }

        File.WriteAllText(path, csv.ToString(), new UTF8Encoding(false));
        return names.Length;
    }

    private static string Escape(string text) => JsonSerializer.Serialize(text).Trim('"');
}

/// <summary>Prism's answer to one request. Accepted means a 2xx without an sl-violations header; anything else is a rejection.</summary>
internal sealed record Verdict(string Method, string Target, int Status, bool Accepted, string Violations)
{
    public string Describe() => $"{Status} {Method} {Target}";
}

/// <summary>Sees every request the SDK sends and Prism's answer, and judges it; it changes nothing on the way.</summary>
internal sealed class VerdictHandler : DelegatingHandler
{
    private readonly List<Verdict> verdicts = new List<Verdict>();

    public VerdictHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    public int Count
    {
        get { lock (verdicts) { return verdicts.Count; } }
    }

    public IReadOnlyList<Verdict> All
    {
        get { lock (verdicts) { return verdicts.ToList(); } }
    }

    public IReadOnlyList<Verdict> Since(int index)
    {
        lock (verdicts)
        {
            return verdicts.Skip(index).ToList();
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync();
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var hasViolations = response.Headers.TryGetValues("sl-violations", out var header);
        var accepted = status is >= 200 and < 300 && !hasViolations;
        var violations = hasViolations ? string.Join(" ", header!) : accepted ? "" : ViolationsIn(body, status);
        var target = request.RequestUri!.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped);
        lock (verdicts)
        {
            verdicts.Add(new Verdict(request.Method.Method, MaskToken(target), status, accepted, violations));
        }

        return response;
    }

    // Prism's problem+json: the validation messages if any, else its title and detail.
    private static string ViolationsIn(string body, int status)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            var root = problem.RootElement;
            if (root.TryGetProperty("validation", out var validation) && validation.ValueKind == JsonValueKind.Array)
            {
                return string.Join("; ", validation.EnumerateArray().Select(v => v.GetProperty("message").GetString()));
            }

            return $"{root.GetProperty("title").GetString()}: {root.GetProperty("detail").GetString()}";
        }
        catch (Exception unreadable) when (unreadable is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"status {status} without a Prism problem document: {body}";
        }
    }

    // The package token is a dummy, but secrets are never printed.
    private static string MaskToken(string target)
    {
        var query = target.IndexOf('?');
        if (query < 0)
        {
            return target;
        }

        var parameters = target.Substring(query + 1).Split('&')
            .Select(p => p.StartsWith("token=", StringComparison.Ordinal) ? "token=***" : p);
        return target.Substring(0, query + 1) + string.Join("&", parameters);
    }
}
