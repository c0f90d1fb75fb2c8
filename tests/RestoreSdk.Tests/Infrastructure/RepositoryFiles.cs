// Finds files of this repository from the test binaries, so tests can read the committed trimmed spec.
using System;
using System.IO;

namespace RestoreSdk.Tests.Infrastructure;

internal static class RepositoryFiles
{
    public static string PathOf(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RestoreSdk.sln")))
            {
                return Path.Combine(directory.FullName, relativePath);
            }
        }

        throw new InvalidOperationException($"No RestoreSdk.sln above {AppContext.BaseDirectory}.");
    }
}
