"""The look of the PDF certificate: fonts, colours, paragraph and table styles, the bar chart
of hours, the QR code, and numbers and dates written the French or English way."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph

from apprenance.domain import palette
from apprenance.domain.evidence import TOLERANCE

INK = colors.HexColor("#17433B")  # deep green: band, headings
ACCENT = colors.HexColor("#2E7D6B")
MUTED = colors.HexColor("#5F6B68")
TINT = colors.HexColor("#EEF4F2")
RULE = colors.HexColor("#C9D8D3")
TEXT = colors.HexColor("#1E2624")
PILLAR_KEYS = ("connaitre", "faire", "vivre-ensemble", "etre")
# the badges' and the web pages' colours (one source: domain/palette.py)
PILLAR_COLOURS = tuple(colors.HexColor(palette.pillar_colour(k)) for k in PILLAR_KEYS)
FUNCTION_COLOUR = colors.HexColor(palette.FUNCTION_COLOUR)

FONT_DIR = Path(__file__).resolve().parents[2] / "data" / "fonts"
FONTS = {
    "Apprenance": "DejaVuSans.ttf",
    "Apprenance-Bold": "DejaVuSans-Bold.ttf",
    "Apprenance-Italic": "DejaVuSans-Oblique.ttf",
    "Apprenance-Serif": "DejaVuSerif-Bold.ttf",
}
NNBSP = "\u202f"  # narrow no-break space: French thousands and punctuation
NBSP = "\u00a0"


@cache
def register_fonts() -> None:
    """Register the bundled DejaVu fonts with reportlab (once per process)."""
    folder = FONT_DIR
    for name, file in FONTS.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily("Apprenance", normal="Apprenance", bold="Apprenance-Bold",
                                  italic="Apprenance-Italic", boldItalic="Apprenance-Bold")


@cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("body", fontName="Apprenance", fontSize=9, leading=12.5,
                          textColor=TEXT, alignment=TA_LEFT, bulletFontName="Apprenance")

    def make(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": base,
        "bodybold": make("bodybold", fontName="Apprenance-Bold"),
        "kicker": make("kicker", fontName="Apprenance-Bold", fontSize=8.5, textColor=ACCENT,
                       spaceAfter=3),
        "title": make("title", fontName="Apprenance-Serif", fontSize=20, leading=24,
                      textColor=INK, spaceAfter=8),
        "muted": make("muted", textColor=MUTED, fontSize=9.5),
        "name": make("name", fontName="Apprenance-Serif", fontSize=24, leading=30,
                     textColor=TEXT, spaceAfter=6),
        "lead": make("lead", fontSize=10, leading=14.5),
        "figure": make("figure", fontName="Apprenance-Bold", fontSize=15, leading=18,
                       textColor=INK),
        "caption": make("caption", fontSize=7.5, leading=9.5, textColor=MUTED),
        "heading": make("heading", fontName="Apprenance-Bold", fontSize=10.5, leading=13,
                        textColor=INK),
        "cell": make("cell", fontSize=8, leading=10),
        "cellmuted": make("cellmuted", fontSize=7.5, leading=9.5, textColor=MUTED),
        "note": make("note", fontName="Apprenance-Italic", fontSize=7.5, leading=10,
                     textColor=MUTED, spaceBefore=2),
        "url": make("url", fontSize=7, leading=9, textColor=ACCENT),
    }


class Heading(Paragraph):  # type: ignore[misc]
    """A section title with a rule below it; the document lists it in its outline."""

    def __init__(self, text: str) -> None:
        from xml.sax.saxutils import escape

        self.plain = text
        style = ParagraphStyle("h", parent=styles()["heading"], spaceBefore=4, spaceAfter=5,
                               borderPadding=(0, 0, 3, 0))
        super().__init__(escape(text).replace(NNBSP, NBSP), style)

    def draw(self) -> None:
        super().draw()
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.8)
        self.canv.line(0, -2.5, self.width, -2.5)


def number_text(value: float, lang: str, decimals: int = 1) -> str:
    """``value`` with at most ``decimals`` decimals (none when whole): 1 234,5 or 1,234.5."""
    rounded = round(value, decimals)
    whole = abs(rounded - round(rounded)) < TOLERANCE
    out = f"{rounded:,.0f}" if whole else f"{rounded:,.{decimals}f}".rstrip("0").rstrip(".")
    if lang == "fr":
        out = out.replace(",", NNBSP).replace(".", ",")
    return out


def hours_text(value: float, lang: str) -> str:
    return f"{number_text(value, lang)}{NBSP}h"


def bar_chart(rows: list[tuple[str, str, float]], width: float, lang: str, *,
              percent: bool) -> Drawing:
    """Horizontal bars: a label line, then a bar scaled to the largest value, value at right."""
    register_fonts()
    row_h = 11.5 * mm
    height = max(len(rows), 1) * row_h
    drawing = Drawing(width, height)
    drawing.initialFontName = "Apprenance"  # the renderer's first state: no base-14 font
    top = max((hours for _, _, hours in rows), default=0.0)
    total = sum(hours for _, _, hours in rows)
    value_w = 27 * mm if percent else 16 * mm
    track = width - value_w
    for i, (key, label, hours) in enumerate(rows):
        y = height - (i + 1) * row_h
        colour = (PILLAR_COLOURS[PILLAR_KEYS.index(key)] if key in PILLAR_KEYS
                  else FUNCTION_COLOUR)
        drawing.add(String(0, y + 6.3 * mm, label, fontName="Apprenance", fontSize=8,
                           fillColor=TEXT))
        drawing.add(Rect(0, y + 1.4 * mm, track, 3.6 * mm, fillColor=TINT, strokeColor=None))
        share = hours / top if top > 0 else 0.0
        if share > 0:
            drawing.add(Rect(0, y + 1.4 * mm, max(track * share, 1.5), 3.6 * mm,
                             fillColor=colour, strokeColor=None))
        value = hours_text(hours, lang)
        if percent:
            pct = 100 * hours / total if total > 0 else 0.0
            value += f" · {number_text(pct, lang, 0)}{NNBSP if lang == 'fr' else ''}%"
        drawing.add(String(width, y + 1.9 * mm, value, fontName="Apprenance-Bold",
                           fontSize=8, fillColor=TEXT, textAnchor="end"))
    return drawing


def qr_drawing(value: str, size: float) -> Drawing:
    """A QR code of ``value`` (error correction M), ``size`` points wide."""
    widget = QrCodeWidget(value, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.initialFontName = "Apprenance"
    drawing.add(widget)
    return drawing


PLAIN: list[tuple[Any, ...]] = [("FONT", (0, 0), (-1, -1), "Apprenance", 9)]


def table_style(numeric_from: int) -> list[tuple[Any, ...]]:
    """Header row in small caps colour, thin rules, numbers right-aligned from a column on."""
    return [
        ("FONT", (0, 0), (-1, 0), "Apprenance-Bold", 7.5),
        ("TEXTCOLOR", (0, 0), (-1, 0), MUTED),
        ("FONT", (0, 1), (-1, -1), "Apprenance", 8),
        ("TEXTCOLOR", (0, 1), (-1, -1), TEXT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
    ]


class Anchor(Flowable):  # type: ignore[misc]
    """An entry of the outline for a heading drawn inside a table (invisible, no space)."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.plain = title
        self.width = self.height = 0

    def draw(self) -> None:
        pass


class SignatureLine(Flowable):  # type: ignore[misc]
    """The line a signatory signs on."""

    def __init__(self, width: float) -> None:
        super().__init__()
        self.width, self.height = width, 3

    def draw(self) -> None:
        self.canv.setStrokeColor(MUTED)
        self.canv.setLineWidth(0.6)
        self.canv.line(0, 1, self.width, 1)
