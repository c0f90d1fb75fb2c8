// The validated, immutable copy of PackagesClientOptions that one client uses for all its requests.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace RestoreSdk;

internal sealed class ClientSettings
{
    private static readonly Regex ApiVersionFormat = new Regex(@"^\d{4}-\d{2}-\d{2}$", RegexOptions.CultureInvariant);

    private ClientSettings(Uri baseAddress, string? token, string apiVersion, string userAgent)
    {
        BaseAddress = baseAddress;
        Token = token;
        ApiVersion = apiVersion;
        UserAgent = userAgent;
    }

    public static string DefaultUserAgent { get; } = "RestoreSdk/" + typeof(ClientSettings).Assembly.GetName().Version!.ToString(3);

    public Uri BaseAddress { get; }

    public string? Token { get; }

    public string ApiVersion { get; }

    public string UserAgent { get; }

    /// <summary>Validates <paramref name="options"/> and copies it.</summary>
    /// <exception cref="ArgumentException">The options are unusable; the message lists every problem and never a secret.</exception>
    public static ClientSettings From(PackagesClientOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        var problems = Problems(options).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid PackagesClientOptions: " + string.Join(" ", problems), nameof(options));
        }

        return new ClientSettings(options.BaseAddress, options.Token, options.ApiVersion, options.UserAgent ?? DefaultUserAgent);
    }

    /// <summary>Every reason <paramref name="options"/> cannot be used, as sentences that name the option but never echo a secret.</summary>
    public static IEnumerable<string> Problems(PackagesClientOptions options)
    {
        var baseAddress = options.BaseAddress;
        if (baseAddress is null)
        {
            yield return "BaseAddress is required.";
        }
        else if (!baseAddress.IsAbsoluteUri || (baseAddress.Scheme != Uri.UriSchemeHttps && baseAddress.Scheme != Uri.UriSchemeHttp))
        {
            var got = baseAddress.IsAbsoluteUri ? $"the scheme '{baseAddress.Scheme}'" : "a relative URI";
            yield return $"BaseAddress must be an absolute http or https URI, such as https://api.github.com/ or https://HOST/api/v3; got {got}.";
        }
        else if (baseAddress.Query.Length > 0 || baseAddress.Fragment.Length > 0 || baseAddress.UserInfo.Length > 0)
        {
            yield return "BaseAddress must not contain a query, a fragment or user info.";
        }

        if (options.ApiVersion is null || !ApiVersionFormat.IsMatch(options.ApiVersion))
        {
            yield return $"ApiVersion must be a GitHub REST API version in the form YYYY-MM-DD, such as 2022-11-28; got '{options.ApiVersion}'.";
        }

        if (options.UserAgent is not null && !IsHeaderValue(options.UserAgent))
        {
            yield return "UserAgent must be null (for the default) or non-empty text without control characters.";
        }

        if (options.Token is not null && !IsHeaderValue(options.Token))
        {
            yield return "Token must be null (for no Authorization header) or non-empty text without whitespace-only content or control characters.";
        }
    }

    private static bool IsHeaderValue(string value) =>
        !string.IsNullOrWhiteSpace(value) && !value.Any(char.IsControl);
}
