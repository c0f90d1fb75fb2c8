// Pins each registry's name as a restore's result reports it, and the errors for a package type or product that is not defined.
using System;
using System.Threading.Tasks;
using RestoreSdk.Tests.Infrastructure;

namespace RestoreSdk.Tests;

public sealed class RegistryNameTests
{
    [Theory]
    [InlineData(UserPackageType.Npm, "npm")]
    [InlineData(UserPackageType.Maven, "maven")]
    [InlineData(UserPackageType.RubyGems, "rubygems")]
    [InlineData(UserPackageType.Docker, "docker")]
    [InlineData(UserPackageType.NuGet, "nuget")]
    [InlineData(UserPackageType.Container, "container")]
    public async Task A_restore_reports_GitHubs_name_of_its_package_type(UserPackageType packageType, string gitHubName)
    {
        using var stub = new GitHubStub();

        var user = await stub.Client().RestorePackageForAuthenticatedUserAsync(packageType, "probe");
        var org = await stub.Client().RestorePackageForOrgAsync("acme", (OrgPackageType)(int)packageType, "probe");

        Assert.Equal(gitHubName, user.PackageType);
        Assert.Equal(gitHubName, org.PackageType);
    }

    [Fact]
    public void An_undefined_package_type_is_refused_naming_the_value_and_the_enum()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RestoreRequirements.ForUser((UserPackageType)99));

        Assert.Equal("packageType", error.ParamName);
        Assert.StartsWith("99 is not a defined UserPackageType member.", error.Message);
    }

    [Fact]
    public void An_undefined_product_is_refused_for_user_packages_as_for_org_packages()
    {
        var user = Assert.Throws<ArgumentOutOfRangeException>(() => RestoreRequirements.ForUser(UserPackageType.Npm, (GitHubProduct)7));
        var org = Assert.Throws<ArgumentOutOfRangeException>(() => RestoreRequirements.ForOrg(OrgPackageType.Npm, (GitHubProduct)7));

        Assert.Equal("product", user.ParamName);
        Assert.Equal("product", org.ParamName);
        Assert.StartsWith("7 is not a defined GitHubProduct member.", user.Message);
    }

    [Fact]
    public void Joining_no_scopes_gives_an_empty_text()
    {
        Assert.Equal(string.Empty, RestoreRequirements.Join(Array.Empty<string>()));
        Assert.Equal("repo", RestoreRequirements.Join(new[] { "repo" }));
        Assert.Equal("read:packages, write:packages and repo", RestoreRequirements.Join(new[] { "read:packages", "write:packages", "repo" }));
    }
}
