"""What a learner may attach to a badge request, checked like every upload: at most
``MAX_FILE`` bytes, not empty, a name without a path, and content that is what it claims:
a PNG (``image_safety``: chunks, size, no trailing data), a JPEG (its markers), a PDF (its
header and end) or UTF-8 text without NUL. Anything else is refused, naming the file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import urlsplit

from apprenance.credentials.images.image_safety import check_png, is_png
from apprenance.errors import ApprenanceError, InputError, TooLarge

MAX_FILE = 5 * 1024 * 1024
MAX_NAME = 200
MAX_LINK = 2000


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


def _refuse(name: str, problem: str, message: str) -> InputError:
    return InputError(f"file {name!r}: {message}",
                      details={"field": "files", "file": name, "problem": problem})


def safe_name(name: str) -> str:
    """The file's own name (no folder), trimmed; refused when empty or too long."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name.strip()
    if not base or any(ord(c) < 32 for c in base):
        raise _refuse(name, "name", "no usable file name")
    return base[:MAX_NAME]


def check_upload(upload: Upload) -> str:
    """The media type of an acceptable file, else ``InputError`` naming it."""
    name = safe_name(upload.name)
    data = upload.data
    if len(data) > MAX_FILE:
        raise TooLarge(f"file {name!r} is larger than {MAX_FILE // (1024 * 1024)} MiB",
                       details={"field": "files", "file": name, "problem": "too-large"})
    if not data:
        raise _refuse(name, "empty", "the file is empty")
    if is_png(data):
        try:
            check_png(data, where="the image", max_bytes=MAX_FILE)
        except ApprenanceError as exc:
            raise _refuse(name, "image", exc.message) from None
        return "image/png"
    if data[:3] == b"\xff\xd8\xff":
        if not data.rstrip(b"\x00").endswith(b"\xff\xd9"):
            raise _refuse(name, "image", "a truncated JPEG image")
        return "image/jpeg"
    if data.startswith(b"%PDF-"):
        if b"%%EOF" not in data[-1024:]:
            raise _refuse(name, "pdf", "a truncated PDF (no %%EOF)")
        return "application/pdf"
    try:
        decoded = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _refuse(name, "type", "only PNG, JPEG, PDF or UTF-8 text files") from None
    if "\x00" in decoded:
        raise _refuse(name, "type", "only PNG, JPEG, PDF or UTF-8 text files")
    return "text/plain; charset=utf-8"


def check_link(value: str) -> str:
    """An http(s) link with a host, trimmed; else ``InputError`` on the field ``link``."""
    link = value.strip()
    parts = urlsplit(link)
    if (len(link) > MAX_LINK or parts.scheme not in ("http", "https") or not parts.netloc
            or any(ord(c) < 33 for c in link)):
        raise InputError("field link: an http:// or https:// address",
                         details={"field": "link", "problem": "url"})
    return link
