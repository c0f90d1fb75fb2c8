// One package the user asked for, as typed (command line or CSV row), with where it came from for error messages.
using RestoreSdk.Cli.Output;

namespace RestoreSdk.Cli.Input;

/// <param name="Org">The owning organization, or null for the authenticated user's package.</param>
/// <param name="Type">The registry's wire value: npm, maven, rubygems, docker, nuget or container.</param>
/// <param name="Name">The package name as given, without surrounding whitespace.</param>
/// <param name="Source">Where it was given, such as "line 4 of packages.csv" or "--name".</param>
internal sealed record RequestedPackage(string? Org, string Type, string Name, string Source)
{
    /// <summary>How messages name the package, such as "npm left-pad" or "container acme/web (org acme)".</summary>
    public string Label => Describe(Org, Type, Name);

    public static string Describe(string? org, string type, string name) => org is null ? $"{type} {name}" : $"{type} {name} (org {org})";

    /// <summary>
    /// Refuses a name or organization with a control character, line or paragraph separator or bidirectional control: no GitHub
    /// package or organization has one, and shown on a terminal it could forge a line or recolour the output.
    /// </summary>
    public static void CheckPrintable(string value, string what, string where)
    {
        if (Printable.FirstUnsafe(value) is { } character)
        {
            throw new InputException($"{where}: the {what} '{Printable.Escape(value)}' contains the character {character} (a control, line-break or bidirectional character), which no GitHub {what} has.");
        }
    }
}
