"""The registry of output formats (credentials/formats/registry.py): one entry per format,
read by the issuing batch, the downloads, the portfolio and the web download route."""

from __future__ import annotations

import json
from typing import get_args

import pytest

from apprenance.credentials.formats.registry import DOWNLOADS, FORMATS, Issued, written
from apprenance.credentials.images.badge_png import placeholder_png
from apprenance.credentials.images.baking import (
    bake_ob2,
    bake_ob3,
    bake_png,
    credential_text,
    prepare_svg,
)
from apprenance.errors import NotFound
from apprenance.services.files import dump_json
from apprenance.web.api_credentials import DownloadName

SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
       b'<circle cx="50" cy="50" r="48" fill="#1d5c8c"/></svg>')
DOCUMENT = {"id": "urn:uuid:1", "name": "Éco"}
OB2 = {"id": "https://example.org/a/1", "type": "Assertion"}


def issued(**changes: object) -> Issued:
    png = placeholder_png()
    fields: dict[str, object] = {"document": DOCUMENT, "jwt": "a.b.c", "ob2": OB2,
                                 "png": lambda: png, "svg": lambda: SVG}
    fields.update(changes)
    return Issued(**fields)  # type: ignore[arg-type]


def test_the_download_route_accepts_the_downloadable_formats() -> None:
    assert get_args(DownloadName) == DOWNLOADS == ("json", "jwt", "png", "svg", "ob2")


def test_an_issuing_batch_writes_seven_files_per_credential() -> None:
    assert [f.suffix for f in written("ob3")] == [".ob3.json", ".ob3.jwt", ".png", ".svg"]
    assert [f.suffix for f in written("ob2")] == [".ob2.json", ".ob2.png", ".ob2.svg"]


def test_files_and_downloads_are_built_as_before() -> None:
    one, png = issued(), placeholder_png()
    assert FORMATS["json"].file_bytes(one) == dump_json(DOCUMENT).encode("utf-8")
    assert FORMATS["json"].build(one) + b"\n" == FORMATS["json"].file_bytes(one)
    assert FORMATS["jwt"].build(one) == FORMATS["jwt"].file_bytes(one) == b"a.b.c\n"
    assert FORMATS["png"].build(one) == bake_ob3(png, DOCUMENT) == bake_png(
        png, credential_text(DOCUMENT))
    assert FORMATS["svg"].build(one) == bake_ob3(SVG, DOCUMENT) == FORMATS["svg"].build(
        issued(svg_template=prepare_svg(SVG)))
    assert prepare_svg(SVG).bake(credential_text(DOCUMENT)) == FORMATS["svg"].build(one)
    assert FORMATS["ob2"].file_bytes(one) == dump_json(OB2).encode("utf-8")
    text = json.dumps(OB2, ensure_ascii=False)
    assert FORMATS["ob2-png"].build(one) == bake_ob2(png, text)
    assert FORMATS["ob2-svg"].build(one) == bake_ob2(SVG, text)


def test_a_missing_form_is_not_found_before_the_artwork_is_read() -> None:
    def unread() -> bytes:
        raise AssertionError("artwork read")
    with pytest.raises(NotFound, match="no VC-JWT form"):
        FORMATS["jwt"].build(issued(jwt=None))
    for name in ("ob2", "ob2-png", "ob2-svg"):
        with pytest.raises(NotFound, match=r"no Open Badges 2\.0 form"):
            FORMATS[name].build(issued(ob2=None, png=unread, svg=unread))
