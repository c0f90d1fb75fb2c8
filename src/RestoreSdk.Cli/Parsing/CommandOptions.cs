// What the command line asked for, after System.CommandLine parsed it and before anything is read or checked against the environment.
using System;
using System.Collections.Generic;

namespace RestoreSdk.Cli.Parsing;

internal enum OutputFormat
{
    Text,
    Json,
}

internal sealed record CommandOptions
{
    public string? Type { get; init; }

    public IReadOnlyList<string> Names { get; init; } = Array.Empty<string>();

    public string? Org { get; init; }

    /// <summary>The CSV file, or "-" for standard input.</summary>
    public string? From { get; init; }

    public Uri? BaseUrl { get; init; }

    public bool Simulate { get; init; }

    public bool DryRun { get; init; }

    public string? Journal { get; init; }

    public OutputFormat Output { get; init; }

    public string? ApiVersion { get; init; }

    public string? PackageTokenVariable { get; init; }

    public bool AllowPlainHttp { get; init; }

    /// <summary>The most restore requests in any rolling hour (the SDK's WritesPerHour); 0 for no hourly budget.</summary>
    public int WritesPerHour { get; init; } = DefaultWritesPerHour;

    /// <summary>GitHub's documented limit of content-generating requests an hour, the SDK's default.</summary>
    public static int DefaultWritesPerHour { get; } = new PackagesClientOptions().WritesPerHour;
}
