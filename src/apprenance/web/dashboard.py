"""The dashboard section of the territory page (``/territoires/{territory}``, the
coordinator's landing page): headline numbers, hours per pillar and per vital function,
pillars x vital functions x projects, the learners' closest badges, recent activity, and
what waits (activities to sort, rejected rows). Charts from ``web.charts``, each with its
values in its accessible name and in a table beside it."""

from __future__ import annotations

from typing import Any

from apprenance import i18n
from apprenance.bootstrap import App
from apprenance.domain.catalog import Catalog
from apprenance.domain.palette import FUNCTION_COLOUR, pillar_colour
from apprenance.services.people import dashboard
from apprenance.web.charts import bars_svg, progress_svg, stacked_svg


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
            p["label"] = i18n.t("dashboard.more", lang, count=p["count"])
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
            text = i18n.t("dashboard.conditions", lang, met=best["met"], of=best["of"])
            sep = " : " if lang == "fr" else ": "
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
