"""Checks on images that come from outside: badge artwork in a catalog, an issuer's logo, badge
images uploaded for verification. An image is accepted as it is or refused with
``UnsafeImage`` saying why; it is never rewritten (a silently cleaned artwork would differ from
what its author drew, and from what the baked credential was checked against).

PNG: the chunk structure and CRCs, ``IHDR`` first and ``IEND`` last, at most ``MAX_PIXELS``
pixels, not animated (APNG), and every compressed stream inflated against a budget: the image
data (``IDAT``) may not inflate beyond what its declared size needs, a text chunk (``zTXt``,
compressed ``iTXt``) beyond ``MAX_TEXT`` — a decompression bomb is refused before anything
decodes it.

SVG: parsed with defusedxml with no DTD at all (so no entity, no "billion laughs", no XXE), at
most ``MAX_ELEMENTS`` elements nested at most ``MAX_DEPTH`` deep, and nothing active or
external: no ``<script>``, ``<foreignObject>``, ``<iframe>``/``<embed>``/``<object>``, no event
handler attribute (``onload`` ...), no animation of a link or a handler, no link outside the
document (``href``/``xlink:href`` other than ``#id`` or an embedded PNG/JPEG/GIF ``data:`` URI),
no CSS ``@import`` or ``url(...)`` outside the document, no ``<?xml-stylesheet?>``.
The elements of the Open Badges namespaces are data (the baked credential) and are not read.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException, DTDForbidden

from apprenance.errors import UnsafeImage

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"  # the first 8 bytes of every PNG (the one definition)
MAX_IMAGE_BYTES = 2 * 1024 * 1024  # artwork and logos
MAX_PIXELS = 4096 * 4096
MAX_TEXT = 4 * 1024 * 1024  # one inflated PNG text chunk (a baked credential)
MAX_ELEMENTS = 20_000
MAX_DEPTH = 64
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # PNG colour type -> samples per pixel
_ACTIVE = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
_ANIMATIONS = {"set", "animate", "animatemotion", "animatetransform", "animatecolor"}
_DATA_IMAGE = re.compile(r"data:image/(png|jpeg|gif|webp);base64,", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_NUMBER = re.compile(r"\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px)?\s*")
_DATA_NAMESPACES = ("openbadges", "imsglobal")


@dataclass(frozen=True)
class ImageInfo:
    kind: str  # "png" or "svg"
    width: float | None = None  # pixels, when known
    height: float | None = None


def is_png(data: bytes) -> bool:
    """Whether ``data`` starts as a PNG does (the one PNG sniffer)."""
    return data.startswith(PNG_SIGNATURE)


def image_kind(data: bytes) -> str | None:
    """``"png"``, ``"svg"`` or ``None``, from the first bytes."""
    if is_png(data):
        return "png"
    head = data[:4096].lstrip().removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if head.startswith((b"<svg", b"<?xml", b"<!--", b"<!doctype")) and b"<svg" in head:
        return "svg"
    return None


def check_image(
    data: bytes, *, where: str = "the image", max_bytes: int = MAX_IMAGE_BYTES
) -> ImageInfo:
    """``data`` as a safe PNG or SVG image, else ``UnsafeImage`` naming ``where``."""
    if len(data) > max_bytes:
        raise UnsafeImage(f"{where} is too large: {len(data)} bytes (at most {max_bytes})")
    kind = image_kind(data)
    if kind == "png":
        return check_png(data, where=where, max_bytes=max_bytes)
    if kind == "svg":
        return check_svg(data, where=where, max_bytes=max_bytes)
    raise UnsafeImage(f"{where} is neither a PNG nor an SVG image")


# --- PNG -------------------------------------------------------------------------------------


def _chunks(data: bytes, where: str) -> Iterator[tuple[bytes, bytes]]:
    pos = len(PNG_SIGNATURE)
    while True:
        if pos + 12 > len(data):
            raise UnsafeImage(f"{where}: truncated PNG (no IEND chunk)")
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        end = pos + 8 + length
        if end + 4 > len(data):
            raise UnsafeImage(f"{where}: truncated PNG chunk {kind!r}")
        body = data[pos + 8 : end]
        (crc,) = struct.unpack(">I", data[end : end + 4])
        if zlib.crc32(kind + body) != crc:
            raise UnsafeImage(f"{where}: corrupt PNG chunk {kind!r} (bad CRC)")
        yield kind, body
        if kind == b"IEND":
            return
        pos = end + 4


def _inflate(parts: list[bytes], budget: int, where: str, what: str) -> int:
    """Inflate the zlib stream split in ``parts``; ``UnsafeImage`` past ``budget`` bytes."""
    inflater = zlib.decompressobj()
    total = 0
    try:
        for part in parts:
            pending = part
            while pending:
                out = inflater.decompress(pending, 1 << 20)
                total += len(out)
                if total > budget:
                    raise UnsafeImage(f"{where}: {what} inflates to more than {budget} bytes "
                                      "(a decompression bomb)")
                pending = inflater.unconsumed_tail
        total += len(inflater.flush())
    except zlib.error:
        raise UnsafeImage(f"{where}: corrupt compressed {what} in the PNG") from None
    if total > budget:
        raise UnsafeImage(f"{where}: {what} inflates to more than {budget} bytes "
                          "(a decompression bomb)")
    return total


def check_png(data: bytes, *, where: str = "the image",
              max_bytes: int = MAX_IMAGE_BYTES) -> ImageInfo:
    """A PNG whose structure, size, pixel count and compressed streams are within limits."""
    if len(data) > max_bytes:
        raise UnsafeImage(f"{where} is too large: {len(data)} bytes (at most {max_bytes})")
    if not is_png(data):
        raise UnsafeImage(f"{where} is not a PNG image")
    chunks = _chunks(data, where)
    kind, header = next(chunks)
    if kind != b"IHDR" or len(header) != 13:
        raise UnsafeImage(f"{where}: malformed PNG (IHDR must come first)")
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    if not (0 < width < 2**31 and 0 < height < 2**31):
        raise UnsafeImage(f"{where}: PNG of impossible size {width}x{height}")
    if width * height > MAX_PIXELS:
        raise UnsafeImage(f"{where}: PNG of {width}x{height} pixels (at most {MAX_PIXELS} "
                          "pixels)")
    if colour not in _CHANNELS or depth not in (1, 2, 4, 8, 16):
        raise UnsafeImage(f"{where}: PNG with an unknown pixel format")
    row = math.ceil(width * _CHANNELS[colour] * depth / 8)
    needed = height * (row + 1)
    if interlace:  # Adam7: seven passes, each row with its filter byte
        needed += 7 * (height + 8)
    idat: list[bytes] = []
    for kind, body in chunks:
        if kind == b"IDAT":
            idat.append(body)
        elif kind == b"zTXt":
            _inflate([body.partition(b"\0")[2][1:]], MAX_TEXT, where, "zTXt text")
        elif kind == b"iTXt":
            _check_itxt(body, where)
        elif kind in (b"acTL", b"fcTL", b"fdAT"):  # every frame could inflate to the canvas
            raise UnsafeImage(f"{where}: animated PNG (APNG) is refused")
    if not idat:
        raise UnsafeImage(f"{where}: PNG without image data (IDAT)")
    _inflate(idat, needed, where, "image data")
    return ImageInfo("png", float(width), float(height))


def _check_itxt(body: bytes, where: str) -> None:
    _keyword, _, rest = body.partition(b"\0")
    if len(rest) >= 2 and rest[0]:
        _language, _, rest = rest[2:].partition(b"\0")
        _translated, _, text = rest.partition(b"\0")
        _inflate([text], MAX_TEXT, where, "iTXt text")


# --- SVG -------------------------------------------------------------------------------------


def _local(name: str) -> tuple[str, str]:
    """(namespace, local name in lower case) of an element or attribute name."""
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return namespace, local.lower()
    prefix, _, local = name.rpartition(":")
    return prefix, local.lower()


def _external(ref: str) -> bool:
    """Whether a link leaves the document: anything but ``#id`` and embedded raster images."""
    value = ref.strip()
    if not value or value.startswith("#"):
        return False
    match = _DATA_IMAGE.match(value)
    if match is None:
        return True
    try:
        base64.b64decode(value[match.end():], validate=False)
    except (binascii.Error, ValueError):
        return True
    return False


