// One package Restore-GitHubPackage was given, checked and normalized before anything is sent: what to send and what it requires.
using System;
using System.Linq;

namespace RestoreSdk.PowerShell.Engine;

/// <summary>A validated package: organization (null for the token's user), registry, name, and the SDK request.</summary>
internal sealed class PackageRequest
{
    /// <summary>The registries GitHub restores, as spelled on the wire.</summary>
    public static readonly string[] Types = Enum.GetNames(typeof(UserPackageType)).Select(name => name.ToLowerInvariant()).ToArray();

    private PackageRequest(string? org, string type, string name, PackageToRestore package)
    {
        Org = org;
        Type = type;
        Name = name;
        Package = package;
    }

    /// <summary>The owning organization, or null for a package of the token's user.</summary>
    public string? Org { get; }

    /// <summary>The registry's wire value: npm, maven, rubygems, docker, nuget or container.</summary>
    public string Type { get; }

    public string Name { get; }

    /// <summary>How messages name the package: "npm package 'left-pad' of the token's user" or "... of organization 'acme'".</summary>
    public string Label => Org is null
        ? $"{Type} package '{Name}' of the token's user"
        : $"{Type} package '{Name}' of organization '{Org}'";

    /// <summary>The organization (case-insensitive, as GitHub), type and name, to list a package once.</summary>
    public string Key => $"{Org?.ToLowerInvariant()}/{Type}/{Name}";

    internal PackageToRestore Package { get; }

    /// <summary>
    /// Checks one input as the tool checks a CSV row: type in any case, name and organization trimmed, an empty organization meaning
    /// the token's user; then the SDK's own checks. Throws <see cref="ArgumentException"/> with a message naming the problem.
    /// </summary>
    public static PackageRequest Create(string? org, string? type, string? name, string? packageToken)
    {
        var wireType = (type ?? string.Empty).Trim().ToLowerInvariant();
        if (!Types.Contains(wireType, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Unknown package type '{PrintableText.Escape(type ?? string.Empty)}' (expected one of {string.Join(", ", Types)}).");
        }

        var trimmedName = (name ?? string.Empty).Trim();
        if (trimmedName.Length == 0)
        {
            throw new ArgumentException("The package name is empty.");
        }

        var trimmedOrg = (org ?? string.Empty).Trim();
        CheckPrintable(trimmedName, "package name");
        CheckPrintable(trimmedOrg, "organization");
        var package = trimmedOrg.Length == 0
            ? PackageToRestore.ForUser(ParseEnum<UserPackageType>(wireType), trimmedName, packageToken)
            : PackageToRestore.ForOrg(trimmedOrg, ParseEnum<OrgPackageType>(wireType), trimmedName, packageToken);
        return new PackageRequest(trimmedOrg.Length == 0 ? null : trimmedOrg, wireType, trimmedName, package);
    }

    /// <summary>An input as given, for an error message, with unprintable characters escaped.</summary>
    public static string DescribeInput(string? org, string? type, string? name) =>
        $"org '{PrintableText.Escape(org ?? string.Empty)}', type '{PrintableText.Escape(type ?? string.Empty)}', name '{PrintableText.Escape(name ?? string.Empty)}'";

    /// <summary>What restoring it takes on <paramref name="product"/>: token scopes and admin rights, in words (the SDK's text).</summary>
    public string Requirement(GitHubProduct product) => (Org is null
        ? RestoreRequirements.ForUser(ParseEnum<UserPackageType>(Type), product)
        : RestoreRequirements.ForOrg(ParseEnum<OrgPackageType>(Type), product)).ToString();

    private static TEnum ParseEnum<TEnum>(string wireType)
        where TEnum : struct => (TEnum)Enum.Parse(typeof(TEnum), wireType, ignoreCase: true);

    // No GitHub package or organization has a control, line-break or bidirectional character; shown, one could forge a line.
    private static void CheckPrintable(string value, string what)
    {
        if (value.Any(PrintableText.IsUnsafe))
        {
            throw new ArgumentException($"The {what} '{PrintableText.Escape(value)}' contains a control, line-break or bidirectional character, which no GitHub {what} has.");
        }
    }
}
