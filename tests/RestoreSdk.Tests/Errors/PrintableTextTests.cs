// Pins which characters PrintableText escapes, at the edges of each range, and text that is unsafe from its first character or throughout.
namespace RestoreSdk.Tests;

public sealed class PrintableTextTests
{
    [Theory]
    [InlineData('\u061C')] // Arabic letter mark
    [InlineData('\u200E')] // left-to-right mark
    [InlineData('\u200F')] // right-to-left mark
    [InlineData('\u202A')] // first of the embeddings and overrides
    [InlineData('\u202E')] // right-to-left override, last of them
    [InlineData('\u2066')] // first of the isolates
    [InlineData('\u2069')] // pop directional isolate, last of them
    [InlineData('\u2028')] // line separator
    [InlineData('\u2029')] // paragraph separator
    [InlineData('\u0085')] // next line
    public void Bidirectional_controls_and_line_breaks_are_unsafe(char c)
    {
        Assert.True(PrintableText.IsUnsafe(c));
    }

    [Theory]
    [InlineData('\u2027')] // hyphenation point, just before the separators
    [InlineData('\u202F')] // narrow no-break space, just after the overrides
    [InlineData('\u2065')] // just before the isolates
    [InlineData('\u00E9')]
    [InlineData(' ')]
    public void Neighbouring_printable_characters_are_safe(char c)
    {
        Assert.False(PrintableText.IsUnsafe(c));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("left-pad", "left-pad")]
    [InlineData("\nINFO forged", "\\u000aINFO forged")]
    [InlineData("\u2028", "\\u2028")]
    [InlineData("\u202A\u2069", "\\u202a\\u2069")]
    [InlineData("a\u202Eb", "a\\u202eb")]
    public void Escape_writes_each_unsafe_character_as_its_code(string text, string shown)
    {
        Assert.Equal(shown, PrintableText.Escape(text));
    }
}
