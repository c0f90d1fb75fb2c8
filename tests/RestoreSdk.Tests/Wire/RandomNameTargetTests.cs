// A seeded property test: thousands of random names (every Unicode plane, reserved characters, percent-sequences, long names) each reach the wire as exactly one segment.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class RandomNameTargetTests
{
    private const int Seed = 20261128;
    private const int Count = 2_000;

    [Fact(Timeout = 60_000)]
    public async Task Every_random_name_is_sent_as_the_one_RFC_3986_segment_of_its_UTF8_bytes()
    {
        var random = new Random(Seed);
        var names = Enumerable.Range(0, Count).Select(_ => RandomName(random)).ToList();
        await using var recorder = new RawHttpRecorder();
        // A loopback recorder has no secondary rate limit: spacing and write budgets off, so hundreds of names go at once.
        var client = new PackagesClient(new PackagesClientOptions { BaseAddress = recorder.BaseAddress, MinimumWriteInterval = TimeSpan.Zero, WritesPerHour = 0, WritesPerMinute = 0, MaxRetries = 0 });

        foreach (var batch in names.Chunk(16))
        {
            await Task.WhenAll(batch.Select(name => client.RestorePackageForOrgAsync("acme", OrgPackageType.Npm, name)));
        }

        var expected = names.Select(name => $"/orgs/acme/packages/npm/{Rfc3986Segment(name)}/restore").OrderBy(target => target, StringComparer.Ordinal);
        var sent = recorder.Requests.Select(request => request.Target).OrderBy(target => target, StringComparer.Ordinal);
        Assert.Equal(expected, sent);
    }

    // Percent-encodes every UTF-8 byte but the unreserved characters, as RFC 3986 section 2 defines a segment that carries data.
    private static string Rfc3986Segment(string name)
    {
        var segment = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            var c = (char)b;
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '.' or '_' or '~')
            {
                segment.Append(c);
            }
            else
            {
                segment.Append('%').Append(b.ToString("X2"));
            }
        }

        return segment.ToString();
    }

    private static string RandomName(Random random)
    {
        string name;
        do
        {
            var length = random.Next(10) == 0 ? random.Next(200, 1_000) : random.Next(1, 24);
            var text = new StringBuilder();
            while (text.Length < length)
            {
                AppendPiece(random, text);
            }

            name = text.ToString();
        }
        while (string.IsNullOrWhiteSpace(name) || name is "." or "..");

        return name;
    }

    private static readonly string[] Pieces = { "/", "?", "#", "[", "]", "@", "!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "=", "%", "%2F", "%2f", "%00", "%25", "..", ".", "\\", " ", ":", "~" };

    private static void AppendPiece(Random random, StringBuilder text)
    {
        switch (random.Next(5))
        {
            case 0:
                text.Append(Pieces[random.Next(Pieces.Length)]);
                break;
            case 1:
                text.Append((char)random.Next(0x20, 0x7F));
                break;
            case 2:
                text.Append((char)random.Next(0x00, 0x20));
                break;
            case 3:
                var bmp = random.Next(0x80, 0x10000);
                text.Append(bmp is >= 0xD800 and <= 0xDFFF ? '\uFFFD' : (char)bmp);
                break;
            default:
                text.Append(char.ConvertFromUtf32(random.Next(0x10000, 0x110000)));
                break;
        }
    }
}
