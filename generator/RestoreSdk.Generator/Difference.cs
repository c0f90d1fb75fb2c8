// One semantic difference between the committed trimmed spec and a freshly trimmed upstream.
using System.Text.Json.Nodes;

namespace RestoreSdk.Generator;

// Ordered by severity, so "at or above" is a plain comparison.
internal enum DriftClass
{
    Documentation,
    Additive,
    Breaking,
}

internal sealed record Difference(string Upstream, string Pointer, DriftClass Class, JsonNode? Old, JsonNode? New);
