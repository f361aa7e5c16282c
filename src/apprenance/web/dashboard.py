"""The dashboard section of the territory page (``/territoires/{territory}``, the
coordinator's landing page): headline numbers, hours per pillar and per vital function,
pillars x vital functions x projects, the learners' closest badges, recent activity, and
what waits (activities to sort, rejected rows).

Its charts are inline SVG: no script, no external file, readable on a 390 px phone (each
label on its own line above its bar, the whole width for the bar), every value written
beside its bar and listed in the chart's accessible name (``role="img"`` and
``aria-label``), colours from the one palette (``domain/palette.py``), and the same values
in a table beside them."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from apprenance import i18n
from apprenance.bootstrap import App
from apprenance.domain.catalog import Catalog
from apprenance.domain.palette import FUNCTION_COLOUR, pillar_colour
from apprenance.i18n import number
from apprenance.services.people import dashboard


def dashboard_context(app: App, catalog: Catalog, overview: dict[str, Any], lang: str, *,
                      with_rejects: bool) -> dict[str, Any]:
    """What ``dashboard.html`` draws, from the territory's overview (``territory_overview``;
    its rejects are counted ``with_rejects`` only: they are the instance's, not the
    territory's)."""
    territory = str(overview["territory"])
    labels = dashboard.pillar_labels(catalog, lang)
    projects = dashboard.project_coverage(app.store, catalog, territory, lang)
    for p in projects:
        if p["id"] == "":
            p["label"] = i18n.t("dashboard.no_project", lang)
        elif p["id"] == "*":
            p["label"] = i18n.t_plural("dashboard.more", lang, p["count"], n=p["count"])
    pillars = [(str(p["label"]), float(p["hours"]), pillar_colour(str(p["id"])))
               for p in overview["pillars"]]
    functions = [(str(f["label"]), float(f["hours"]), FUNCTION_COLOUR)
                 for f in overview["functions"]]
    series = [(p["id"], str(p["label"]), pillar_colour(str(p["id"])))
              for p in overview["pillars"]]
    closest = dashboard.closest_badges(
        app.store, catalog, [x["learner"] for x in overview["learners"]], lang)
    progress = []
    for learner in overview["learners"]:
        best = closest.get(learner["learner"])
        state = "done" if best is None else "none" if int(best["met"]) == 0 else "closest"
        meter = None
        if best and state == "closest":
            text = i18n.t_plural("dashboard.conditions", lang, int(best["met"]),
                                 met=best["met"], of=best["of"])
            sep = i18n.t("punct.colon", lang)
            meter = progress_svg(int(best["met"]), int(best["of"]),
                                 label=f"{best['name']}{sep}{text}")
            best = {**best, "text": text}
        progress.append({**learner, "closest": best, "state": state, "meter": meter})
    function_ids = [f["id"] for f in overview["functions"]]
    return {
        "figures": dashboard.totals(overview, projects),
        "pillars_chart": bars_svg(pillars, title=i18n.t("dashboard.pillars", lang),
                                  ident="chart-pillars", lang=lang),
        "functions_chart": bars_svg(functions, title=i18n.t("dashboard.functions", lang),
                                    ident="chart-functions", lang=lang),
        "projects_chart": stacked_svg(
            [(str(p["label"]), p["pillars"]) for p in projects], series,
            title=i18n.t("dashboard.projects", lang), ident="chart-projects", lang=lang),
        "projects": projects,
        "pillar_ids": [p["id"] for p in overview["pillars"]],
        "function_ids": function_ids,
        "labels": labels,
        "progress": progress,
        "recent": dashboard.recent_activity(app.store, catalog, territory, lang),
        "rejects_count": len(overview["rejects"]) if with_rejects else None,
    }


# --- the charts ----------------------------------------------------------------------

WIDTH = 360  # viewBox units; drawn at most 27rem wide (app.css), about 1:1
VALUE_W = 78  # room kept right of the longest bar for its value
FONT = 15


def _value(value: float, unit: str, lang: str) -> str:
    return f"{number(value, lang)} {unit}".strip()


def _short(label: str, most: int) -> str:
    """``label`` cut to ``most`` characters, with an ellipsis when cut (the full label is in
    the chart's accessible name and its table)."""
    return label if len(label) <= most else label[: most - 1].rstrip() + "…"


def _open(ident: str, height: int, title: str, label: str) -> list[str]:
    return [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
            f'role="img" aria-label="{escape(label)}" class="chart" id="{escape(ident)}">',
            f"<title>{escape(title)}</title>"]


