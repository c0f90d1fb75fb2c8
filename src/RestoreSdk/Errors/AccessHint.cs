// The one-line hint for a 401, 403 or 404 that is not a rate limit: what the token kind, its visible scopes and the registry rules say to do next.
using System.Collections.Generic;
using System.Linq;

namespace RestoreSdk;

internal static class AccessHint
{
    private const string ReadPackages = "read:packages";

    // granted: the token's X-OAuth-Scopes, or null when GitHub did not list them; missing: the required scopes granted certainly lacks.
    public static string For(int status, RestoreRequest request, RestoreRequirements requirements, TokenKind kind, IReadOnlyList<string>? granted, IReadOnlyList<string> missing)
    {
        if (status == 401)
        {
            // A kind GitHub Packages never accepts is the cause worth naming: a fresh token of the same kind would fail too.
            return kind == TokenKind.None ? "The request carried no token: set Token or TokenProvider to a personal access token (classic)."
                : UnsupportedKind(kind, request, requirements) is { } unsupportedKind ? $"GitHub did not accept the token. {unsupportedKind}"
                : "GitHub did not accept the token: it is mistyped, expired or revoked.";
        }

        if (UnsupportedKind(kind, request, requirements) is { } unsupported)
        {
            return unsupported;
        }

        if (missing.Count > 0)
        {
            return $"The token lacks the {RestoreRequirements.Join(missing)} scope{(missing.Count > 1 ? "s" : string.Empty)} this restore needs. {ScopeFix(kind, request.Instance, missing)}";
        }

        var hasEveryScope = granted is not null && kind.HasOAuthScopes();
        var scopes = RestoreRequirements.Join(requirements.ClassicScopes);
        if (status == 403)
        {
            return !hasEveryScope ? $"Restoring it needs {requirements}."
                : AdminRights(requirements) is { } admin ? $"The token has every scope this restore needs ({scopes}); restoring it also needs {admin}."
                : $"The token has every scope this restore needs ({scopes}), so GitHub refused for the reason in its message.";
        }

        if (hasEveryScope)
        {
            var causes = new List<string>
            {
                "the name or package type is wrong",
                "the package is not deleted",
                "it was deleted more than 30 days ago",
                "its namespace was reused by a new package (delete that one first)",
            };
            if (requirements.RequiresOrganizationAdmin)
            {
                causes.Add(requirements.RequiresPackageAdmin
                    ? "you are not an admin of the organization and of the package"
                    : "you are not an admin of the organization");
            }

            return $"The token has every scope this restore needs ({scopes}), so the 404 means one of: {string.Join("; ", causes)}.";
        }

        var noToken = kind == TokenKind.None ? "This request carried no token. " : string.Empty;
        return $"{noToken}GitHub answers 404 rather than 403 when the caller may not see the package: check the name, that it was deleted within the last 30 days, and that you have {requirements}.";
    }

    private static string? UnsupportedKind(TokenKind kind, RestoreRequest request, RestoreRequirements requirements)
    {
        var useClassic = $"Use a personal access token (classic); restoring this package needs {requirements}.";
        switch (kind)
        {
            case TokenKind.FineGrained:
                return $"The token is a fine-grained personal access token (github_pat_), which GitHub Packages does not accept for restoring packages. {useClassic}";
            case TokenKind.UserToServer:
                return $"The token is a GitHub App user access token (ghu_), which GitHub Packages does not accept for restoring packages. {useClassic}";
            case TokenKind.Installation:
                var granular = request.Registry.PermissionsOn(request.Instance.Product) == PermissionModel.Granular;
                var actions = granular
                    ? "a GitHub Actions GITHUB_TOKEN works only in a preview, for registries with granular permissions, and only when the workflow's repository has admin access to the package"
                    : $"a GitHub Actions GITHUB_TOKEN cannot restore {request.Registry.WireName} packages either, because that registry's permissions are repository-scoped";
                return $"The token (ghs_) is a GitHub App installation token or a GitHub Actions GITHUB_TOKEN. GitHub Packages does not accept App installation tokens for restoring packages; {actions}. {useClassic}";
            default:
                return null;
        }
    }

    // gh auth refresh adds scopes to gh's own OAuth token; a classic token is edited on the web. write:packages implies read:packages,
    // so read:packages is missing only with write:packages, which adds both.
    private static string ScopeFix(TokenKind kind, GitHubInstance instance, IReadOnlyList<string> missing)
    {
        var toAdd = missing.Where(scope => scope != ReadPackages).ToList();
        var refresh = $"`gh auth refresh -h {instance.WebHost} -s {string.Join(",", toAdd)}`";
        var settings = $"https://{instance.WebHost}/settings/tokens";
        return kind switch
        {
            TokenKind.OAuth => $"It is an OAuth token (gho_); if it is gh's (default scopes repo, read:org and gist), run {refresh}.",
            TokenKind.Classic => $"Add {(missing.Count > 1 ? "them" : "it")} to the personal access token (classic) at {settings}.",
            _ => $"If the token comes from gh, run {refresh}; for a personal access token (classic), add the scopes at {settings}.",
        };
    }

    private static string? AdminRights(RestoreRequirements requirements) =>
        !requirements.RequiresOrganizationAdmin ? null
        : requirements.RequiresPackageAdmin ? "admin rights in the organization and on the package"
        : "admin rights in the organization";
}
