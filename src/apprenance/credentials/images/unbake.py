"""Extract a credential baked into a badge image: PNG, SVG (and a hook for PDF).

Open Badges 3.0 bakes the credential (JSON, or a VC-JWT compact JWS) into a PNG ``iTXt``
chunk with the keyword ``openbadgecredential``, and into an SVG ``<openbadges:credential>``
element (text content, or a ``verify`` attribute holding a JWS). Open Badges 2.0 images (the
bakery format: ``openbadges`` chunk, ``<openbadges:assertion>`` element) hold the assertion
JSON, its JWS, or its URL; openbadges-bakery writes an SVG element with both the JSON (CDATA)
and a ``verify`` attribute (the assertion URL, or the JWS): the content is taken, and the
attribute is kept so that the verifier can check that both agree.
No third-party image library is needed: PNG chunks are read directly, SVG is parsed with
defusedxml (no entity expansion, no external fetches).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from apprenance.credentials.images.image_safety import PNG_SIGNATURE, check_png, check_svg, is_png
from apprenance.errors import UnknownFormat, UnreadableInput

OB3_PNG_KEYWORD = "openbadgecredential"
OB2_PNG_KEYWORD = "openbadges"
OB3_SVG_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0"
_MAX_TEXT = 16 * 1024 * 1024


@dataclass(frozen=True)
class Baked:
    """What an image holds: the credential text and which Open Badges version baked it."""

    text: str
    version: str  # "3.0" or "2.0"
    container: str  # "png" or "svg"
    verify: str | None = None  # an OB 2.0 SVG element's ``verify`` attribute, when it has both


def sniff(data: bytes) -> str | None:
    """``png``, ``svg``, ``pdf`` or ``None`` (for JSON and JWT text)."""
    if is_png(data):
        return "png"
    if data.startswith(b"%PDF-"):
        return "pdf"
    head = data[:2048].lstrip().lower()
    if head.startswith(b"<?xml") or head.startswith(b"<svg") or b"<svg" in head:
        return "svg"
    return None


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    chunks = []
    pos = len(PNG_SIGNATURE)
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if len(body) != length:
            raise UnreadableInput("truncated PNG file")
        chunks.append((kind, body))
        pos += 12 + length
        if kind == b"IEND":
            break
    return chunks


def _itxt(body: bytes) -> tuple[str, str]:
    keyword, _, rest = body.partition(b"\0")
    if len(rest) < 2:
        raise UnreadableInput("malformed PNG iTXt chunk")
    compressed, _method = rest[0], rest[1]
    _language, _, rest = rest[2:].partition(b"\0")
    _translated, _, text = rest.partition(b"\0")
    if compressed:
        try:
            text = zlib.decompressobj().decompress(text, _MAX_TEXT)
        except zlib.error:
            raise UnreadableInput("corrupt compressed iTXt chunk in the PNG") from None
    return keyword.decode("latin-1"), text.decode("utf-8", errors="strict")


def _refuse_second(where: str) -> UnreadableInput:
    return UnreadableInput(
        f"this {where} holds more than one baked credential: which one would the badge vouch "
        "for? The image is refused")


def unbake_png(data: bytes) -> Baked:
    """The credential in a PNG's ``iTXt`` (or OB 2.0 ``tEXt``/``iTXt``) chunk; a PNG with
    two such chunks (whatever their versions) is refused."""
    found: Baked | None = None
    for kind, body in _png_chunks(data):
        try:
            if kind == b"iTXt":
                keyword, text = _itxt(body)
            elif kind == b"tEXt":
                raw_key, _, raw_text = body.partition(b"\0")
                keyword, text = raw_key.decode("latin-1"), raw_text.decode("latin-1")
            else:
                continue
        except UnicodeDecodeError:
            raise UnreadableInput("the PNG text chunk is not valid UTF-8") from None
        if keyword not in (OB3_PNG_KEYWORD, OB2_PNG_KEYWORD):
            continue
        if found is not None:
            raise _refuse_second("PNG")
        found = Baked(text.strip(), "3.0" if keyword == OB3_PNG_KEYWORD else "2.0", "png")
    if found is not None:
        return found
    raise UnreadableInput(
        "this PNG holds no baked credential (no 'openbadgecredential' or 'openbadges' chunk)")


def _local(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    prefix, _, name = tag.rpartition(":")
    return prefix, name


def unbake_svg(data: bytes) -> Baked:
    """The credential in an SVG's ``<openbadges:credential>`` (or OB 2.0
    ``<openbadges:assertion>``) element; an SVG with two such elements is refused."""
    try:
        root: Element = ElementTree.fromstring(data, forbid_dtd=True)
    except (DefusedXmlException, ElementTree.ParseError, LookupError, ValueError) as exc:
        raise UnreadableInput(f"unreadable SVG: {exc}") from None
    found: Baked | None = None
    for element in root.iter():
        namespace, name = _local(str(element.tag))
        if "openbadges" not in namespace and "imsglobal" not in namespace:
            continue
        content = "".join(element.itertext()).strip()
        attribute = (element.get("verify") or "").strip()
        if name not in ("credential", "assertion"):
            continue
        if found is not None:
            raise _refuse_second("SVG")
        if name == "credential":
            found = Baked(attribute or content, "3.0", "svg")
        else:
            found = Baked(content or attribute, "2.0", "svg",
                          verify=attribute if content and attribute else None)
    if found is not None:
        return found
    raise UnreadableInput(
        "this SVG holds no baked credential (no openbadges:credential or openbadges:assertion)")


def _unbake_pdf(data: bytes) -> Baked:
    raise UnknownFormat("credentials embedded in PDF files are not read yet")


EXTRACTORS: dict[str, Callable[[bytes], Baked]] = {
    "png": unbake_png,
    "svg": unbake_svg,
    "pdf": _unbake_pdf,
}
"""Container kind -> extractor; the PDF certificates issue replaces the ``pdf`` entry."""


def unbake(data: bytes) -> Baked | None:
    """The baked credential of an image, or ``None`` when ``data`` is not an image.

    The image is checked first (``image_safety``): a malformed or oversized image, a
    decompression bomb, or an SVG with a script or an external reference is ``UnsafeImage``."""
    kind = sniff(data)
    if kind is None:
        return None
    if kind == "png":
        check_png(data, where="the badge image", max_bytes=_MAX_TEXT)
    elif kind == "svg":
        check_svg(data, where="the badge image", max_bytes=_MAX_TEXT)
    return EXTRACTORS[kind](data)
