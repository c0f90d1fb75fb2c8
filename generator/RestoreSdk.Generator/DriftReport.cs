// Renders the differences found by "check" as text lines grouped per upstream, or as one JSON document.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace RestoreSdk.Generator;

internal static class DriftReport
{
    private const int MaxValueLength = 120;
    private const int ContextBeforeChange = 30;

    public static string Name(DriftClass driftClass) => driftClass.ToString().ToLowerInvariant();

    public static void WriteText(TextWriter output, IReadOnlyList<string> upstreams, IReadOnlyList<Difference> differences)
    {
        foreach (string upstream in upstreams)
        {
            Difference[] own = differences.Where(d => d.Upstream == upstream).ToArray();
            if (own.Length > 0)
            {
                output.WriteLine(upstream);
            }
            foreach (Difference difference in own)
            {
                (string old, string current) = Excerpts(difference.Old, difference.New);
                output.WriteLine($"  {Name(difference.Class),-13}  {difference.Pointer}  {old} → {current}");
            }
            output.WriteLine($"{upstream}: {string.Join(", ", Counts(own).Select(c => $"{c.Count} {Name(c.Class)}"))}");
        }
    }

    public static void WriteJson(TextWriter output, IReadOnlyList<string> upstreams, IReadOnlyList<Difference> differences)
    {
        var report = new JsonObject
        {
            ["differences"] = new JsonArray(differences.Select(d => (JsonNode)new JsonObject
            {
                ["upstream"] = d.Upstream,
                ["pointer"] = d.Pointer,
                ["class"] = Name(d.Class),
                ["old"] = d.Old?.DeepClone(),
                ["new"] = d.New?.DeepClone(),
            }).ToArray()),
            ["summary"] = new JsonObject(upstreams.Select(upstream => KeyValuePair.Create(
                upstream,
                (JsonNode?)new JsonObject(Counts(differences.Where(d => d.Upstream == upstream))
                    .Select(c => KeyValuePair.Create(Name(c.Class), (JsonNode?)c.Count)))))),
        };
        output.Write(Encoding.UTF8.GetString(CanonicalJson.ToBytes(report)));
    }

    private static IEnumerable<(DriftClass Class, int Count)> Counts(IEnumerable<Difference> differences) =>
        Enum.GetValues<DriftClass>().Reverse().Select(c => (c, differences.Count(d => d.Class == c)));

    // Long values that share a long start (typical of edited descriptions) are shown from just before they differ.
    private static (string Old, string New) Excerpts(JsonNode? old, JsonNode? current)
    {
        string oldText = old is null ? "(absent)" : CanonicalJson.Compact(old);
        string currentText = current is null ? "(absent)" : CanonicalJson.Compact(current);
        int shared = oldText.Zip(currentText).TakeWhile(pair => pair.First == pair.Second).Count();
        int start = Math.Max(0, shared - ContextBeforeChange);
        return (Truncate(oldText, start), Truncate(currentText, start));
    }

    private static string Truncate(string text, int start)
    {
        string excerpt = start > 0 ? "…" + text[start..] : text;
        return excerpt.Length > MaxValueLength ? excerpt[..(MaxValueLength - 1)] + "…" : excerpt;
    }
}
