// The mockable contract of PackagesClient, also the service type registered by AddPackagesClient.
using System.Threading;
using System.Threading.Tasks;

namespace RestoreSdk;

/// <summary>Restores deleted GitHub packages.</summary>
public interface IPackagesClient
{
    /// <summary>Restores a package owned by the authenticated user (<c>POST /user/packages/{package_type}/{package_name}/restore</c>).</summary>
    /// <param name="packageType">The package's registry; its documentation lists the scopes the token needs.</param>
    /// <param name="packageName">The package's name, sent exactly as given (for example <c>owner/image</c> for a container image).</param>
    /// <param name="packageToken">The optional package token, sent as the <c>token</c> query parameter only when given.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when GitHub has accepted the restore.</returns>
    /// <exception cref="System.ArgumentException">An argument is null, empty, whitespace, an undefined enum value, or cannot be sent safely; nothing was sent.</exception>
    /// <exception cref="GitHubApiException">GitHub answered with a status other than 204.</exception>
    /// <exception cref="System.Net.Http.HttpRequestException">GitHub could not be reached (connection refused or reset, DNS failure).</exception>
    /// <exception cref="System.OperationCanceledException"><paramref name="cancellationToken"/> was cancelled, or the HttpClient timed out.</exception>
    /// <exception cref="System.InvalidOperationException"><see cref="PackagesClientOptions.TokenProvider"/> returned an unusable token; nothing was sent.</exception>
    Task RestorePackageForAuthenticatedUserAsync(UserPackageType packageType, string packageName, string? packageToken = null, CancellationToken cancellationToken = default);

    /// <summary>Restores a package owned by an organization (<c>POST /orgs/{org}/packages/{package_type}/{package_name}/restore</c>).</summary>
    /// <param name="org">The organization's login (not case sensitive).</param>
    /// <param name="packageType">The package's registry; its documentation lists the permissions and scopes needed.</param>
    /// <param name="packageName">The package's name, sent exactly as given (for example <c>owner/image</c> for a container image).</param>
    /// <param name="packageToken">The optional package token, sent as the <c>token</c> query parameter only when given.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when GitHub has accepted the restore.</returns>
    /// <exception cref="System.ArgumentException">An argument is null, empty, whitespace, an undefined enum value, or cannot be sent safely; nothing was sent.</exception>
    /// <exception cref="GitHubApiException">GitHub answered with a status other than 204.</exception>
    /// <exception cref="System.Net.Http.HttpRequestException">GitHub could not be reached (connection refused or reset, DNS failure).</exception>
    /// <exception cref="System.OperationCanceledException"><paramref name="cancellationToken"/> was cancelled, or the HttpClient timed out.</exception>
    /// <exception cref="System.InvalidOperationException"><see cref="PackagesClientOptions.TokenProvider"/> returned an unusable token; nothing was sent.</exception>
    Task RestorePackageForOrgAsync(string org, OrgPackageType packageType, string packageName, string? packageToken = null, CancellationToken cancellationToken = default);
}
