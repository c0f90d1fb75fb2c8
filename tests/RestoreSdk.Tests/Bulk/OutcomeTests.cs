// Pins the public constructors callers use to stand in for bulk results: they accept what a real batch produces and refuse contradictions.
using System;
using System.Collections.Generic;

namespace RestoreSdk.Tests;

public sealed class OutcomeTests
{
    private static readonly PackageToRestore LeftPad = PackageToRestore.ForOrg("acme", OrgPackageType.Npm, "left-pad", "pkg_outcome_secret");
    private static readonly RestoreResult Restored =
        new RestoreResult("/orgs/{org}/packages/{package_type}/{package_name}/restore", "acme", "npm", "left-pad", 204, "REQ:7", 1, TimeSpan.FromSeconds(1), null);

    private static readonly Exception NotFound = new GitHubApiException("GitHub answered HTTP 404: Package not found.", 404);

    [Fact]
    public void Each_status_takes_exactly_what_a_batch_reports_for_it()
    {
        var restored = new PackageRestoreOutcome(LeftPad, 0, PackageRestoreStatus.Restored, Restored, null, wasSent: true);
        var failedUnsent = new PackageRestoreOutcome(LeftPad, 1, PackageRestoreStatus.Failed, null, NotFound, wasSent: false);
        var failedSent = new PackageRestoreOutcome(LeftPad, 2, PackageRestoreStatus.Failed, null, NotFound, wasSent: true);
        var skipped = new PackageRestoreOutcome(LeftPad, 3, PackageRestoreStatus.NotAttempted, null, null, wasSent: false);

        Assert.Equal((LeftPad, 0, PackageRestoreStatus.Restored, Restored, (Exception?)null, true), (restored.Package, restored.Index, restored.Status, restored.Result, restored.Error, restored.WasSent));
        Assert.Equal((1, PackageRestoreStatus.Failed, (RestoreResult?)null, NotFound, false), (failedUnsent.Index, failedUnsent.Status, failedUnsent.Result, failedUnsent.Error, failedUnsent.WasSent));
        Assert.True(failedSent.WasSent);
        Assert.Equal((3, PackageRestoreStatus.NotAttempted, (RestoreResult?)null, (Exception?)null, false), (skipped.Index, skipped.Status, skipped.Result, skipped.Error, skipped.WasSent));
    }

    [Theory]
    [InlineData(PackageRestoreStatus.Restored, false, false, true, "A Restored outcome needs a result, no error, and wasSent.")]
    [InlineData(PackageRestoreStatus.Restored, true, true, true, "A Restored outcome needs a result, no error, and wasSent.")]
    [InlineData(PackageRestoreStatus.Restored, true, false, false, "A Restored outcome needs a result, no error, and wasSent.")]
    [InlineData(PackageRestoreStatus.Failed, false, false, true, "A Failed outcome needs an error and no result.")]
    [InlineData(PackageRestoreStatus.Failed, true, true, true, "A Failed outcome needs an error and no result.")]
    [InlineData(PackageRestoreStatus.NotAttempted, true, false, false, "A NotAttempted outcome needs no result, no error, and not wasSent.")]
    [InlineData(PackageRestoreStatus.NotAttempted, false, true, false, "A NotAttempted outcome needs no result, no error, and not wasSent.")]
    [InlineData(PackageRestoreStatus.NotAttempted, false, false, true, "A NotAttempted outcome needs no result, no error, and not wasSent.")]
    [InlineData((PackageRestoreStatus)42, false, false, false, "A 42 outcome needs no result, no error, and not wasSent.")]
    public void Contradictory_arguments_are_refused_saying_what_the_status_needs(PackageRestoreStatus status, bool withResult, bool withError, bool wasSent, string message)
    {
        var refused = Assert.Throws<ArgumentException>(() => new PackageRestoreOutcome(LeftPad, 0, status, withResult ? Restored : null, withError ? NotFound : null, wasSent));

        Assert.Equal("status", refused.ParamName);
        Assert.StartsWith(message, refused.Message);
    }

