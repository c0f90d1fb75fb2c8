// The tool's uses of the SDK's printable-text rule (PrintableText, compiled in from the SDK's source): refuse unsafe names at input, escape shown text.
using System.Linq;

namespace RestoreSdk.Cli.Output;

internal static class Printable
{
    /// <summary>Whether <paramref name="text"/> has a character that could forge a line or reorder a terminal's text.</summary>
    public static bool HasUnsafe(string text) => text.Any(PrintableText.IsUnsafe);

    /// <summary><paramref name="text"/> with every unsafe character written as <c>\uXXXX</c>; other text unchanged.</summary>
    public static string Escape(string text) => PrintableText.Escape(text);

    /// <summary>The first unsafe character of <paramref name="text"/> as <c>U+XXXX</c>, for an error message, or null.</summary>
    public static string? FirstUnsafe(string text)
    {
        foreach (var c in text)
        {
            if (PrintableText.IsUnsafe(c))
            {
                return $"U+{(int)c:X4}";
            }
        }

        return null;
    }
}
