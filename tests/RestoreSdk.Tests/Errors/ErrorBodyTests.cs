// Pins how an error body's bytes become GitHubApiException.Response: the UTF-8 BOM, the charset, the exact 64 KiB limit and a body cut off mid-way.
using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class ErrorBodyTests
{
    private static readonly byte[] Bom = { 0xEF, 0xBB, 0xBF };

    [Theory(Timeout = 30_000)]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json; charset=UTF-8")]
    [InlineData("application/json")]
    public async Task A_utf8_byte_order_mark_is_not_part_of_the_text_and_the_json_error_is_still_read(string contentType)
    {
        var body = Bom.Concat(Encoding.UTF8.GetBytes("""{"message":"Package not found."}""")).ToArray();

        var error = await ErrorFor(contentType, body);

        Assert.Equal("""{"message":"Package not found."}""", error.Response);
        Assert.Contains("GitHub answered HTTP 404: Package not found.", error.Message);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_body_that_is_only_a_byte_order_mark_is_empty()
    {
        var error = await ErrorFor("application/json; charset=utf-8", Bom);

        Assert.Equal(string.Empty, error.Response);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("\uFF01 full-width exclamation")] // EF BC 81: starts like a BOM, second byte differs
    [InlineData("\uFEC0 Arabic letter")] // EF BB 80: third byte differs
    [InlineData("\uEFBF private use")] // EE BE BF: first byte differs
    public async Task Utf8_text_that_merely_starts_like_a_byte_order_mark_is_kept_whole(string text)
    {
        var error = await ErrorFor("text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text));

        Assert.Equal(text, error.Response);
    }

    [Fact(Timeout = 30_000)]
    public async Task Under_a_single_byte_charset_the_byte_order_marks_bytes_are_text()
    {
        var body = Bom.Concat(Encoding.ASCII.GetBytes("denied")).ToArray();

        var error = await ErrorFor("text/plain; charset=iso-8859-1", body);

        Assert.Equal("\u00EF\u00BB\u00BFdenied", error.Response);
    }

    [Theory(Timeout = 30_000)]
    [InlineData("text/plain; charset=\"iso-8859-1\"")]
    [InlineData("text/plain; charset=ISO-8859-1")]
    [InlineData("text/plain;charset=latin1")]
    public async Task A_quoted_or_differently_spelled_charset_is_honoured(string contentType)
    {
        var error = await ErrorFor(contentType, Encoding.Latin1.GetBytes("Paket m\u00fcde"));

        Assert.Equal("Paket m\u00fcde", error.Response);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_utf16_body_is_decoded_by_its_charset()
    {
        var error = await ErrorFor("text/plain; charset=utf-16", Encoding.Unicode.GetBytes("Paket m\u00fcde"));

        Assert.Equal("Paket m\u00fcde", error.Response);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_body_of_exactly_64_KiB_is_kept_whole_without_a_cut_note()
    {
        var text = new string('x', ServiceResponseException.BodyLimit);

        var error = await ErrorFor("text/plain; charset=utf-8", Encoding.ASCII.GetBytes(text));

        Assert.Equal(text, error.Response);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_body_one_byte_over_64_KiB_is_cut_with_a_note()
    {
        var text = new string('x', ServiceResponseException.BodyLimit) + "y";

        var error = await ErrorFor("text/plain; charset=utf-8", Encoding.ASCII.GetBytes(text));

        Assert.Equal(new string('x', ServiceResponseException.BodyLimit) + $"\n[RestoreSdk: the body was cut after its first {ServiceResponseException.BodyLimit} bytes.]", error.Response);
    }

    [Fact(Timeout = 30_000)]
    public async Task A_body_whose_connection_breaks_keeps_what_arrived_with_a_note_and_no_echoed_secret()
    {
        const string token = "ghp_BrokenBodyEchoedToken0123456789";
        var arrived = Encoding.ASCII.GetBytes("""{"message":"denied for """ + token);
        await using var server = new HostileHttpServer(async (_, _, connection, stop) =>
        {
            await connection.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: {arrived.Length + 500}\r\n\r\n"), stop);
            await connection.WriteAsync(arrived, stop);
        });
        var client = ClientOf(server, token);

        var error = await Assert.ThrowsAsync<GitHubApiException>(() => client.RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));

        Assert.StartsWith("""{"message":"denied for ***""" + $"\n[RestoreSdk: the connection broke after {arrived.Length} bytes of the body (", error.Response);
        Assert.EndsWith(").]", error.Response);
        Assert.DoesNotContain(token, error.ToString());
    }

    private static async Task<GitHubApiException> ErrorFor(string contentType, byte[] body)
    {
        await using var server = new HostileHttpServer(async (_, _, connection, stop) =>
        {
            await connection.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 404 Not Found\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"), stop);
            await connection.WriteAsync(body, stop);
        });
        var error = await Assert.ThrowsAsync<GitHubApiException>(() => ClientOf(server).RestorePackageForAuthenticatedUserAsync(UserPackageType.Npm, "left-pad"));
        Assert.Equal(404, error.StatusCode);
        return error;
    }

    private static PackagesClient ClientOf(HostileHttpServer server, string? token = null) => new PackagesClient(new PackagesClientOptions
    {
        BaseAddress = server.BaseAddress,
        Token = token,
        MaxRetries = 0,
        MinimumWriteInterval = TimeSpan.Zero,
        TimeProvider = new InstantTimeProvider(),
    });
}
