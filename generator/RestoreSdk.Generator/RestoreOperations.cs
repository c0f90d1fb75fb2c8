// The two GitHub operations the SDK wraps, in the fixed order the trimmed spec lists them.
using System.Collections.Generic;

namespace RestoreSdk.Generator;

internal sealed record RestoreOperation(string OperationId, string ExpectedLocation)
{
    public override string ToString() => $"'{OperationId}' ({ExpectedLocation})";
}

internal static class RestoreOperations
{
    public static readonly IReadOnlyList<RestoreOperation> All =
    [
        new("packages/restore-package-for-authenticated-user", "POST /user/packages/{package_type}/{package_name}/restore"),
        new("packages/restore-package-for-org", "POST /orgs/{org}/packages/{package_type}/{package_name}/restore"),
    ];
}
