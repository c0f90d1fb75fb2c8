// The registry names the command accepts (GitHub's wire values) and their SDK enum members.
using System;
using System.Linq;

namespace RestoreSdk.Cli.Input;

internal static class PackageTypes
{
    public static readonly string[] WireValues = Enum.GetNames(typeof(UserPackageType)).Select(name => name.ToLowerInvariant()).ToArray();

    /// <summary>The wire value for <paramref name="text"/> (any case), or null when it names no registry.</summary>
    public static string? Normalize(string text)
    {
        var lower = text.Trim().ToLowerInvariant();
        return WireValues.Contains(lower, StringComparer.Ordinal) ? lower : null;
    }

    public static UserPackageType ToUser(string wireValue) =>
        Enum.GetValues<UserPackageType>().Single(type => type.ToString().Equals(wireValue, StringComparison.OrdinalIgnoreCase));

    public static OrgPackageType ToOrg(string wireValue) =>
        Enum.GetValues<OrgPackageType>().Single(type => type.ToString().Equals(wireValue, StringComparison.OrdinalIgnoreCase));

    public static string List => string.Join(", ", WireValues);
}