    [Fact]
    public void A_negative_index_or_a_missing_package_is_refused()
    {
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => new PackageRestoreOutcome(LeftPad, -1, PackageRestoreStatus.NotAttempted, null, null, false));
        Assert.Equal("index", negative.ParamName);
        Assert.Contains("must not be negative", negative.Message);
        Assert.Equal("package", Assert.Throws<ArgumentNullException>(() => new PackageRestoreOutcome(null!, 0, PackageRestoreStatus.NotAttempted, null, null, false)).ParamName);
    }

    [Fact]
    public void An_outcome_describes_itself_with_the_request_id_or_the_error_and_never_the_package_token()
    {
        var restored = new PackageRestoreOutcome(LeftPad, 0, PackageRestoreStatus.Restored, Restored, null, wasSent: true);
        var failed = new PackageRestoreOutcome(LeftPad, 4, PackageRestoreStatus.Failed, null, NotFound, wasSent: true);
        var skipped = new PackageRestoreOutcome(LeftPad, 5, PackageRestoreStatus.NotAttempted, null, null, wasSent: false);

        Assert.Equal("#0 npm package 'left-pad' of organization 'acme': Restored (request id REQ:7)", restored.ToString());
        Assert.Equal("#4 npm package 'left-pad' of organization 'acme': Failed (GitHub answered HTTP 404: Package not found.)", failed.ToString());
        Assert.Equal("#5 npm package 'left-pad' of organization 'acme': NotAttempted", skipped.ToString());
        Assert.DoesNotContain("pkg_outcome_secret", restored + " " + failed + " " + skipped);
    }

    [Fact]
    public void A_result_counts_its_outcomes_by_status_and_keeps_its_own_copy_of_them()
    {
        var outcomes = new List<PackageRestoreOutcome>
        {
            new PackageRestoreOutcome(LeftPad, 0, PackageRestoreStatus.Restored, Restored, null, wasSent: true),
            new PackageRestoreOutcome(LeftPad, 1, PackageRestoreStatus.Failed, null, NotFound, wasSent: true),
            new PackageRestoreOutcome(LeftPad, 2, PackageRestoreStatus.Failed, null, NotFound, wasSent: false),
            new PackageRestoreOutcome(LeftPad, 3, PackageRestoreStatus.NotAttempted, null, null, wasSent: false),
            new PackageRestoreOutcome(LeftPad, 4, PackageRestoreStatus.NotAttempted, null, null, wasSent: false),
            new PackageRestoreOutcome(LeftPad, 5, PackageRestoreStatus.NotAttempted, null, null, wasSent: false),
        };
        var retryAt = new DateTimeOffset(2026, 11, 22, 13, 0, 0, TimeSpan.Zero);

        var result = new BulkRestoreResult(outcomes, BulkRestoreStopReason.RateLimited, retryAt);
        outcomes.Clear();

        Assert.Equal((1, 2, 3), (result.RestoredCount, result.FailedCount, result.NotAttemptedCount));
        Assert.Equal(6, result.Outcomes.Count);
        Assert.Equal((BulkRestoreStopReason.RateLimited, (DateTimeOffset?)retryAt), (result.StopReason, result.RetryAt));
        Assert.Equal("outcomes", Assert.Throws<ArgumentNullException>(() => new BulkRestoreResult(null!, BulkRestoreStopReason.None, null)).ParamName);
    }

    [Fact]
    public void A_wait_is_described_with_its_package_end_and_spent_budget()
    {
        var until = new DateTimeOffset(2026, 11, 22, 14, 0, 0, TimeSpan.FromHours(1));

        Assert.Equal(
            "#7 npm package 'left-pad' of organization 'acme' waits until 2026-11-22 13:00:00Z: 500 restore requests were sent within the last hour (WritesPerHour)",
            new RestoreWait(LeftPad, 7, RestoreWaitReason.WritesPerHour, 500, until).ToString());
        Assert.Equal(
            "#0 npm package 'left-pad' of organization 'acme' waits until 2026-11-22 13:00:00Z: 1 restore request was sent within the last minute (WritesPerMinute)",
            new RestoreWait(LeftPad, 0, RestoreWaitReason.WritesPerMinute, 1, until).ToString());
    }

    [Fact]
    public void A_wait_with_a_negative_index_an_undefined_reason_or_no_budget_is_refused()
    {
        var until = DateTimeOffset.UnixEpoch;

        Assert.Contains("must not be negative", Assert.Throws<ArgumentOutOfRangeException>(() => new RestoreWait(LeftPad, -1, RestoreWaitReason.WritesPerHour, 1, until)).Message);
        Assert.Contains("42 is not a defined RestoreWaitReason member", Assert.Throws<ArgumentOutOfRangeException>(() => new RestoreWait(LeftPad, 0, (RestoreWaitReason)42, 1, until)).Message);
        Assert.Contains("must be positive", Assert.Throws<ArgumentOutOfRangeException>(() => new RestoreWait(LeftPad, 0, RestoreWaitReason.WritesPerMinute, 0, until)).Message);
        Assert.Equal("package", Assert.Throws<ArgumentNullException>(() => new RestoreWait(null!, 0, RestoreWaitReason.WritesPerMinute, 1, until)).ParamName);
    }
}
