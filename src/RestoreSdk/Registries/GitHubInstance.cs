// Which GitHub a base address points at: the product whose registry rules apply, the host users sign in to (for gh and token settings), and the API server.
using System;

namespace RestoreSdk;

internal sealed class GitHubInstance
{
    private const string EnterpriseServerApiPath = "/api/v3";

    private GitHubInstance(GitHubProduct product, string webHost, Uri baseAddress)
    {
        Product = product;
        WebHost = webHost;
        ServerAddress = baseAddress.Host;
        ServerPort = baseAddress.Port;
    }

    public GitHubProduct Product { get; }

    /// <summary>The host of the web UI and of <c>gh auth</c>: <c>github.com</c> for <c>api.github.com</c>, <c>acme.ghe.com</c> for <c>api.acme.ghe.com</c>, the server's own host for Enterprise Server.</summary>
    public string WebHost { get; }

    /// <summary>The REST API's host, for telemetry.</summary>
    public string ServerAddress { get; }

    /// <summary>The REST API's port, for telemetry.</summary>
    public int ServerPort { get; }

    /// <summary>A base address whose path ends in <c>/api/v3</c> is GitHub Enterprise Server; anything else follows github.com's rules.</summary>
    public static GitHubInstance From(Uri baseAddress)
    {
        var path = baseAddress.AbsolutePath.TrimEnd('/');
        var authority = baseAddress.Authority;
        if (path.EndsWith(EnterpriseServerApiPath, StringComparison.OrdinalIgnoreCase))
        {
            return new GitHubInstance(GitHubProduct.EnterpriseServer, authority, baseAddress);
        }

        var webHost = authority.StartsWith("api.", StringComparison.OrdinalIgnoreCase) ? authority.Substring("api.".Length) : authority;
        return new GitHubInstance(GitHubProduct.GitHubCom, webHost, baseAddress);
    }
}
