// Locates the repository root and the pinned real upstream descriptions beside it.
using System;
using System.IO;
using Xunit;

namespace RestoreSdk.Generator.Tests;

internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string File(string relativePath) => Path.Combine(Root, relativePath);

    // Tests that need the pinned upstream fail rather than skip: CI must never pass without it.
    public static string PinnedUpstream(string relativePath)
    {
        string path = Path.GetFullPath(Path.Combine(Root, "..", "shared", "upstream", relativePath));
        if (!System.IO.File.Exists(path))
        {
            Assert.Fail($"pinned upstream {path} is missing; it must be beside the repository (see shared/upstream/README.md)");
        }
        return path;
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "RestoreSdk.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"no RestoreSdk.sln above {AppContext.BaseDirectory}");
    }
}
