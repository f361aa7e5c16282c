"""The one set of colours of the four pillars, as the badges' artwork draws them
(``data/badges/images/<pillar>-N.svg``): the web pages' charts and the PDF certificate take
theirs from here, so a pillar looks the same on a badge, a page and paper.

Each keeps a contrast of at least 3:1 on white (graphical objects, WCAG 1.4.11); text is
never written in them."""

from __future__ import annotations

PILLAR_COLOURS: dict[str, str] = {
    "connaitre": "#1f5f99",
    "faire": "#c2571a",
    "vivre-ensemble": "#2e7d4f",
    "etre": "#6a3d9a",
}
FUNCTION_COLOUR = "#3f6f69"  # the vital functions, which have no badge colour of their own
OTHER_COLOUR = "#5f6b68"  # anything else (a pillar the catalog adds later)


def pillar_colour(pillar: str) -> str:
    """The colour of ``pillar`` (the neutral one for a pillar without its own)."""
    return PILLAR_COLOURS.get(pillar, OTHER_COLOUR)
