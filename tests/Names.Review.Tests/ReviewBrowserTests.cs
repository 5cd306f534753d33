using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Names.Review.Tests;

/// <summary>
/// The analysts' page in headless Chromium against a real `names serve` on a registry made by `names resolve`:
/// sign in, decide with the keyboard (accept, reject with a comment, undo), see the merged entity and its history,
/// check that a later resolve of the same input does not propose the rejected pair again, search with `/`, split an
/// entity. Screenshots at 1280x800 and 400x800 go to screenshots/ under the test output directory.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ReviewBrowserTests(ReviewSite site) : IClassFixture<ReviewSite>, IAsyncLifetime
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync() => (_playwright, _browser) = await ChromiumBrowser.LaunchAsync();

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    private async Task<IPage> OpenAsync(int width, int height)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = site.Serve.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        return await context.NewPageAsync();
    }

    private async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/review");
        await Expect(page).ToHaveURLAsync(new Regex("/review/sign-in"));
        await page.GetByLabel("Reviewer API key").FillAsync(site.ReviewerKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/review$"));
    }

    /// <summary>The ids of the two entities of the proposal on the page (A, then B).</summary>
    private static async Task<(string A, string B)> PairAsync(IPage page)
    {
        var cards = page.Locator("article.entity");
        return (await cards.Nth(0).Locator("dl.facts a.id").InnerTextAsync(), await cards.Nth(1).Locator("dl.facts a.id").InnerTextAsync());
    }

    private static async Task<long> ProposalIdAsync(IPage page)
    {
        var heading = await page.Locator("h1").InnerTextAsync();
        return long.Parse(Regex.Match(heading, @"Proposal (\d+)").Groups[1].Value);
    }

    private static Task<bool> FitsWidthAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

    [Fact]
    public async Task A_reviewer_decides_with_the_keyboard_and_sees_the_effects()
    {
        var page = await OpenAsync(1280, 800);
        await SignInAsync(page);

        // A proposal: both entities side by side, the score, the contributions chart, the nearest others.
        await Expect(page.Locator("h1")).ToContainTextAsync("Proposal");
        await Expect(page.Locator("article.entity")).ToHaveCountAsync(2);
        await Expect(page.Locator("table.contributions svg rect:not([width='0'])").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("proposal-1280x800.png"), FullPage = true });
        var accepted = await ProposalIdAsync(page);
        var (a, b) = await PairAsync(page);

        // Accept with the key `a` (a comment first: typed, then Escape leaves the text box so the key is a shortcut).
        await page.GetByLabel("Comment (optional)").FillAsync("same party, spelling variant");
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("a");
        await Expect(page.Locator("p.notice[role=status]")).ToContainTextAsync($"Accepted proposal {accepted}");
        var survivorLink = page.Locator("p.notice a.id");
        var survivor = await survivorLink.InnerTextAsync();
        Assert.Contains(survivor, new[] { a, b });
        var absorbed = survivor == a ? b : a;

        // The merged entity: the variants of both, and the history with the merge and the reviewer's decision.
        await survivorLink.ClickAsync();
        await Expect(page.Locator("h2#history")).ToBeVisibleAsync();
        var history = page.Locator("table.history");
        await Expect(history).ToContainTextAsync("merged");
        await Expect(history).ToContainTextAsync(absorbed);
        await Expect(history).ToContainTextAsync(site.ReviewerName);
        await Expect(history).ToContainTextAsync("same party, spelling variant");
        await page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("entity-1280x800.png"), FullPage = true });
        Assert.Empty(await ContrastCheck.FindLowContrastAsync(page));
        await page.GotoAsync("/review/entities/" + absorbed);
        await Expect(page.Locator("dl.facts")).ToContainTextAsync("absorbed into " + survivor);

        // Reject the next proposal with `r`.
        await page.GotoAsync("/review");
        var rejected = await ProposalIdAsync(page);
        Assert.NotEqual(accepted, rejected);
        var (ra, rb) = await PairAsync(page);
        await page.Keyboard.PressAsync("r");
        await Expect(page.Locator("p.notice[role=status]")).ToContainTextAsync($"Rejected proposal {rejected}");
        Assert.DoesNotContain(await site.PendingAsync(), p => p.Id == rejected);

        // A later resolve of the same input on the same registry does not propose the rejected pair again.
        var (code, _, stderr) = await site.ResolveAsync();
        Assert.True(code == 0, stderr);
        Assert.DoesNotContain(await site.PendingAsync(), p => (p.A == ra && p.B == rb) || (p.A == rb && p.B == ra));

        // Undo (`u`) takes back the reviewer's own last decision: the rejection; the proposal is pending again.
        await page.Keyboard.PressAsync("u");
        await Expect(page.Locator("p.notice[role=status]")).ToContainTextAsync($"Undid your last decision, on proposal {rejected}");
        Assert.Contains(await site.PendingAsync(), p => p.Id == rejected);
    }

    [Fact]
    public async Task Search_with_the_slash_key_opens_an_entity_and_splits_it()
    {
        var page = await OpenAsync(1280, 800);
        await SignInAsync(page);
        await page.Keyboard.PressAsync("/");
        await Expect(page.Locator("#q")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Optics");
        await page.Keyboard.PressAsync("Enter");
        // The record whose id carries a script tag: shown as text, never run.
        await page.Locator("main table a").First.ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Lumen Optics Ltd");
        await Expect(page.Locator("main")).ToContainTextAsync("<script>window.pwned=1</script>");
        Assert.True(await page.EvaluateAsync<bool>("() => window.pwned === undefined"));

        await page.Locator("#q").FillAsync("Harbour Lantern");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("main table a").First.ClickAsync();
        var original = Regex.Match(page.Url, "/review/entities/([0-9A-Z]{16})").Groups[1].Value;
        var boxes = page.Locator("form.split input[type=checkbox]");
        Assert.True(await boxes.CountAsync() >= 2, "the Harbour Lantern entity should have several variants");
        await boxes.Nth(await boxes.CountAsync() - 1).CheckAsync();
        await page.GetByLabel("Reason").FillAsync("US branch is a different firm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Split checked variants into a new id" }).ClickAsync();
        await Expect(page.Locator("p.notice[role=status]")).ToContainTextAsync("Split off " + original);
        Assert.DoesNotContain("/review/entities/" + original, page.Url);
        await Expect(page.Locator("table.history")).ToContainTextAsync("US branch is a different firm");
    }

    [Fact]
    public async Task The_page_fits_a_narrow_window_and_is_usable_without_a_mouse()
    {
        var page = await OpenAsync(400, 800);
        await SignInAsync(page);
        await Expect(page.Locator("article.entity").First).ToBeVisibleAsync();
        Assert.True(await FitsWidthAsync(page), "the proposal page scrolls sideways at 400 px");
        Assert.Empty(await ContrastCheck.FindLowContrastAsync(page));
        await page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("proposal-400x800.png"), FullPage = true });
        // Every visible control has a label (its accessible name) and is reachable with Tab.
        var unnamed = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button, a[href]')]
                .filter(e => e.offsetParent !== null && !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())
                .map(e => e.outerHTML)
            """);
        Assert.Empty(unnamed);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        await page.GotoAsync("/review/search?q=Quarry");
        Assert.True(await FitsWidthAsync(page), "the search page scrolls sideways at 400 px");
        Assert.Empty(await ContrastCheck.FindLowContrastAsync(page)); // the search text in the top bar included
        await page.ScreenshotAsync(new() { Path = ChromiumBrowser.ScreenshotPath("search-400x800.png"), FullPage = true });
    }
}
