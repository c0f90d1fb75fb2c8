// One package the user asked for, as typed (command line or CSV row), with where it came from for error messages.
namespace RestoreSdk.Cli.Input;

/// <param name="Org">The owning organization, or null for the authenticated user's package.</param>
/// <param name="Type">The registry's wire value: npm, maven, rubygems, docker, nuget or container.</param>
/// <param name="Name">The package name, exactly as given.</param>
/// <param name="Source">Where it was given, such as "line 4 of packages.csv" or "--name".</param>
internal sealed record RequestedPackage(string? Org, string Type, string Name, string Source)
{
    /// <summary>How messages name the package, such as "npm left-pad" or "container acme/web (org acme)".</summary>
    public string Label => Describe(Org, Type, Name);

    public static string Describe(string? org, string type, string name) => org is null ? $"{type} {name}" : $"{type} {name} (org {org})";
}
