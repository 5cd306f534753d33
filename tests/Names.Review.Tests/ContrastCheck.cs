using Microsoft.Playwright;

namespace Names.Review.Tests;

/// <summary>
/// WCAG AA contrast of the rendered page: for every visible element with text of its own (and every filled input),
/// the ratio between its computed colour and the first opaque background behind it must be at least 4.5:1 (3:1 for
/// large text). Returns the offenders.
/// </summary>
public static class ContrastCheck
{
    private const string Script = """
        () => {
          const parse = c => { const m = /rgba?\(([^)]+)\)/.exec(c); if (!m) return null; const p = m[1].split(',').map(parseFloat); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
          const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
          const luminance = c => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
          const background = el => {
            for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor); if (c && c.a > 0.5) return c; }
            return { r: 255, g: 255, b: 255, a: 1 };
          };
          const offenders = [];
          for (const el of document.querySelectorAll('body *')) {
            if (!el.getClientRects().length) continue;
            const text = (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') ? el.value
              : [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
            if (!text) continue;
            const style = getComputedStyle(el);
            const a = luminance(parse(style.color)), b = luminance(background(el));
            const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
            const needed = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
            if (ratio < needed) offenders.push(`${el.tagName} "${text.slice(0, 40)}" ${ratio.toFixed(2)}:1`);
          }
          return offenders;
        }
        """;

    public static Task<string[]> FindLowContrastAsync(IPage page) => page.EvaluateAsync<string[]>(Script);
}
