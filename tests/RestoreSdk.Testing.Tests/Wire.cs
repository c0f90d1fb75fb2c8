// Sends hand-built requests straight to a simulator, so its rules are tested without the SDK client in between.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;

namespace RestoreSdk.Testing.Tests;

internal static class Wire
{
    public static HttpRequestMessage Restore(GitHubSimulator simulator, string target, string? token, HttpMethod? method = null, bool userAgent = true)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Post, new Uri(simulator.BaseAddress, target.TrimStart('/')));
        if (userAgent)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", "simulator-tests");
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    public static async Task<HttpResponseMessage> SendAsync(this GitHubSimulator simulator, HttpRequestMessage request)
    {
        using var invoker = new HttpMessageInvoker(simulator, disposeHandler: false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await invoker.SendAsync(request, timeout.Token);
    }

    public static Task<HttpResponseMessage> PostAsync(this GitHubSimulator simulator, string target, string? token) =>
        simulator.SendAsync(Restore(simulator, target, token));

    public static string? Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    public static async Task<JObject> ErrorAsync(this HttpResponseMessage response) =>
        JObject.Parse(await response.Content.ReadAsStringAsync());
}