def values_text(title: str, items: Sequence[tuple[str, str]], lang: str) -> str:
    """"Title: a 3 h, b 2 h" (the accessible name of a chart)."""
    return title + i18n.t("punct.colon", lang) + ", ".join(f"{label} {value}"
                                                           for label, value in items)


def bars_svg(items: Sequence[tuple[str, float, str]], *, title: str, ident: str, lang: str,
             unit: str = "h") -> str:
    """One horizontal bar per (label, value, colour), the label above it, the value after."""
    row, bar_h = 46, 18
    height = max(row * len(items), row)
    peak = max((v for _, v, _ in items), default=0.0) or 1.0
    span = WIDTH - VALUE_W
    name = values_text(title, [(label, _value(v, unit, lang)) for label, v, _ in items], lang)
    out = _open(ident, height, title, name)
    for i, (label, value, colour) in enumerate(items):
        y = i * row
        length = max(2.0, span * value / peak) if value > 0 else 0.0
        shown = _value(value, unit, lang)
        out.append(f'<text x="0" y="{y + FONT}" font-size="{FONT}" fill="#1a1a1a">'
                   f"{escape(_short(label, 42))}</text>")
        out.append(f'<rect x="0" y="{y + 21}" width="{length:.1f}" height="{bar_h}" rx="3" '
                   f'fill="{colour}"/>')
        out.append(f'<text x="{length + 6:.1f}" y="{y + 21 + 14}" font-size="{FONT}" '
                   f'fill="#1a1a1a">{escape(shown)}</text>')
    out.append("</svg>")
    return "".join(out)


def stacked_svg(rows: Sequence[tuple[str, dict[str, float]]],
                series: Sequence[tuple[str, str, str]], *, title: str, ident: str,
                lang: str, unit: str = "h") -> str:
    """One stacked bar per (label, {series key: value}); ``series`` is (key, label, colour),
    drawn as a legend above the bars, in that order."""
    legend_row, row, bar_h = 24, 50, 20
    per_line = 1 if max((len(x[1]) for x in series), default=0) > 18 else 2
    legend_h = legend_row * ((len(series) + per_line - 1) // per_line) + 8
    height = legend_h + row * max(len(rows), 1)
    peak = max((sum(v.values()) for _, v in rows), default=0.0) or 1.0
    span = WIDTH - VALUE_W
    parts = []
    for label, values in rows:
        inner = ", ".join(f"{s_label} {_value(values.get(key, 0.0), unit, lang)}"
                          for key, s_label, _ in series if values.get(key, 0.0))
        parts.append((label, f"({inner})" if inner else _value(0.0, unit, lang)))
    out = _open(ident, height, title, values_text(title, parts, lang))
    for i, (_key, label, colour) in enumerate(series):
        lx, ly = (i % per_line) * (WIDTH // per_line), (i // per_line) * legend_row
        out.append(f'<rect x="{lx}" y="{ly + 3}" width="14" height="14" rx="2" '
                   f'fill="{colour}"/>')
        out.append(f'<text x="{lx + 20}" y="{ly + 15}" font-size="{FONT - 1}" '
                   f'fill="#1a1a1a">{escape(_short(label, 44 // per_line))}</text>')
    for i, (label, values) in enumerate(rows):
        y = legend_h + i * row
        total = sum(values.values())
        out.append(f'<text x="0" y="{y + FONT}" font-size="{FONT}" fill="#1a1a1a">'
                   f"{escape(_short(label, 42))}</text>")
        x = 0.0
        for key, _, colour in series:
            length = span * values.get(key, 0.0) / peak
            if length > 0:
                out.append(f'<rect x="{x:.1f}" y="{y + 22}" width="{length:.1f}" '
                           f'height="{bar_h}" fill="{colour}"/>')
                x += length
        out.append(f'<text x="{x + 6:.1f}" y="{y + 22 + 15}" font-size="{FONT}" '
                   f'fill="#1a1a1a">{escape(_value(total, unit, lang))}</text>')
    out.append("</svg>")
    return "".join(out)


def progress_svg(met: int, of: int, *, label: str) -> str:
    """A small bar of ``met`` conditions out of ``of`` (its accessible name says so)."""
    width, height = 100, 12
    filled = width * met / of if of else 0.0
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'role="img" aria-label="{escape(label)}" class="meter">'
            f'<rect x="0" y="0" width="{width}" height="{height}" rx="3" fill="#e3e8e6" '
            f'stroke="#5f6b68" stroke-width="1"/>'
            f'<rect x="0" y="0" width="{filled:.1f}" height="{height}" rx="3" fill="#2e7d4f"/>'
            "</svg>")
