"""Baking a credential into its badge image (PNG or SVG), so the image carries the proof.

Open Badges 3.0 (section "Baked badges"): a PNG holds the credential in one uncompressed
``iTXt`` chunk with the keyword ``openbadgecredential`` (the JSON credential, or the compact
JWS of a VC-JWT); an SVG holds it in an ``<openbadges:credential>`` element
(namespace ``https://purl.imsglobal.org/ob/v3p0``) as CDATA, or for a VC-JWT in its
``verify`` attribute. Open Badges 2.0 images are baked with ``openbadges-bakery``
(keyword ``openbadges``, element ``<openbadges:assertion>``), which returns ``None`` or raises
on input it does not understand: it is wrapped here and such input raises our ``InputError``.

Images come from the catalog (badge artwork) and are checked before use: at most
``MAX_IMAGE_BYTES`` and ``MAX_PIXELS``; SVG is parsed with defusedxml (no entities, no DTD).
Reading a baked image back (``apprenance unbake``) is ``apprenance.credentials.images.unbake``.
"""

from __future__ import annotations

import io
import json
import re
import struct
import zlib
from dataclasses import dataclass
from typing import Any
from xml.dom.minidom import Document, Element
from xml.parsers.expat import ExpatError

from defusedxml import minidom

from apprenance.credentials.images.image_safety import PNG_SIGNATURE, is_png
from apprenance.errors import BakingError, foreign_parser

OB3_PNG_KEYWORD = b"openbadgecredential"
OB2_PNG_KEYWORD = b"openbadges"
OB3_SVG_NS = "https://purl.imsglobal.org/ob/v3p0"
OB3_SVG_ELEMENT = "openbadges:credential"
MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_PIXELS = 4096 * 4096
MAX_CREDENTIAL_BYTES = 1024 * 1024
_MARK = "apprenance-credential-here"
_JWS = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$")


def image_kind(data: bytes) -> str:
    """``"png"`` or ``"svg"``, else ``BakingError``."""
    if is_png(data):
        return "png"
    head = data[:1024].lstrip()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:].lstrip()
    if head.startswith((b"<svg", b"<?xml")) and b"<svg" in data[:4096]:
        return "svg"
    raise BakingError("not a PNG or SVG image")


def _check_size(data: bytes) -> None:
    if len(data) > MAX_IMAGE_BYTES:
        raise BakingError(f"image too large: {len(data)} bytes (at most {MAX_IMAGE_BYTES})")


# --- PNG ---------------------------------------------------------------------------------


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """The (type, content) chunks of a PNG, with CRCs checked and the size limits applied."""
    _check_size(data)
    if not is_png(data):
        raise BakingError("not a PNG image")
    chunks: list[tuple[bytes, bytes]] = []
    pos = len(PNG_SIGNATURE)
    while pos < len(data):
        if pos + 8 > len(data):
            raise BakingError("truncated PNG chunk header")
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        end = pos + 8 + length
        if end + 4 > len(data):
            raise BakingError(f"truncated PNG chunk {kind!r}")
        content = data[pos + 8 : end]
        (crc,) = struct.unpack(">I", data[end : end + 4])
        if zlib.crc32(kind + content) != crc:
            raise BakingError(f"corrupt PNG chunk {kind!r} (bad CRC)")
        chunks.append((kind, content))
        pos = end + 4
        if kind == b"IEND":
            break
    if not chunks or chunks[0][0] != b"IHDR" or chunks[-1][0] != b"IEND":
        raise BakingError("malformed PNG (IHDR first and IEND last are required)")
    width, height = struct.unpack(">II", chunks[0][1][:8])
    if width * height > MAX_PIXELS:
        raise BakingError(f"image has too many pixels: {width}x{height} (at most {MAX_PIXELS})")
    return chunks


def _chunk(kind: bytes, content: bytes) -> bytes:
    return (
        struct.pack(">I", len(content))
        + kind
        + content
        + struct.pack(">I", zlib.crc32(kind + content))
    )


def _is_itxt(kind: bytes, content: bytes, keyword: bytes) -> bool:
    return kind in (b"iTXt", b"tEXt", b"zTXt") and content.startswith(keyword + b"\x00")


def bake_png(png: bytes, payload: str, *, keyword: bytes = OB3_PNG_KEYWORD) -> bytes:
    """``png`` with ``payload`` in one uncompressed iTXt chunk ``keyword`` (any earlier one
    with that keyword removed), placed right after IHDR."""
    encoded = payload.encode("utf-8")
    if len(encoded) > MAX_CREDENTIAL_BYTES:
        raise BakingError(f"credential too large to bake ({len(encoded)} bytes)")
    chunks = png_chunks(png)
    # keyword, NUL, compression flag 0, method 0, empty language tag NUL, empty translation NUL
    itxt = keyword + b"\x00\x00\x00\x00\x00" + encoded
    out = [PNG_SIGNATURE, _chunk(*chunks[0]), _chunk(b"iTXt", itxt)]
    out.extend(_chunk(k, c) for k, c in chunks[1:] if not _is_itxt(k, c, keyword))
    return b"".join(out)


