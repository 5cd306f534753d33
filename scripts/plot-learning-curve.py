#!/usr/bin/env python3
"""Plots `names eval --learning-curve ... --json F` as an SVG line chart (B-cubed F1 against reviewer decisions).

Usage: scripts/plot-learning-curve.py CURVE.json OUT.svg [TITLE]
No dependencies beyond the standard library.
"""
import json
import sys


def main(source, target, title="B-cubed F1 after simulated reviewer decisions"):
    data = json.load(open(source, encoding="utf-8"))
    base = data["unsupervised"]["bCubedF1"]
    points = [(0, base)] + [(p["decisions"], p["metrics"]["bCubedF1"]) for p in data["points"]]
    width, height, left, right, top, bottom = 560, 320, 60, 20, 40, 50
    max_x = max(x for x, _ in points) or 1
    low = min(min(y for _, y in points), base) - 0.02
    high = max(max(y for _, y in points), base + 0.10) + 0.02

    def px(x):
        return left + (width - left - right) * x / max_x

    def py(y):
        return top + (height - top - bottom) * (high - y) / (high - low)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
           f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="14">{title}</text>',
           f'<line x1="{left}" y1="{py(low)}" x2="{width - right}" y2="{py(low)}" stroke="#333"/>',
           f'<line x1="{left}" y1="{top}" x2="{left}" y2="{py(low)}" stroke="#333"/>',
           f'<text x="{width / 2}" y="{height - 10}" text-anchor="middle">reviewer decisions</text>',
           f'<text x="15" y="{height / 2}" text-anchor="middle" transform="rotate(-90 15 {height / 2})">B-cubed F1</text>']
    for label, y, colour in [("unsupervised", base, "#888"), ("+0.05", base + 0.05, "#c60"), ("+0.10", base + 0.10, "#c00")]:
        out.append(f'<line x1="{left}" y1="{py(y):.1f}" x2="{width - right}" y2="{py(y):.1f}" stroke="{colour}" stroke-dasharray="4 3"/>')
        out.append(f'<text x="{width - right - 4}" y="{py(y) - 4:.1f}" text-anchor="end" fill="{colour}">{label} ({y:.3f})</text>')
    for x, _ in points:
        out.append(f'<text x="{px(x):.1f}" y="{py(low) + 16:.1f}" text-anchor="middle">{x}</text>')
    steps = 5
    for i in range(steps + 1):
        y = low + (high - low) * i / steps
        out.append(f'<text x="{left - 6}" y="{py(y) + 4:.1f}" text-anchor="end">{y:.2f}</text>')
    path = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in points)
    out.append(f'<polyline points="{path}" fill="none" stroke="#06c" stroke-width="2"/>')
    for x, y in points:
        out.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="4" fill="#06c"/>')
        out.append(f'<text x="{px(x):.1f}" y="{py(y) - 8:.1f}" text-anchor="middle">{y:.3f}</text>')
    out.append("</svg>")
    open(target, "w", encoding="utf-8").write("\n".join(out) + "\n")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(*sys.argv[1:4])
