// Which GitHub product a client talks to: the repository-scoped registries differ between github.com and Enterprise Server.
namespace RestoreSdk;

/// <summary>The GitHub product that serves the restore routes; what a restore requires depends on it.</summary>
public enum GitHubProduct
{
    /// <summary>github.com and GitHub Enterprise Cloud with data residency (GHE.com): only Maven/Gradle packages are repository-scoped.</summary>
    GitHubCom = 0,

    /// <summary>GitHub Enterprise Server (a base address ending in <c>/api/v3</c>): Maven/Gradle and legacy Docker packages are repository-scoped.</summary>
    EnterpriseServer = 1,
}