# --- SVG ---------------------------------------------------------------------------------


def _parse_svg(svg: bytes) -> tuple[Document, Element]:
    _check_size(svg)
    try:
        doc: Document = minidom.parseString(svg, forbid_dtd=True)
    except (ExpatError, LookupError, ValueError) as exc:  # syntax; unknown encoding; refused
        # (defusedxml's refusals, DTDForbidden ..., are ValueErrors): all mean unusable SVG
        raise BakingError(f"not a readable SVG image: {exc}") from None
    root = doc.documentElement
    if root is None or root.tagName.split(":")[-1] != "svg":
        raise BakingError("not an SVG image (no <svg> root element)")
    return doc, root


@dataclass(frozen=True)
class SvgTemplate:
    """An SVG parsed and checked once, ready to carry any number of credentials: the text
    before and after the place of the ``<openbadges:credential>`` element (first child of
    the root, the namespace declared on it)."""

    head: bytes
    tail: bytes

    def bake(self, payload: str, *, jwt: bool = False) -> bytes:
        encoded = payload.encode("utf-8")
        if len(encoded) > MAX_CREDENTIAL_BYTES:
            raise BakingError("credential too large to bake")
        if jwt:
            if not _JWS.match(payload):
                raise BakingError("a VC-JWT holds only base64url characters and dots")
            element = b'<openbadges:credential verify="' + encoded + b'"/>'
        else:
            if b"]]>" in encoded:
                raise BakingError("credential text cannot be put in CDATA (contains ']]>')")
            element = (b"<openbadges:credential><![CDATA[" + encoded
                       + b"]]></openbadges:credential>")
        return self.head + element + self.tail


def prepare_svg(svg: bytes) -> SvgTemplate:
    """Parse ``svg`` (defusedxml, size limit), drop any earlier baked credential."""
    doc, root = _parse_svg(svg)
    for old in list(root.getElementsByTagName(OB3_SVG_ELEMENT)):
        parent = old.parentNode
        if parent is not None:
            parent.removeChild(old)
    root.setAttribute("xmlns:openbadges", OB3_SVG_NS)
    root.insertBefore(doc.createComment(_MARK), root.firstChild)
    head, _, tail = bytes(doc.toxml(encoding="utf-8")).partition(f"<!--{_MARK}-->".encode())
    return SvgTemplate(head, tail)


def bake_svg(svg: bytes, payload: str, *, jwt: bool = False) -> bytes:
    """``svg`` with an ``<openbadges:credential>`` element first in the root: the JSON
    credential as CDATA, or a VC-JWT in the ``verify`` attribute."""
    return prepare_svg(svg).bake(payload, jwt=jwt)


def credential_text(credential: dict[str, Any]) -> str:
    """The JSON text baked into images (compact, UTF-8)."""
    return json.dumps(credential, ensure_ascii=False, separators=(",", ":"))


def bake_ob3(image: bytes, credential: dict[str, Any] | str) -> bytes:
    """Bake an OB 3.0 credential (a JSON-LD document, or a compact VC-JWT) into a PNG/SVG."""
    import json

    jwt = isinstance(credential, str)
    payload = (
        credential
        if isinstance(credential, str)
        else json.dumps(credential, ensure_ascii=False, separators=(",", ":"))
    )
    if image_kind(image) == "png":
        return bake_png(image, payload)
    return bake_svg(image, payload, jwt=jwt)


# --- Open Badges 2.0, through openbadges-bakery --------------------------------------------


def bake_ob2(image: bytes, assertion: str) -> bytes:
    """Bake an OB 2.0 assertion (JSON text, or a signed JWS) with openbadges-bakery."""
    import openbadges_bakery

    kind = image_kind(image)
    if kind == "png":
        png_chunks(image)  # size, pixel and structure checks before the library reads it
    else:
        _parse_svg(image)
    with foreign_parser(lambda exc: BakingError(
            f"openbadges-bakery could not bake the image: {exc}")):
        baked = openbadges_bakery.bake(io.BytesIO(image), assertion)
    if baked is None:
        raise BakingError("openbadges-bakery did not recognise the image")
    try:
        data = bytes(baked.read())
    finally:
        baked.close()
    return data


def unbake_ob2(image: bytes) -> str:
    """The OB 2.0 assertion (JSON text, JWS or URL) baked in an image, via openbadges-bakery."""
    import openbadges_bakery

    if image_kind(image) == "png":
        png_chunks(image)
    else:
        _parse_svg(image)
    with foreign_parser(lambda exc: BakingError(
            f"openbadges-bakery could not read the image: {exc}")):
        found = openbadges_bakery.unbake(io.BytesIO(image))
    if not found:
        raise BakingError("no Open Badges 2.0 assertion is baked in this image")
    return found.decode("utf-8") if isinstance(found, bytes) else str(found)
