// The internal exception the generated client throws for any answer but 204; PackagesClient turns it into GitHubApiException.
using System;
using System.Collections.Generic;

namespace RestoreSdk;

internal class ServiceResponseException : Exception
{
    public ServiceResponseException(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers, Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Response = response;
        Headers = headers;
    }

    public int StatusCode { get; }

    public string? Response { get; }

    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }
}

// NSwag throws this for documented error statuses; the typed body is not kept because Response is parsed alike for every status.
internal sealed class ServiceResponseException<TResult> : ServiceResponseException
{
    public ServiceResponseException(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers, TResult result, Exception? innerException)
        : base(message, statusCode, response, headers, innerException)
    {
    }
}
