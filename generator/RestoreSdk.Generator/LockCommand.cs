// The "lock" command: records which upstream package and files the trimmed spec came from.
using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace RestoreSdk.Generator;

internal static class LockCommand
{
    public static readonly CommandSpec Spec = new(
        "lock",
        "usage: restore-sdk-gen lock --package <npm package> --version <version> --source <file in package> --upstream-dir <dir> --output <file>",
        [
            new("--package", Required: true),
            new("--version", Required: true),
            new("--source", Required: true),
            new("--upstream-dir", Required: true),
            new("--output", Required: true),
        ],
        Run);

    private static int Run(ParsedOptions options, TextWriter stdout)
    {
        string directory = options.Required("--upstream-dir");
        if (!Directory.Exists(directory))
        {
            throw new InputException($"upstream dir {directory}: directory not found");
        }
        string[] files = Directory.GetFiles(directory, "*.json").OrderBy(Path.GetFileName, StringComparer.Ordinal).ToArray();
        string source = options.Required("--source");
        if (!files.Any(f => Path.GetFileName(f) == Path.GetFileName(source)))
        {
            throw new InputException($"upstream dir {directory}: has no {Path.GetFileName(source)} to match --source {source}");
        }

        var hashes = new JsonObject();
        foreach (string file in files)
        {
            using FileStream stream = File.OpenRead(file);
            hashes[Path.GetFileName(file)] = Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        var upstreamLock = new JsonObject
        {
            ["package"] = options.Required("--package"),
            ["version"] = options.Required("--version"),
            ["source"] = source,
            ["files"] = hashes,
        };
        CanonicalJson.WriteFile(options.Required("--output"), upstreamLock);
        return Program.Success;
    }
}
