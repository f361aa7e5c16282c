"""Inline SVG for the pages: the four pillars as a bar chart, and QR codes. No script, no
external file: they print, they work offline, and screen readers get a title and labels."""

from __future__ import annotations

import io
from collections.abc import Sequence
from html import escape
from typing import Any

import segno

COLOURS = ("#1d5c8c", "#2f7d32", "#a34b00", "#7a3b8f")  # contrast >= 4.5:1 on white


def pillars_svg(pillars: Sequence[dict[str, Any]], *, title: str, unit: str = "h") -> str:
    """Horizontal bars, one per pillar, with the hours written beside each bar."""
    width, bar_h, gap, label_w = 440, 26, 14, 200
    top = 8
    peak = max((float(p["hours"]) for p in pillars), default=0.0) or 1.0
    height = top + len(pillars) * (bar_h + gap)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="pillars-title" class="chart">',
        f'<title id="pillars-title">{escape(title)}</title>',
    ]
    span = width - label_w - 60
    for i, p in enumerate(pillars):
        y = top + i * (bar_h + gap)
        hours = float(p["hours"])
        length = max(2.0, span * hours / peak) if hours > 0 else 0.0
        colour = COLOURS[i % len(COLOURS)]
        label = escape(str(p["label"]))
        out.append(f'<text x="0" y="{y + bar_h * 0.7:.1f}" font-size="13" '
                   f'fill="#1a1a1a">{label[:30]}</text>')
        out.append(f'<rect x="{label_w}" y="{y}" width="{length:.1f}" height="{bar_h}" '
                   f'rx="3" fill="{colour}"><title>{label}: {hours:g} {unit}</title></rect>')
        out.append(f'<text x="{label_w + length + 6:.1f}" y="{y + bar_h * 0.7:.1f}" '
                   f'font-size="13" fill="#1a1a1a">{hours:g} {unit}</text>')
    out.append("</svg>")
    return "".join(out)


def qr_svg(url: str, *, title: str) -> str:
    """A QR code of ``url`` as inline SVG (dark on white, quiet zone kept)."""
    qr = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    qr.save(buffer, kind="svg", scale=4, border=4, xmldecl=False, svgns=True,
            title=title, svgclass="qr", lineclass=None, dark="#000", light="#fff")
    return buffer.getvalue().decode("utf-8")
