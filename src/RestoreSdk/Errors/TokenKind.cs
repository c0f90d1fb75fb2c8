// What kind of token a request carried, told from its documented prefix alone so the value itself is never kept.
using System;

namespace RestoreSdk;

internal enum TokenKind
{
    /// <summary>No Authorization header was sent.</summary>
    None,

    /// <summary>A prefix this client does not know, such as a 40-character token from before 2021; it may carry OAuth scopes.</summary>
    Unrecognized,

    /// <summary><c>ghp_</c>: a personal access token (classic), the one kind GitHub Packages supports here.</summary>
    Classic,

    /// <summary><c>gho_</c>: an OAuth app token, such as the one <c>gh auth login</c> creates (scopes <c>repo</c>, <c>read:org</c>, <c>gist</c> by default).</summary>
    OAuth,

    /// <summary><c>github_pat_</c>: a fine-grained personal access token, which GitHub Packages does not support.</summary>
    FineGrained,

    /// <summary><c>ghs_</c>: a GitHub App installation token or the <c>GITHUB_TOKEN</c> of an Actions workflow (since April 2026 a ~520-character JWT with dots).</summary>
    Installation,

    /// <summary><c>ghu_</c>: a GitHub App user access token.</summary>
    UserToServer,
}

internal static class TokenKinds
{
    public static TokenKind Of(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return TokenKind.None;
        }

        return StartsWith(token!, "ghp_") ? TokenKind.Classic
            : StartsWith(token!, "gho_") ? TokenKind.OAuth
            : StartsWith(token!, "github_pat_") ? TokenKind.FineGrained
            : StartsWith(token!, "ghs_") ? TokenKind.Installation
            : StartsWith(token!, "ghu_") ? TokenKind.UserToServer
            : TokenKind.Unrecognized;
    }

    /// <summary>Whether an <c>X-OAuth-Scopes</c> list describes this kind: fine-grained, installation and user access tokens have no OAuth scopes, so an empty list proves nothing missing.</summary>
    public static bool HasOAuthScopes(this TokenKind kind) =>
        kind is not (TokenKind.FineGrained or TokenKind.Installation or TokenKind.UserToServer);

    private static bool StartsWith(string token, string prefix) => token.StartsWith(prefix, StringComparison.Ordinal);
}
