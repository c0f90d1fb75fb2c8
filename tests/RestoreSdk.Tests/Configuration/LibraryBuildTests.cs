// Proves which build of the library the suite ran against, so the netstandard2.0 run in CI cannot quietly test net10.0.
using System.Linq;
using System.Reflection;
using System.Runtime.Versioning;

namespace RestoreSdk.Tests;

public sealed class LibraryBuildTests
{
    [Fact]
    public void The_suite_runs_against_the_library_build_it_was_asked_for()
    {
        var requested = typeof(LibraryBuildTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "LibraryTarget").Value;
        var expected = requested switch
        {
            "net10.0" => ".NETCoreApp,Version=v10.0",
            "netstandard2.0" => ".NETStandard,Version=v2.0",
            _ => $"a known target, not '{requested}'",
        };

        var loaded = typeof(PackagesClient).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName;

        Assert.Equal(expected, loaded);
    }
}
