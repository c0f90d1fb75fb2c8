// Pins how a body cut at the read limit is masked: the cut may split an echoed secret, so a tail that could begin one is masked too.
using System;

namespace RestoreSdk.Tests;

public sealed class SecretRedactorTests
{
    private const string Token = "ghp_CutTailToken0123456789";

    [Theory]
    [InlineData("denied for ghp_CutTail", "denied for ***")]
    [InlineData("denied for ghp_CutTailToken012345678", "denied for ***")]
    [InlineData("denied for g", "denied for ***")]
    public void A_tail_that_begins_the_token_is_masked(string cut, string shown)
    {
        Assert.Equal(shown, new SecretRedactor(Token).RedactCut(cut));
    }

    [Theory]
    [InlineData("denied for you")]
    [InlineData("denied for ghp_CutTailX")]
    [InlineData("")]
    public void A_tail_that_begins_no_secret_is_kept(string cut)
    {
        Assert.Equal(cut, new SecretRedactor(Token).RedactCut(cut));
    }

    [Fact]
    public void A_whole_echoed_token_is_masked_once_and_the_text_after_it_kept()
    {
        Assert.Equal("a *** b *** c.", new SecretRedactor(Token).RedactCut($"a {Token} b {Token} c."));
    }

    [Fact]
    public void Text_shorter_than_the_token_that_begins_it_is_masked_whole()
    {
        Assert.Equal("***", new SecretRedactor(Token).RedactCut("ghp_Cu"));
    }

    [Fact]
    public void A_tail_that_begins_an_escaped_form_of_a_secret_is_masked_from_where_that_form_starts()
    {
        // The package token's URL-escaped form is longer than its raw form; the cut splits the escaped one inside "%2F".
        var secrets = new SecretRedactor(Token, "pkg/tok en");

        Assert.Equal("echo ***", secrets.RedactCut("echo pkg%2"));
        Assert.Equal("echo ***", secrets.RedactCut("echo pkg%2ftok%2"));
        Assert.Equal("echo ***", secrets.RedactCut("echo pkg%2Ftok+e"));
    }

    [Fact]
    public void Of_two_secrets_the_longer_matching_tail_decides_where_masking_starts()
    {
        // "ab" begins one secret, "b" alone another; whichever is listed first, the tail masked is the longer one.
        var secrets = new SecretRedactor("bcdefgh", "abxyz");

        Assert.Equal("x ***", secrets.RedactCut("x ab"));
        Assert.Equal("x ***", new SecretRedactor("abxyzzz", "bq").RedactCut("x ab"));
        Assert.Equal("x a***", new SecretRedactor("bcdefgh").RedactCut("x ab"));
    }

    [Fact]
    public void A_secret_that_contains_another_is_masked_whole()
    {
        var secrets = new SecretRedactor("pkg", "pkg-long-token");

        Assert.Equal("echo ***, then ***", secrets.Redact("echo pkg-long-token, then pkg"));
    }

    [Fact]
    public void A_secret_echoed_url_escaped_in_lower_case_is_masked_up_to_its_last_escape()
    {
        var secrets = new SecretRedactor("pkg a/b&c/");

        Assert.Equal("echo ***.", secrets.Redact("echo pkg%20a%2fb%26c%2f."));
        Assert.Equal("echo ***.", secrets.Redact("echo pkg+a%2fb%26c%2f."));
    }

    [Fact]
    public void No_text_stays_no_text()
    {
        Assert.Null(new SecretRedactor(Token).Redact(null));
    }

    [Fact]
    public void Without_secrets_nothing_is_masked()
    {
        Assert.Equal("denied for g", new SecretRedactor().RedactCut("denied for g"));
        Assert.Equal("denied for g", new SecretRedactor(null, string.Empty).RedactCut("denied for g"));
    }
}
