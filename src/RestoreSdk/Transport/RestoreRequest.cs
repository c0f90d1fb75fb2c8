// One validated restore call: its route, registry and arguments, checked before anything is sent and used to describe failures.
using System;
using System.Linq;

namespace RestoreSdk;

internal sealed class RestoreRequest
{
    public const string UserRoute = "/user/packages/{package_type}/{package_name}/restore";
    public const string OrgRoute = "/orgs/{org}/packages/{package_type}/{package_name}/restore";

    private RestoreRequest(string route, string? org, PackageRegistry registry, string packageName, GitHubInstance instance, SecretRedactor secrets)
    {
        Secrets = secrets;
        Route = route;
        Instance = instance;
        Org = org;
        Registry = registry;
        PackageName = packageName;
    }

    public string Route { get; }

    public GitHubInstance Instance { get; }

    public string? Org { get; }

    public PackageRegistry Registry { get; }

    public string PackageName { get; }

    /// <summary>This call's token and package token, masked in everything the call shows; a token provider's tokens join as they are sent.</summary>
    public SecretRedactor Secrets { get; }

    /// <summary>The package for logs and messages, with line-breaking and bidirectional characters escaped so a name cannot forge lines.</summary>
    public string PackageLabel => $"{Registry.WireName} package '{Printable(PackageName)}'";

    /// <summary>The package and its owner, such as <c>npm package 'left-pad' of organization 'acme'</c>.</summary>
    public string Subject => SubjectOf(Registry, Org, PackageName);

    public string Description => $"Restoring the {Subject}";

    public RestoreRequirements Requirements => RestoreRequirements.For(Registry, organization: Org is not null, Instance.Product);

    public static RestoreRequest ForUser(ClientSettings settings, UserPackageType packageType, string packageName, string? packageToken) =>
        new RestoreRequest(UserRoute, null, CheckUser(settings, packageType, packageName, packageToken), packageName, settings.Instance, settings.TokenSecrets.With(packageToken));

    public static RestoreRequest ForOrg(ClientSettings settings, string org, OrgPackageType packageType, string packageName, string? packageToken) =>
        new RestoreRequest(OrgRoute, org, CheckOrg(settings, org, packageType, packageName, packageToken), packageName, settings.Instance, settings.TokenSecrets.With(packageToken));

    /// <summary>Checks a user restore's arguments, against <paramref name="settings"/> too unless null (before a client is known).</summary>
    public static PackageRegistry CheckUser(ClientSettings? settings, UserPackageType packageType, string packageName, string? packageToken)
    {
        var registry = PackageRegistry.Of(packageType, nameof(packageType));
        RequirePathSegment(packageName, nameof(packageName));
        RequirePackageToken(settings, packageToken);
        return registry;
    }

    /// <summary>Checks an organization restore's arguments, against <paramref name="settings"/> too unless null (before a client is known).</summary>
    public static PackageRegistry CheckOrg(ClientSettings? settings, string org, OrgPackageType packageType, string packageName, string? packageToken)
    {
        RequirePathSegment(org, nameof(org));
        var registry = PackageRegistry.Of(packageType, nameof(packageType));
        RequirePathSegment(packageName, nameof(packageName));
        RequirePackageToken(settings, packageToken);
        return registry;
    }

    public static string SubjectOf(PackageRegistry registry, string? org, string packageName)
    {
        var label = $"{registry.WireName} package '{Printable(packageName)}'";
        return org is null ? $"{label} of the authenticated user" : $"{label} of organization '{Printable(org)}'";
    }

    private static void RequirePathSegment(string value, string parameterName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(parameterName);
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{parameterName} must not be empty or whitespace.", parameterName);
        }

        if (value == "." || value == "..")
        {
            throw new ArgumentException(
                $"{parameterName} '{value}' is a relative path segment that HTTP clients and servers resolve into another route, so it cannot be sent safely.",
                parameterName);
        }

        if (HasUnpairedSurrogate(value))
        {
            throw new ArgumentException(
                $"{parameterName} contains an unpaired UTF-16 surrogate, which has no UTF-8 form, so GitHub could not receive it exactly.",
                parameterName);
        }
    }

    private static void RequirePackageToken(ClientSettings? settings, string? packageToken)
    {
        if (packageToken is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(packageToken) || HasUnpairedSurrogate(packageToken))
        {
            throw new ArgumentException(
                "packageToken must be null (to send no token parameter) or non-empty text without unpaired UTF-16 surrogates.",
                nameof(packageToken));
        }

        if (settings is not null && settings.IsPlainHttpToAnotherHost && !settings.AllowTokenOverPlainHttp)
        {
            throw new ArgumentException(
                $"packageToken would travel unencrypted over plain http to {settings.BaseAddress.Host}; use https, or set AllowTokenOverPlainHttp for a server without TLS.",
                nameof(packageToken));
        }
    }

    private static string Printable(string value) => PrintableText.Escape(value);

    private static bool HasUnpairedSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }

        return false;
    }
}
