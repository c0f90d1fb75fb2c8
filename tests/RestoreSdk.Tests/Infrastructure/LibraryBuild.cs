// Which build of the library the suite runs against (CI runs it on the netstandard2.0 build too), for assertions that differ between them.
using System;
using System.Reflection;
using System.Runtime.Versioning;

namespace RestoreSdk.Tests.Infrastructure;

internal static class LibraryBuild
{
    /// <summary>Whether the loaded library is its .NET build (net10.0) rather than its netstandard2.0 build.</summary>
    public static readonly bool IsNet =
        typeof(PackagesClient).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName.StartsWith(".NETCoreApp", StringComparison.Ordinal);
}
