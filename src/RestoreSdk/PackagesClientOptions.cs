// Settings a caller gives PackagesClient: where GitHub is, how to authenticate, and how to identify the client.
using System;

namespace RestoreSdk;

/// <summary>Options for <see cref="PackagesClient"/>.</summary>
/// <remarks>The client copies these values when it is created; changing them later does not affect an existing client.</remarks>
public sealed class PackagesClientOptions
{
    /// <summary>
    /// The REST API root. Defaults to <c>https://api.github.com/</c>; for GitHub Enterprise Server use <c>https://HOST/api/v3</c>
    /// (with or without a trailing slash).
    /// </summary>
    public Uri BaseAddress { get; set; } = new Uri("https://api.github.com/");

    /// <summary>
    /// The token sent as <c>Authorization: Bearer &lt;token&gt;</c>, or <see langword="null"/> to send no <c>Authorization</c> header.
    /// It never appears in exception messages.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>The REST API version sent as <c>X-GitHub-Api-Version</c>. Defaults to <c>2022-11-28</c>; <c>2026-03-10</c> also exists.</summary>
    public string ApiVersion { get; set; } = "2022-11-28";

    /// <summary>The <c>User-Agent</c> header GitHub requires. When <see langword="null"/>, <c>RestoreSdk/&lt;assembly version&gt;</c> is sent.</summary>
    public string? UserAgent { get; set; }
}
