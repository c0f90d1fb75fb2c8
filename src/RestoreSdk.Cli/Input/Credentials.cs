// Reads the token (GH_TOKEN, else GITHUB_TOKEN, as gh does) and an optional package token from named variables, refusing unusable values.
using System;
using System.Linq;

namespace RestoreSdk.Cli.Input;

/// <summary>A secret taken from an environment variable, with the variable's name for messages (never the value).</summary>
internal sealed record Secret(string Value, string Variable);

internal static class Credentials
{
    public static readonly string[] TokenVariables = { "GH_TOKEN", "GITHUB_TOKEN" };

    /// <summary>The token from the first token variable that is set; an error message when it is empty or not printable ASCII, or none is set.</summary>
    public static Secret ReadToken(IEnvironment environment)
    {
        foreach (var name in TokenVariables)
        {
            var value = environment.GetVariable(name);
            if (value is not null)
            {
                return Validate(name, value);
            }
        }

        throw new InputException("no token: set GH_TOKEN or GITHUB_TOKEN to a personal access token (classic) with the read:packages and write:packages scopes (for a token from gh: GH_TOKEN=$(gh auth token)).");
    }

    /// <summary>
    /// What kind of token <paramref name="token"/> is, told from its documented prefix by the SDK's own rule (<see cref="TokenKinds"/>), when GitHub Packages
    /// does not accept that kind (fine-grained, GitHub App installation or user access tokens); null for a classic, OAuth or unrecognized token.
    /// </summary>
    public static string? KindGitHubPackagesRejects(Secret token) => TokenKinds.Of(token.Value) switch
    {
        TokenKind.FineGrained => "a fine-grained personal access token (github_pat_)",
        TokenKind.Installation => "a GitHub App installation token or a GitHub Actions GITHUB_TOKEN (ghs_)",
        TokenKind.UserToServer => "a GitHub App user access token (ghu_)",
        _ => null,
    };

    public static bool AnyTokenVariableSet(IEnvironment environment) => TokenVariables.Any(name => environment.GetVariable(name) is not null);

    /// <summary>The package token from the variable named by --package-token-env.</summary>
    public static Secret ReadPackageToken(IEnvironment environment, string variable)
    {
        var value = environment.GetVariable(variable)
            ?? throw new InputException($"--package-token-env names {variable}, which is not set.");
        return Validate(variable, value);
    }

    private static Secret Validate(string name, string value)
    {
        if (value.Length == 0)
        {
            throw new InputException($"{name} is set but empty (in GitHub Actions this is what a missing secret gives). Set it to a token, or unset it.");
        }

        if (value.Any(c => c < '!' || c > '~'))
        {
            throw new InputException($"{name} contains a character that is not printable ASCII (a space, a line break or a non-ASCII character); a token never does. Check how it was set.");
        }

        return new Secret(value, name);
    }
}
