"""Fuzzing the image checks (``credentials.image_safety``): any bytes give an accepted image or
``UnsafeImage``; every PNG Pillow writes (any mode and size) and every SVG the engine bakes or
ships passes; and what the checks accept, a real decoder can open.
"""

from __future__ import annotations

import base64
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from apprenance.bootstrap import bundled
from apprenance.credentials.images.baking import bake_ob2, bake_ob3
from apprenance.credentials.images.image_safety import (
    check_image,
    check_image_uri,
    check_png,
    check_svg,
)
from apprenance.credentials.images.unbake import unbake_svg
from apprenance.errors import UnreadableInput, UnsafeImage
from credential_world import baked_svg, sample_credential, signed, tiny_png
from fuzz_support import format_text, fuzz, mutated_bytes

ARTWORK = sorted((bundled("badges") / "images").glob("*.svg"))
CREDENTIAL = signed(sample_credential())


def pillow_png(mode: str, width: int, height: int, seed: int, optimize: bool) -> bytes:
    image = Image.effect_noise((width, height), 64 + seed % 64).convert(mode)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=optimize)
    return out.getvalue()


@fuzz(60)
@given(st.sampled_from(["1", "L", "LA", "P", "RGB", "RGBA", "I;16"]),
       st.integers(min_value=1, max_value=300), st.integers(min_value=1, max_value=300),
       st.integers(min_value=0, max_value=1000), st.booleans())
def test_every_png_pillow_writes_passes(mode: str, width: int, height: int, seed: int,
                                        optimize: bool) -> None:
    data = pillow_png(mode, width, height, seed, optimize)
    info = check_png(data)
    assert (info.width, info.height) == (width, height)
    assert check_image(bake_ob3(data, CREDENTIAL)).kind == "png"


def test_an_interlaced_png_passes() -> None:
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body))

    width, height = 9, 7  # Adam7 passes: rows of 2, 1, 1, 2, 2, 4 and 4 pixels (RGB, 8 bit)
    passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4),
              (1, 0, 2, 2), (0, 1, 1, 2)]
    raw = b""
    for x0, y0, dx, dy in passes:
        columns = len(range(x0, width, dx))
        for _ in range(y0, height, dy):
            if columns:
                raw += b"\x00" + b"\x7f" * (3 * columns)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 1)
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b""))
    assert Image.open(io.BytesIO(data)).size == (width, height)
    assert check_png(data).width == width


@pytest.mark.parametrize("path", ARTWORK, ids=lambda p: p.name)
def test_the_shipped_artwork_and_what_the_engine_bakes_pass(path: object) -> None:
    svg = path.read_bytes()  # type: ignore[attr-defined]
    for data in (svg, bake_ob3(svg, CREDENTIAL), bake_ob2(svg, json.dumps({"id": "x"})),
                 baked_svg(json.dumps(CREDENTIAL))):
        assert check_image(data).kind == "svg"


def test_what_artwork_may_hold() -> None:
    png = base64.b64encode(tiny_png()).decode()
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
           'width="400" height="400"><defs><linearGradient id="g"/><style>.a{fill:url(#g)}'
           '</style></defs><rect class="a" fill="url(#g)" style="stroke: url( \'#g\' )"/>'
           f'<use xlink:href="#g"/><image href="data:image/png;base64,{png}"/><a href="#top">'
           '<text>javascript: is only text here</text></a>'
           '<openbadges:credential xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" '
           'verify="https://x.example.org/a"><![CDATA[{"onload": "url(http://x)"}]]>'
           "</openbadges:credential></svg>")
    assert check_svg(svg.encode()).width == 400
    assert check_image_uri(f"data:image/png;base64,{png}").startswith("data:image/png")
    assert check_image_uri(" https://x.example.org/logo.png ") == "https://x.example.org/logo.png"
    for bad in ("http://x.example.org/logo.png", "javascript:alert(1)", "data:text/html,<b>",
                "data:image/png;base64,!!!", f"data:image/svg+xml;base64,{png}", "/etc/passwd"):
        with pytest.raises(UnsafeImage):
            check_image_uri(bad)


def test_an_svg_naming_an_unknown_encoding_is_refused() -> None:
    svg = b'<?xml version="1.0" encoding="x-nope"?><svg xmlns="http://www.w3.org/2000/svg"/>'
    with pytest.raises(UnsafeImage, match="unknown encoding"):
        check_image(svg)
    with pytest.raises(UnreadableInput, match="unknown encoding"):
        unbake_svg(svg)


@fuzz(200)
@given(st.one_of(
    st.binary(max_size=300),
    st.sampled_from([tiny_png(), pillow_png("RGBA", 20, 20, 1, False),
                     ARTWORK[0].read_bytes(), baked_svg("{}")]).flatmap(mutated_bytes),
    format_text.map(lambda t: ('<svg xmlns="http://www.w3.org/2000/svg">' + t).encode(
        "utf-8", "surrogateescape")),
))
def test_any_bytes_give_an_image_or_our_refusal(data: bytes) -> None:
    try:
        info = check_image(data)
    except UnsafeImage as refused:
        assert refused.message and refused.code == "unsafe-image"
        return
    if info.kind == "png":  # accepted: a real decoder reads it whole
        with Image.open(io.BytesIO(data)) as image:
            image.load()

