"""Every output format, in one place: its name, file suffix, media type and how it is built.

A credential issued once is written in several forms (``apprenance issue --out``) and can be
downloaded in most of them (``GET /api/v1/credentials/{id}/{name}``): the OB 3.0 credential
as JSON-LD and as a VC-JWT, baked into the badge PNG and SVG; the OB 2.0 assertion as JSON,
baked into the PNG and SVG. The CLR record, the PDF certificate and the Europass (ELM 3)
credential are documents of their own (built by ``formats.clr``, ``pdf.certificate`` and
``formats.elm``): they are here for their suffix and media type.

Adding a format: its module in ``credentials/formats/`` builds the document; an entry in
``FORMATS`` says how it is named, served and turned into bytes (``OutputFormat.build``).
Files written in ``--out`` end a JSON document with a newline, downloads do not
(``OutputFormat.file_bytes``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from apprenance.credentials.images.baking import SvgTemplate, bake_ob2, bake_ob3, credential_text
from apprenance.errors import NotFound, UnknownFormat

Carries = Literal["ob3", "ob2", "clr", "certificate", "elm"]
Form = Literal["json", "jwt", "png", "svg", "pdf"]


@dataclass
class Issued:
    """One issued credential: the forms every file of it is built from. The artwork is
    read only when a baked image is built (``png``, ``svg``); a batch gives the SVG parsed
    once for all its awards (``svg_template``)."""

    document: dict[str, Any]
    jwt: str | None
    ob2: dict[str, Any] | None
    png: Callable[[], bytes] = field(repr=False)
    svg: Callable[[], bytes] = field(repr=False)
    svg_template: SvgTemplate | None = field(default=None, repr=False)

    @cached_property
    def text(self) -> str:
        """The OB 3.0 credential as baked into images (compact JSON)."""
        return credential_text(self.document)

    @cached_property
    def ob2_text(self) -> str:
        """The OB 2.0 assertion as baked into images."""
        return json.dumps(self.the_ob2, ensure_ascii=False)

    @property
    def the_jwt(self) -> str:
        if not self.jwt:
            raise NotFound("this credential has no VC-JWT form")
        return self.jwt

    @property
    def the_ob2(self) -> dict[str, Any]:
        if not self.ob2:
            raise NotFound("this credential has no Open Badges 2.0 form")
        return self.ob2


def _json(document: Any) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def _ob2_baked(image: Callable[[Issued], bytes]) -> Callable[[Issued], bytes]:
    def build(issued: Issued) -> bytes:
        text = issued.ob2_text  # no OB 2.0 form: NotFound, before the artwork is read
        return bake_ob2(image(issued), text)
    return build


def _baked_svg(issued: Issued) -> bytes:
    if issued.svg_template is not None:
        return issued.svg_template.bake(issued.text)
    return bake_ob3(issued.svg(), issued.document)


@dataclass(frozen=True)
class OutputFormat:
    """One output format. ``name`` is its name in download URLs and format lists;
    ``suffix`` follows the badge id in file names; ``download``: served by the credential
    download route; ``builder``: the bytes of an issued credential in this format (None:
    a document built by its own module, not from an ``Issued``)."""

    name: str
    suffix: str
    media_type: str
    carries: Carries
    form: Form
    builder: Callable[[Issued], bytes] | None = field(default=None, repr=False, compare=False)
    download: bool = False

    def build(self, issued: Issued) -> bytes:
        """The bytes downloaded."""
        if self.builder is None:
            raise UnknownFormat(f"{self.name} is built by its own module, not from a credential")
        return self.builder(issued)

    def file_bytes(self, issued: Issued) -> bytes:
        """The bytes written in ``--out`` (a JSON document ends with a newline there)."""
        body = self.build(issued)
        return body + b"\n" if self.form == "json" else body


FORMATS: dict[str, OutputFormat] = {f.name: f for f in (
    OutputFormat("json", ".ob3.json", "application/ld+json", "ob3", "json",
                 lambda i: _json(i.document), download=True),
    OutputFormat("jwt", ".ob3.jwt", "application/jwt", "ob3", "jwt",
                 lambda i: (i.the_jwt + "\n").encode("ascii"), download=True),
    OutputFormat("png", ".png", "image/png", "ob3", "png",
                 lambda i: bake_ob3(i.png(), i.document), download=True),
    OutputFormat("svg", ".svg", "image/svg+xml", "ob3", "svg", _baked_svg, download=True),
    OutputFormat("ob2", ".ob2.json", "application/ld+json", "ob2", "json",
                 lambda i: _json(i.the_ob2), download=True),
    OutputFormat("ob2-png", ".ob2.png", "image/png", "ob2", "png",
                 _ob2_baked(lambda i: i.png())),
    OutputFormat("ob2-svg", ".ob2.svg", "image/svg+xml", "ob2", "svg",
                 _ob2_baked(lambda i: i.svg())),
    OutputFormat("clr", ".json", "application/ld+json", "clr", "json"),  # formats.clr
    OutputFormat("pdf", ".pdf", "application/pdf", "certificate", "pdf"),  # pdf.certificate
    OutputFormat("elm", ".elm.jsonld", "application/ld+json", "elm", "json"),  # formats.elm
)}
DOWNLOADS: tuple[str, ...] = tuple(name for name, f in FORMATS.items() if f.download)


def written(carries: Carries) -> tuple[OutputFormat, ...]:
    """The files an issuing batch writes for each credential of ``carries`` (in order)."""
    return tuple(f for f in FORMATS.values()
                 if f.carries == carries and f.builder is not None)
