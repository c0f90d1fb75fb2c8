// The "trim" command: writes the trimmed spec for the two restore operations.
using System.IO;
using System.Linq;

namespace RestoreSdk.Generator;

internal static class TrimCommand
{
    public static readonly CommandSpec Spec = new(
        "trim",
        "usage: restore-sdk-gen trim --upstream <file> --output <file>",
        [new("--upstream", Required: true), new("--output", Required: true)],
        Run);

    private static int Run(ParsedOptions options, TextWriter stdout)
    {
        TrimResult result = Trimmer.Trim(OpenApiDocument.Load(options.Required("--upstream"), "upstream"));
        if (result.Missing.Count > 0)
        {
            throw result.Spec.Fail($"missing operation {string.Join(" and ", result.Missing.Select(m => m.ToString()))}");
        }
        CanonicalJson.WriteFile(options.Required("--output"), result.Spec.Root);
        return Program.Success;
    }
}
