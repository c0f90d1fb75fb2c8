// The kinds of GitHub credential the simulator tells apart, because the restore routes accept only some of them.
namespace RestoreSdk.Testing;

/// <summary>The kind of a token known to <see cref="GitHubSimulator"/>.</summary>
public enum SimulatedTokenKind
{
    /// <summary>A personal access token (classic), <c>ghp_…</c>, with OAuth scopes: the only kind the restore routes fully support.</summary>
    Classic = 0,

    /// <summary>A fine-grained personal access token, <c>github_pat_…</c>: not supported by the restore routes (answered 403).</summary>
    FineGrained = 1,

    /// <summary>A GitHub App installation token, <c>ghs_…</c>: not supported by the restore routes (answered 403).</summary>
    AppInstallation = 2,

    /// <summary>
    /// A GitHub Actions <c>GITHUB_TOKEN</c>: in preview only for registries with granular permissions (Container, npm, NuGet,
    /// RubyGems) through the organization route; answered 403 elsewhere.
    /// </summary>
    GitHubActions = 3,
}
