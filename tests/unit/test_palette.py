"""One set of pillar colours: the badges' artwork draws each pillar in its palette colour,
and the PDF certificate and the web pages' charts take theirs from the palette."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors

from apprenance.credentials.pdf import style
from apprenance.domain.catalog import PILLARS
from apprenance.domain.palette import FUNCTION_COLOUR, PILLAR_COLOURS, pillar_colour
from apprenance.web import pages
from apprenance.web.dashboard import bars_svg

IMAGES = Path(__file__).resolve().parents[2] / "src" / "apprenance" / "data" / "badges" / "images"


def test_every_pillar_has_its_colour_and_the_badges_draw_it() -> None:
    assert tuple(PILLAR_COLOURS) == PILLARS
    for pillar, colour in PILLAR_COLOURS.items():
        for art in sorted(IMAGES.glob(f"{pillar}-*.svg")):
            assert f'fill="{colour}"' in art.read_text(encoding="utf-8").lower(), art.name


def test_the_pdf_and_the_pages_take_the_palette() -> None:
    for key, colour in zip(style.PILLAR_KEYS, style.PILLAR_COLOURS, strict=True):
        assert colour == colors.HexColor(pillar_colour(key))
    assert colors.HexColor(FUNCTION_COLOUR) == style.FUNCTION_COLOUR
    assert tuple(PILLAR_COLOURS.values()) == pages.COLOURS
    drawn = pages.pillars_svg([{"id": "etre", "label": "Être", "hours": 2.0}], title="t")
    assert f'fill="{PILLAR_COLOURS["etre"]}"' in drawn


def test_a_chart_says_its_values_in_its_accessible_name() -> None:
    svg = bars_svg([("Faire", 9.75, pillar_colour("faire")), ("Être", 0.0, "#000")],
                   title="Heures par pilier", ident="c", lang="fr")
    assert 'role="img"' in svg
    assert 'aria-label="Heures par pilier\u00a0: Faire 9,75 h, Être 0 h"' in svg
    assert "<title>Heures par pilier</title>" in svg
