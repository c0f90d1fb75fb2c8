// The CLI's copy of the SDK's printable-text rule (that one is internal): caller and server text shown on a terminal cannot forge lines or recolour it.
using System.Globalization;
using System.Linq;
using System.Text;

namespace RestoreSdk.Cli.Output;

internal static class Printable
{
    /// <summary>Whether <paramref name="c"/> is a control character (Cc), a line or paragraph separator (Zl, Zp) or a bidirectional control.</summary>
    public static bool IsUnsafe(char c) =>
        char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        || c == '\u061C' || c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');

    public static bool HasUnsafe(string text) => text.Any(IsUnsafe);

    /// <summary><paramref name="text"/> with every unsafe character written as <c>\uXXXX</c>; other text unchanged.</summary>
    public static string Escape(string text)
    {
        if (!HasUnsafe(text))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsUnsafe(c))
            {
                escaped.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    /// <summary>The first unsafe character of <paramref name="text"/> as <c>U+XXXX</c>, for an error message, or null.</summary>
    public static string? FirstUnsafe(string text)
    {
        foreach (var c in text)
        {
            if (IsUnsafe(c))
            {
                return $"U+{(int)c:X4}";
            }
        }

        return null;
    }
}
