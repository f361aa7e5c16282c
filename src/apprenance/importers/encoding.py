"""Opening an activity log as text (UTF-8 with or without BOM, or UTF-16 with a BOM; CSV
files also in Windows-1252, as French Excel saves them). Its format: ``importers.detect_format``.

The first 64 KiB are sniffed. Valid UTF-8 there is read as UTF-8. Otherwise a CSV file whose
first 64 KiB decode as Windows-1252 is read as Windows-1252 (``LEGACY``, noted in the report);
any other file in another encoding is refused as a whole with a reason people can act on
("saved as Latin-1: save it as UTF-8"), instead of giving a row of mojibake per accented letter.
Bytes that are not UTF-8 further in a file read as UTF-8 are decoded as lone surrogates
(``surrogateescape``): the row that holds them is rejected, the others are kept.
"""

from __future__ import annotations

import codecs
import io
from pathlib import Path
from typing import BinaryIO

from apprenance.contracts.records import FILE_FIELD
from apprenance.errors import FieldError

SNIFF = 64 * 1024
LEGACY = "cp1252"  # what a spreadsheet saves "CSV" in on a French Windows


class TextSource:
    """An open text file and the byte position reached (for a progress bar)."""

    def __init__(self, path: Path, encoding: str, errors: str) -> None:
        self.encoding = encoding
        self.raw: BinaryIO = open(path, "rb")  # noqa: SIM115 - closed by close()
        self.text = io.TextIOWrapper(self.raw, encoding=encoding, errors=errors, newline="")

    @property
    def position(self) -> int:
        try:
            return self.raw.tell()
        except (OSError, ValueError):
            return 0

    def close(self) -> None:
        self.text.close()

    def __enter__(self) -> TextSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_text(path: Path, *, legacy: bool = False) -> TextSource:
    """Open ``path`` as text, or raise ``FieldError`` (field ``(fichier)``) saying why not;
    ``legacy``: a file that is not UTF-8 but decodes as Windows-1252 is read as such."""
    head = _head(path)
    return TextSource(path, *sniff(head, complete=len(head) < SNIFF, legacy=legacy))


def text_encoding(path: Path, *, legacy: bool = False) -> str | None:
    """The encoding ``open_text`` reads ``path`` in, None when it cannot be read."""
    try:
        head = _head(path)
        return sniff(head, complete=len(head) < SNIFF, legacy=legacy)[0]
    except FieldError:
        return None


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(SNIFF)
    except IsADirectoryError:
        raise FieldError(FILE_FIELD, "file.directory") from None
    except OSError as exc:
        raise FieldError(FILE_FIELD, "file.unreadable", error=exc.strerror or str(exc)) from None


def sniff(head: bytes, *, complete: bool, legacy: bool = False) -> tuple[str, str]:
    """(encoding, error handler) for a file starting with ``head``, or ``FieldError``;
    ``legacy``: not UTF-8 but valid Windows-1252 gives ``LEGACY``."""
    if not head.strip():
        raise FieldError(FILE_FIELD, "file.empty")
    if head.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise FieldError(FILE_FIELD, "file.utf32")
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "strict"
    elif head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise FieldError(FILE_FIELD, "file.spreadsheet")
    else:
        encoding = "utf-8"
    zeros = head.count(0)
    if zeros:
        sample = head[:4096]
        zeros_even, zeros_odd = sample[0::2].count(0), sample[1::2].count(0)
        if max(zeros_even, zeros_odd) > len(sample) // 4:
            raise FieldError(FILE_FIELD, "file.utf16_no_bom")
        if zeros > len(head) // 100:  # a stray NUL only spoils its row
            raise FieldError(FILE_FIELD, "file.binary")
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    body = head[3:] if encoding == "utf-8-sig" else head
    try:
        decoder.decode(body, final=complete)
    except UnicodeDecodeError as exc:
        if legacy and encoding == "utf-8" and _decodes(head, LEGACY):
            return LEGACY, "surrogateescape"
        line = body[: exc.start].count(b"\n") + 1
        byte = body[exc.start]
        shown = bytes([byte]).decode("cp1252", errors="replace")
        raise FieldError(
            FILE_FIELD, "file.not_utf8", line=line, byte=f"0x{byte:02X}", char=shown
        ) from None
    return encoding, "surrogateescape"


def _decodes(head: bytes, encoding: str) -> bool:
    try:
        head.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True
