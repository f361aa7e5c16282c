"""Badge artwork as PNG, drawn in pure Python (Pillow) from the badge's SVG.

Open Badges bake a credential into a PNG or an SVG image; backpacks and Moodle mostly want
PNG. apprenance ships its badge artwork as small SVG files, so it renders them itself rather
than depending on a native SVG library (cairo) or the network: this module reads the subset
of SVG the artwork uses (``circle``, ``polygon``, ``path`` with absolute M/L/H/V/C/Z,
``text``; fill, stroke, opacities, text anchor, letter spacing), draws it four times larger
and scales it down for smooth edges. Any other element is ignored; an SVG without drawable
content gives a plain disc, so every badge gets an image.

Text uses the Bitstream Vera fonts that reportlab ships (regular and bold, accents included; no
system font needed), else Pillow's bundled font.
The PNG of each artwork is computed once per process (``badge_png`` is cached).
"""

from __future__ import annotations

import io
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import ElementTree
from PIL import Image, ImageDraw, ImageFont

from apprenance.errors import InputError

SVG_NS = "{http://www.w3.org/2000/svg}"
SIZE = 400  # pixels of the PNG (the artwork is drawn on a 200-unit square)
OVERSAMPLE = 4
MAX_SVG_BYTES = 512 * 1024
_INHERITED = (
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-opacity",
    "stroke-width",
    "text-anchor",
    "font-size",
    "font-weight",
    "letter-spacing",
    "opacity",
)
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_PATH_TOKEN = re.compile(r"[MLHVCZmlhvcz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _color(value: str | None, opacity: float) -> tuple[int, int, int, int] | None:
    if not value or value == "none" or not value.startswith("#"):
        return None
    hexa = value[1:]
    if len(hexa) == 3:
        hexa = "".join(c * 2 for c in hexa)
    if len(hexa) != 6:
        return None
    r, g, b = (int(hexa[i : i + 2], 16) for i in (0, 2, 4))
    return (r, g, b, max(0, min(255, round(255 * opacity))))


def _float(value: str | None, default: float = 0.0) -> float:
    if value is None:
        return default
    match = _NUMBER.match(value.strip())
    return float(match.group()) if match else default


class _Painter:
    """Draws SVG elements on an RGBA canvas, one transparent layer per element."""

    def __init__(self, view: tuple[float, float, float, float]) -> None:
        self.scale = SIZE * OVERSAMPLE / max(view[2], view[3])
        self.origin = (view[0], view[1])
        side = SIZE * OVERSAMPLE
        self.canvas = Image.new("RGBA", (side, side), (0, 0, 0, 0))

    def point(self, x: float, y: float) -> tuple[float, float]:
        return ((x - self.origin[0]) * self.scale, (y - self.origin[1]) * self.scale)

    def _layer(self) -> tuple[Image.Image, ImageDraw.ImageDraw]:
        layer = Image.new("RGBA", self.canvas.size, (0, 0, 0, 0))
        return layer, ImageDraw.Draw(layer)

    def _paint(self, style: dict[str, str]) -> tuple[Any, Any, int]:
        alpha = _float(style.get("opacity"), 1.0)
        fill = _color(style.get("fill", "#000"), alpha * _float(style.get("fill-opacity"), 1.0))
        stroke = _color(style.get("stroke"), alpha * _float(style.get("stroke-opacity"), 1.0))
        width = round(_float(style.get("stroke-width"), 1.0) * self.scale) if stroke else 0
        return fill, stroke, width

    def shape(self, points: list[tuple[float, float]], style: dict[str, str], closed: bool) -> None:
        fill, stroke, width = self._paint(style)
        if len(points) < 2 or (fill is None and stroke is None):
            return
        layer, draw = self._layer()
        if closed and fill is not None and len(points) > 2:
            draw.polygon(points, fill=fill)
        if stroke is not None:
            outline = [*points, points[0]] if closed else points
            draw.line(outline, fill=stroke, width=max(width, 1), joint="curve")
        self.canvas.alpha_composite(layer)

    def circle(self, el: Element, style: dict[str, str]) -> None:
        fill, stroke, width = self._paint(style)
        cx, cy = self.point(_float(el.get("cx")), _float(el.get("cy")))
        r = _float(el.get("r")) * self.scale
        layer, draw = self._layer()
        draw.ellipse(
            (cx - r, cy - r, cx + r, cy + r),
            fill=fill,
            outline=stroke,
            width=width if stroke is not None else 0,
        )
        self.canvas.alpha_composite(layer)

    def text(self, el: Element, style: dict[str, str]) -> None:
        content = "".join(el.itertext()).strip()
        fill, _, _ = self._paint(style)
        if not content or fill is None:
            return
        wanted = _float(style.get("font-size"), 12.0) * self.scale
        # at most the canvas: a 40,000-pixel font would take gigabytes for one glyph
        size = int(min(max(wanted, 1.0), SIZE * OVERSAMPLE)) if math.isfinite(wanted) else 1
        bold = style.get("font-weight") == "bold"
        font = _font(size, bold)
        spacing = _float(style.get("letter-spacing")) * self.scale
        x, y = self.point(_float(el.get("x")), _float(el.get("y")))
        layer, draw = self._layer()
        widths = [draw.textlength(ch, font=font) for ch in content]
        total = sum(widths) + spacing * (len(content) - 1)
        anchor = style.get("text-anchor", "start")
        left = x - total / 2 if anchor == "middle" else x - total if anchor == "end" else x
        for ch, w in zip(content, widths, strict=True):
            draw.text((left, y), ch, font=font, fill=fill, anchor="ls")
            left += w + spacing
        self.canvas.alpha_composite(layer)

    def result(self) -> bytes:
        image = self.canvas.resize((SIZE, SIZE), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
        return out.getvalue()


@lru_cache(maxsize=64)
def _font(size: int, bold: bool) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    name = "VeraBd.ttf" if bold else "Vera.ttf"
    try:
        import reportlab

        return ImageFont.truetype(str(Path(reportlab.__file__).parent / "fonts" / name), size)
    except OSError:  # pragma: no cover - reportlab without its fonts
        return ImageFont.load_default(size=size)


def _path_points(d: str, painter: _Painter) -> list[tuple[list[tuple[float, float]], bool]]:
    """Absolute M/L/H/V/C/Z paths as point lists (cubic curves flattened)."""
    tokens = _PATH_TOKEN.findall(d)
    subpaths: list[tuple[list[tuple[float, float]], bool]] = []
    points: list[tuple[float, float]] = []
    x = y = 0.0
    command = ""
    i = 0

    def take(n: int) -> list[float]:
        nonlocal i
        values = [float(v) for v in tokens[i : i + n]]
        i += n
        return values

    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i].upper()
            i += 1
            if command == "Z":
                if points:
                    subpaths.append((points, True))
                points = []
                continue
        if command == "M":
            if points:
                subpaths.append((points, False))
            x, y = take(2)
            points = [(x, y)]
            command = "L"
        elif command == "L":
            x, y = take(2)
            points.append((x, y))
        elif command == "H":
            (x,) = take(1)
            points.append((x, y))
        elif command == "V":
            (y,) = take(1)
            points.append((x, y))
        elif command == "C":
            x1, y1, x2, y2, x3, y3 = take(6)
            for step in range(1, 17):
                s = step / 16
                u = 1 - s
                points.append(
                    (
                        u**3 * x + 3 * u * u * s * x1 + 3 * u * s * s * x2 + s**3 * x3,
                        u**3 * y + 3 * u * u * s * y1 + 3 * u * s * s * y2 + s**3 * y3,
                    )
                )
            x, y = x3, y3
        else:  # an unsupported command: stop reading this path
            break
    if points:
        subpaths.append((points, False))
    return [([painter.point(px, py) for px, py in pts], closed) for pts, closed in subpaths]


def _walk(el: Element, painter: _Painter, inherited: dict[str, str]) -> None:
    style = {**inherited, **{k: v for k, v in el.attrib.items() if k in _INHERITED}}
    tag = el.tag.removeprefix(SVG_NS)
    if tag == "circle":
        painter.circle(el, style)
    elif tag == "polygon":
        numbers = [float(v) for v in _NUMBER.findall(el.get("points", ""))]
        pts = [painter.point(numbers[k], numbers[k + 1]) for k in range(0, len(numbers) - 1, 2)]
        painter.shape(pts, style, closed=True)
    elif tag == "path":
        for pts, closed in _path_points(el.get("d", ""), painter):
            painter.shape(
                pts, style, closed=closed or (style.get("fill", "#000") != "none" and len(pts) > 2)
            )
    elif tag == "text":
        painter.text(el, style)
    elif tag in ("svg", "g"):
        for child in el:
            _walk(child, painter, style)


def render_svg(svg: bytes) -> bytes:
    """The PNG (``SIZE`` pixels square) of an SVG drawing of the supported subset."""
    if len(svg) > MAX_SVG_BYTES:
        raise InputError(f"badge artwork too large ({len(svg)} bytes, at most {MAX_SVG_BYTES})")
    try:
        root = ElementTree.fromstring(svg)
    except (ParseError, LookupError, ValueError) as exc:  # syntax; unknown encoding; refused
        # (defusedxml's refusals, DTDForbidden ..., are ValueErrors): all mean "not usable SVG"
        raise InputError(f"badge artwork is not readable SVG: {exc}") from None
    numbers = [float(v) for v in _NUMBER.findall(root.get("viewBox", ""))]
    if len(numbers) != 4 or numbers[2] <= 0 or numbers[3] <= 0:
        numbers = [0.0, 0.0, _float(root.get("width"), 200.0), _float(root.get("height"), 200.0)]
    if not all(math.isfinite(n) for n in numbers) or min(numbers[2], numbers[3]) <= 0:
        numbers = [0.0, 0.0, 200.0, 200.0]  # no usable size: the artwork's own 200 units
    painter = _Painter((numbers[0], numbers[1], numbers[2], numbers[3]))
    try:
        _walk(root, painter, {"fill": "#000"})
    except (OverflowError, ValueError, OSError, RecursionError) as exc:  # absurd coordinates
        raise InputError(f"badge artwork cannot be drawn: {exc}") from None
    return painter.result()


def placeholder_png(color: str = "#0f4c5c") -> bytes:
    """A plain disc: the image of a badge without artwork."""
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200">'
        f'<circle cx="100" cy="100" r="96" fill="{color}"/></svg>'
    )
    return render_svg(svg.encode())


@lru_cache(maxsize=256)
def _cached(path: str, mtime_ns: int) -> bytes:
    return render_svg(Path(path).read_bytes())


def badge_png(svg_path: Path | None) -> bytes:
    """The PNG of a badge's SVG artwork (cached per file version), or the plain disc."""
    if svg_path is None or not svg_path.is_file():
        return placeholder_png()
    return _cached(str(svg_path), svg_path.stat().st_mtime_ns)
