// Why a bulk restore pauses before its next package.
namespace RestoreSdk;

/// <summary>Why <see cref="IPackagesClient.RestorePackagesAsync"/> waits before sending its next package (see <see cref="RestoreWait"/>).</summary>
public enum RestoreWaitReason
{
    /// <summary>
    /// <see cref="PackagesClientOptions.WritesPerHour"/> restore requests were sent within the last hour (GitHub's secondary rate limit for
    /// content-generating requests is 500 an hour), so the next waits until the oldest of them is an hour old.
    /// </summary>
    WritesPerHour = 0,

    /// <summary>
    /// <see cref="PackagesClientOptions.WritesPerMinute"/> restore requests were sent within the last minute (GitHub's secondary rate limit for
    /// content-generating requests is 80 a minute), so the next waits until the oldest of them is a minute old.
    /// </summary>
    WritesPerMinute = 1,
}