def _css_problem(text: str) -> str | None:
    lowered = text.lower()
    if "@import" in lowered:
        return "a CSS @import"
    if "expression(" in lowered or "javascript:" in lowered:
        return "a script in CSS"
    for match in _CSS_URL.finditer(text):
        if _external(match.group(2)):
            return f"a CSS reference to {match.group(2)[:80]!r}"
    return None


def _walk(root: Element) -> Iterator[tuple[Element, int]]:
    todo: list[tuple[Element, int]] = [(root, 1)]
    while todo:
        element, depth = todo.pop()
        yield element, depth
        todo.extend((child, depth + 1) for child in reversed(list(element)))


def _element_problem(element: Element) -> str | None:
    namespace, name = _local(str(element.tag))
    if name in _ACTIVE:
        return f"a <{name}> element"
    if "XInclude" in namespace or name == "include":
        return "an XInclude"
    attributes: dict[str, Any] = dict(element.attrib)
    if name in _ANIMATIONS:
        target = str(attributes.get("attributeName", "")).lower()
        if target.endswith("href") or target.startswith("on"):
            return f"an animation of {target!r}"
    if name == "style" and element.text:
        problem = _css_problem(element.text)
        if problem:
            return problem
    for key, value in attributes.items():
        _, attribute = _local(str(key))
        text = str(value)
        if attribute.startswith("on"):
            return f"an event handler ({attribute})"
        if attribute in ("href", "src") and _external(text):
            return f"an external reference {text[:80]!r}"
        if "url(" in text.lower() or attribute == "style":
            problem = _css_problem(text)
            if problem:
                return problem
        if "javascript:" in text.lower():
            return "a javascript: URL"
    return None


