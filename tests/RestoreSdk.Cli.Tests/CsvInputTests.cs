// --from: RFC 4180 CSV with a header naming org, type and name in any order; quotes, BOM, blank lines, stdin, and bad rows named by line.
using System.IO;
using System.Text;
using RestoreSdk.Cli.Input;
using RestoreSdk.Cli.Tests.Infrastructure;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Cli.Tests;

public sealed class CsvInputTests
{
    private static IReadOnlyList<RequestedPackage> Read(string csv) => PackageCsvReader.Read(new StringReader(csv), "packages.csv");

    [Fact]
    public void Columns_come_in_any_order_and_an_empty_org_means_the_user()
    {
        var packages = Read("name,type,org\r\nleft-pad,npm,\r\nacme/web,CONTAINER,acme\r\n");

        Assert.Equal(
            new[] { (null, "npm", "left-pad"), ("acme", "container", "acme/web") },
            packages.Select(package => (package.Org, package.Type, package.Name)));
    }

    [Fact]
    public void Quoted_fields_keep_commas_and_doubled_quotes()
    {
        var packages = Read("org,type,name\n\"acme\",npm,\"@acme/a,b\"\nacme,npm,\"say \"\"hi\"\"\"\n\"acme\",npm,x\n");

        Assert.Equal(new[] { "@acme/a,b", "say \"hi\"", "x" }, packages.Select(package => package.Name));
        Assert.Equal("acme", packages[2].Org);
    }

    [Fact]
    public void A_byte_order_mark_and_blank_lines_are_ignored()
    {
        var packages = Read("\uFEFForg,type,name\n\n  \nacme,npm,a\r\n\r\n,maven,b\n\n");

        Assert.Equal(new[] { "a", "b" }, packages.Select(package => package.Name));
    }

    [Theory]
    [InlineData("org,type,name\nacme,npm,a\nacme,npm\n", "line 3 of packages.csv has 2 field(s) but the header has 3.")]
    [InlineData("org,type,name\n\nacme,pip,a\n", "line 3 of packages.csv: unknown package type 'pip'")]
    [InlineData("org,type,name\nacme,npm,a\nacme,npm,\n", "line 3 of packages.csv: the name is empty.")]
    [InlineData("org,type,name\nacme,npm,\"a\n\nb,c\n", "line 2 of packages.csv: a quoted field is never closed.")]
    [InlineData("org,type,name\nacme,npm,a\"b\n", "line 2 of packages.csv: a quote inside an unquoted field")]
    [InlineData("org,kind,name\nacme,npm,a\n", "line 1 of packages.csv: the header names an unknown column 'kind'")]
    [InlineData("org,name\nacme,a\n", "line 1 of packages.csv: the header lacks the column(s) type")]
    [InlineData("", "packages.csv is empty")]
    public void A_bad_row_is_named_by_its_line(string csv, string expected)
    {
        var error = Assert.Throws<InputException>(() => Read(csv));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_break_inside_quotes_is_parsed_but_no_name_or_org_may_hold_one()
    {
        var inName = Assert.Throws<InputException>(() => Read("org,type,name\nacme,npm,\"a\nb\"\nacme,npm,c\n"));
        var inOrg = Assert.Throws<InputException>(() => Read("org,type,name\nacme,npm,a\n\"ac\r\nme\",npm,x\n"));

        Assert.StartsWith("line 2 of packages.csv: the package name 'a\\u000ab' contains the character U+000A", inName.Message, StringComparison.Ordinal);
        Assert.StartsWith("line 3 of packages.csv: the organization 'ac\\u000d\\u000ame' contains the character U+000D", inOrg.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_row_in_a_file_exits_2_naming_the_file_and_line_and_sends_nothing()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);
        var path = Path.Combine(Path.GetTempPath(), $"restore-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, "org,type,name\nacme,npm,a\nacme,npm,b,extra\n");
        try
        {
            var result = await Tool.RunAsync(new[] { "--from", path, "--base-url", github.BaseAddress.ToString() }, Tool.WithToken(), time: time);

            Assert.Equal(2, result.ExitCode);
            Assert.Contains($"line 3 of {Path.GetFileName(path)}", result.Stderr, StringComparison.Ordinal);
            Assert.Empty(github.Requests);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_file_with_a_bom_is_read_and_every_row_restored_in_order()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);
        var path = Path.Combine(Path.GetTempPath(), $"restore-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, "type,name,org\r\nnpm,\"@acme/a,b\",acme\r\n\r\nnuget,Octo.Core,\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        try
        {
            var result = await Tool.RunAsync(new[] { "--from", path, "--base-url", github.BaseAddress.ToString() }, Tool.WithToken(), time: time);

            Assert.Equal(0, result.ExitCode);
            Assert.Equal(
                new[] { "/orgs/acme/packages/npm/%40acme%2Fa%2Cb/restore", "/user/packages/nuget/Octo.Core/restore" },
                github.Requests.Select(request => request.Target));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Standard_input_is_read_with_from_dash()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);

        var result = await Tool.RunAsync(
            new[] { "--from", "-", "--base-url", github.BaseAddress.ToString() },
            Tool.WithToken(),
            time: time,
            stdin: "org,type,name\nacme,container,acme/web\n");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("/orgs/acme/packages/container/acme%2Fweb/restore", Assert.Single(github.Requests).Target);
    }

    [Fact]
    public async Task Bad_standard_input_is_named_as_such()
    {
        var result = await Tool.RunAsync(new[] { "--from", "-" }, Tool.WithToken(), stdin: "org,type,name\nacme,rpm,x\n");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 2 of standard input: unknown package type 'rpm'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_only_file_is_nothing_to_restore()
    {
        var time = new InstantTimeProvider();
        await using var github = new LoopbackGitHub(time);

        var result = await Tool.RunAsync(new[] { "--from", "-", "--base-url", github.BaseAddress.ToString() }, Tool.WithToken(), time: time, stdin: "org,type,name\n");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nothing to restore", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(github.Requests);
    }
}
