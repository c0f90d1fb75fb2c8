// Turns the requested packages into the batch to send: validated by the SDK, duplicates listed once, journal entries skipped.
using System;
using System.Collections.Generic;
using System.Linq;
using RestoreSdk.Cli.Input;
using RestoreSdk.Cli.Output;

namespace RestoreSdk.Cli.Planning;

/// <summary>
/// One package of the plan: what was asked, the SDK's request, whether the journal already records it restored, and an earlier run's request
/// for it that the journal records without an answer (GitHub may have restored it).
/// </summary>
internal sealed record PlannedPackage(RequestedPackage Requested, PackageToRestore Package, bool AlreadyRestored, UnansweredSend? EarlierSend = null)
{
    public PackageKey Key => PackageKey.Of(Requested.Org, Requested.Type, Requested.Name);
}

/// <summary>A package's identity for duplicates and the journal: organization logins compare without case, names exactly.</summary>
internal readonly record struct PackageKey(string Org, string Type, string Name)
{
    public static PackageKey Of(string? org, string type, string name) =>
        new PackageKey(org?.ToLowerInvariant() ?? string.Empty, type, name);
}

internal sealed class RestorePlan
{
    private RestorePlan(IReadOnlyList<PlannedPackage> packages, IReadOnlyList<string> notes)
    {
        Packages = packages;
        Notes = notes;
    }

    public IReadOnlyList<PlannedPackage> Packages { get; }

    /// <summary>What the plan changed from the input (duplicates dropped), for standard error.</summary>
    public IReadOnlyList<string> Notes { get; }

    public IReadOnlyList<PlannedPackage> ToSend => Packages.Where(package => !package.AlreadyRestored).ToList();

    /// <summary>Builds the plan; an <see cref="InputException"/> names the first package the SDK would refuse, before anything is sent.</summary>
    public static RestorePlan Create(IReadOnlyList<RequestedPackage> requested, string? packageToken, JournalContents journal)
    {
        var seen = new Dictionary<PackageKey, RequestedPackage>();
        var packages = new List<PlannedPackage>();
        var notes = new List<string>();
        foreach (var request in requested)
        {
            var key = PackageKey.Of(request.Org, request.Type, request.Name);
            if (seen.TryGetValue(key, out var first))
            {
                notes.Add($"{request.Source} repeats {first.Source}; it is restored once.");
                continue;
            }

            seen.Add(key, request);
            packages.Add(new PlannedPackage(request, ToSdk(request, packageToken), journal.Restored.Contains(key), journal.Unanswered.GetValueOrDefault(key)));
        }

        return new RestorePlan(packages, notes);
    }

    /// <summary>
    /// The least time from now to the last send: requests go one at a time, <paramref name="spacing"/> apart, and at most
    /// <paramref name="perHour"/> in any rolling hour and <paramref name="perMinute"/> in any rolling minute (0: no such budget),
    /// <paramref name="earlier"/> sends (how long ago, such as the journal's) included; each waits until the oldest of the window's
    /// sends has left it, as the SDK's client does.
    /// </summary>
    public TimeSpan MinimumDuration(TimeSpan spacing, int perHour, int perMinute, IEnumerable<TimeSpan> earlier)
    {
        var count = ToSend.Count;
        var sends = earlier.Select(ago => -ago).OrderBy(at => at).ToList();
        for (var i = 0; i < count; i++)
        {
            var at = i == 0 ? TimeSpan.Zero : sends[^1] + spacing;
            at = perHour > 0 && sends.Count >= perHour ? Max(at, sends[^perHour] + TimeSpan.FromHours(1)) : at;
            sends.Add(perMinute > 0 && sends.Count >= perMinute ? Max(at, sends[^perMinute] + TimeSpan.FromMinutes(1)) : at);
        }

        return count == 0 ? TimeSpan.Zero : sends[^1];
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static PackageToRestore ToSdk(RequestedPackage request, string? packageToken)
    {
        try
        {
            return request.Org is null
                ? PackageToRestore.ForUser(PackageTypes.ToUser(request.Type), request.Name, packageToken)
                : PackageToRestore.ForOrg(request.Org, PackageTypes.ToOrg(request.Type), request.Name, packageToken);
        }
        catch (ArgumentException error)
        {
            throw new InputException($"{request.Source}: {error.Message}");
        }
    }
}

/// <summary>What restoring a planned package requires on the target's product, and how long a plan takes, in words.</summary>
internal static class PlanDescriptions
{
    public static string Requirement(PlannedPackage planned, GitHubProduct product) =>
        (planned.Requested.Org is null
            ? RestoreRequirements.ForUser(PackageTypes.ToUser(planned.Requested.Type), product)
            : RestoreRequirements.ForOrg(PackageTypes.ToOrg(planned.Requested.Type), product)).ToString();

    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.FromMinutes(1))
        {
            return $"{(int)Math.Ceiling(duration.TotalSeconds)} s";
        }

        return duration < TimeSpan.FromHours(1)
            ? $"{(int)duration.TotalMinutes} min {duration.Seconds} s"
            : $"{(int)duration.TotalHours} h {duration.Minutes} min";
    }
}