def _pixels(value: str | None) -> float | None:
    if value is None:
        return None
    match = _NUMBER.fullmatch(value)
    return float(match.group(1)) if match else None


def check_svg(data: bytes, *, where: str = "the image",
              max_bytes: int = MAX_IMAGE_BYTES) -> ImageInfo:
    """An SVG with nothing active or external, within the size and nesting limits."""
    if len(data) > max_bytes:
        raise UnsafeImage(f"{where} is too large: {len(data)} bytes (at most {max_bytes})")
    if re.search(rb"<\?xml-stylesheet", data, re.IGNORECASE):
        raise UnsafeImage(f"{where}: SVG with an external style sheet (<?xml-stylesheet?>)")
    try:
        root: Element = ElementTree.fromstring(data, forbid_dtd=True)
    except DTDForbidden:
        raise UnsafeImage(f"{where}: SVG with a DOCTYPE (entities and external DTDs are "
                          "refused)") from None
    except DefusedXmlException as exc:
        raise UnsafeImage(f"{where}: SVG refused: {exc}") from None
    except (ElementTree.ParseError, LookupError, ValueError) as exc:  # LookupError: the XML
        raise UnsafeImage(f"{where}: unreadable SVG: {exc}") from None  # names an unknown encoding
    if _local(str(root.tag))[1] != "svg":
        raise UnsafeImage(f"{where}: not an SVG image (the root element is not <svg>)")
    count = 0
    for element, depth in _walk(root):
        count += 1
        if count > MAX_ELEMENTS:
            raise UnsafeImage(f"{where}: SVG with more than {MAX_ELEMENTS} elements")
        if depth > MAX_DEPTH:
            raise UnsafeImage(f"{where}: SVG nested more than {MAX_DEPTH} levels deep")
        namespace = _local(str(element.tag))[0]
        if any(name in namespace for name in _DATA_NAMESPACES):
            continue  # the baked credential: data, never rendered
        problem = _element_problem(element)
        if problem is not None:
            raise UnsafeImage(f"{where}: SVG with {problem} (scripts and external content "
                              "are refused)")
    width, height = _pixels(root.get("width")), _pixels(root.get("height"))
    if width is not None and height is not None and width * height > MAX_PIXELS:
        raise UnsafeImage(f"{where}: SVG of {width:g}x{height:g} pixels (at most "
                          f"{MAX_PIXELS} pixels)")
    return ImageInfo("svg", width, height)


# --- image URIs (an issuer's logo) -----------------------------------------------------------


def check_image_uri(value: str, *, where: str = "the image") -> str:
    """An image given by reference: an https URL, or a ``data:`` URI holding a safe PNG or SVG
    (base64). Returns ``value`` stripped; ``UnsafeImage`` otherwise."""
    text = value.strip()
    if text.lower().startswith("data:"):
        head, sep, payload = text.partition(",")
        mime = head[5:].split(";")[0].lower()
        if not sep or ";base64" not in head.lower() or mime not in ("image/png",
                                                                     "image/svg+xml"):
            raise UnsafeImage(f"{where}: a data: URI must hold a base64 PNG or SVG image")
        try:
            data = base64.b64decode(payload, validate=True)
        except (binascii.Error, ValueError):
            raise UnsafeImage(f"{where}: the data: URI is not valid base64") from None
        info = check_image(data, where=where)
        if info.kind != mime.split("/")[1].split("+")[0]:
            raise UnsafeImage(f"{where}: the data: URI says {mime} but holds a {info.kind}")
        return text
    parts = urlsplit(text)
    if parts.scheme != "https" or not parts.hostname or any(c.isspace() for c in text):
        raise UnsafeImage(f"{where} must be an https URL or a data: URI (PNG or SVG), "
                          f"not {text[:80]!r}")
    return text
