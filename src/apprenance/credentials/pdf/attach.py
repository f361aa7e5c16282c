"""Files embedded in a PDF: attaching a signed credential to a certificate as it is drawn
(reportlab), and finding the credentials embedded in any PDF (pypdf).

An attachment is an embedded file stream (``/Type /EmbeddedFile``, MIME type, size, MD5 and
modification date in ``/Params``) named by a file specification (``/Filespec`` with ``/UF``,
``/Desc`` and ``/AFRelationship /Source``), listed in the catalog's ``/Names /EmbeddedFiles``
tree and in its ``/AF`` array (associated files, as PDF/A-3 and PDF 2.0 have them). Viewers show
it in their attachments panel; ``extract_embedded_credentials`` reads it back.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import zlib
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pypdf
from pypdf import PdfReader
from pypdf.errors import LimitReachedError, PdfReadError, PyPdfError
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFStream,
    PDFString,
)
from reportlab.pdfgen.canvas import Canvas

from apprenance.errors import UnreadableInput

CREDENTIAL_MIME = "application/json"
_CREDENTIAL_TYPES = (
    "VerifiableCredential",
    "OpenBadgeCredential",
    "AchievementCredential",
    "ClrCredential",
)


@dataclass(frozen=True)
class Attachment:
    name: str
    data: bytes
    description: str = ""
    mime: str = CREDENTIAL_MIME


def _name(value: str) -> str:
    """A PDF name, with every byte outside ``!``..``~`` and the delimiters written #xx."""
    out = []
    for byte in value.encode("utf-8"):
        ch = chr(byte)
        out.append(f"#{byte:02X}" if byte < 0x21 or byte > 0x7E or ch in "%()<>[]{}/#" else ch)
    return "/" + "".join(out)


def _pdf_date(when: datetime) -> PDFString:
    return PDFString(when.astimezone(UTC).strftime("D:%Y%m%d%H%M%SZ"))


class _RawName(str):
    """A name already written in PDF syntax (reportlab prints ``str`` values as they are)."""


def attach_files(canvas: Canvas, files: Sequence[Attachment], *, modified: datetime) -> None:
    """Embed ``files`` in the document ``canvas`` draws (call before ``canvas.save()``)."""
    if not files:
        return
    doc = canvas._doc
    names: list[Any] = []
    specs: list[Any] = []
    for item in files:
        stream = PDFStream(
            dictionary=PDFDictionary(
                {
                    "Type": _RawName("/EmbeddedFile"),
                    "Subtype": _RawName(_name(item.mime)),
                    "Params": PDFDictionary(
                        {
                            "Size": len(item.data),
                            "CheckSum": _RawName("<" + hashlib.md5(item.data).hexdigest() + ">"),
                            "ModDate": _pdf_date(modified),
                        }
                    ),
                    "Filter": _RawName("/FlateDecode"),
                }
            ),
            content=zlib.compress(item.data, 6),
            filters=[],
        )
        spec = PDFDictionary(
            {
                "Type": _RawName("/Filespec"),
                "F": PDFString(item.name.encode("ascii", "replace").decode("ascii")),
                "UF": PDFString(item.name),
                "Desc": PDFString(item.description),
                "AFRelationship": _RawName("/Source"),
                "EF": PDFDictionary({"F": doc.Reference(stream), "UF": doc.Reference(stream)}),
            }
        )
        ref = doc.Reference(spec)
        names.extend([PDFString(item.name), ref])
        specs.append(ref)
    catalog = doc.Catalog
    catalog.Names = PDFDictionary({"EmbeddedFiles": PDFDictionary({"Names": PDFArray(names)})})
    # reportlab's catalog writes the keys listed in __NoDefault__: add the associated files
    catalog.__NoDefault__ = [*type(catalog).__NoDefault__, "AF"]
    catalog.AF = PDFArray(specs)


def credential_attachment(
    credential: dict[str, Any], *, name: str = "credential.json", description: str = ""
) -> Attachment:
    """The signed credential as a JSON attachment (its proof covers the data, not the bytes)."""
    data = json.dumps(credential, ensure_ascii=False, indent=2, sort_keys=False).encode()
    return Attachment(name=name, data=data, description=description)


MAX_ATTACHMENTS = 16  # a certificate carries one credential
MAX_ATTACHMENT_BYTES = 8 * 1024 * 1024  # each, once inflated


def _inflate_limits() -> AbstractContextManager[Any]:
    """pypdf's decompression limits lowered to ``MAX_ATTACHMENT_BYTES`` (pypdf >= 7; older
    versions keep their own 75 MB limits)."""
    apply = getattr(pypdf, "apply_configuration", None)
    if apply is None:
        return nullcontext()
    current = pypdf.get_configuration()
    names = ("zlib_maximum_output_length", "lzw_maximum_output_length",
             "run_length_maximum_output_length", "brotli_maximum_output_length",
             "array_based_stream_maximum_output_length")
    limits = {n: MAX_ATTACHMENT_BYTES for n in names if hasattr(current, n)}
    context: AbstractContextManager[Any] = apply(**limits)
    return context


def embedded_files(pdf_bytes: bytes) -> dict[str, bytes]:
    """Every file embedded in the PDF, by name (UnreadableInput when it is no readable PDF, or
    a decompression bomb: more than ``MAX_ATTACHMENTS`` files, or one larger than
    ``MAX_ATTACHMENT_BYTES`` once inflated)."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(pdf_bytes), strict=False)
        found: dict[str, bytes] = {}
        with _inflate_limits():
            for count, entry in enumerate(reader.attachment_list):
                if count >= MAX_ATTACHMENTS:
                    raise UnreadableInput(f"the PDF has more than {MAX_ATTACHMENTS} attachments")
                data = entry.content  # inflated one at a time, within the limits
                if len(data) > MAX_ATTACHMENT_BYTES:
                    raise LimitReachedError("attachment too large")
                if data:
                    found.setdefault(entry.name, data)
        return found
    except LimitReachedError:
        raise UnreadableInput(f"a file attached to the PDF inflates to more than "
                              f"{MAX_ATTACHMENT_BYTES // (1024 * 1024)} MiB (a decompression "
                              "bomb?)") from None
    except (
        PdfReadError,
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        NotImplementedError,  # a filter pypdf does not know (a damaged /FlateDecode name)
        zlib.error,
    ) as exc:
        raise UnreadableInput(f"not a readable PDF: {exc}") from None


def is_credential(document: Any) -> bool:
    """Whether ``document`` looks like a verifiable credential (OB 3.0, CLR, OB 2.0 assertion)."""
    if not isinstance(document, dict):
        return False
    kinds = document.get("type")
    kinds = [kinds] if isinstance(kinds, str) else kinds if isinstance(kinds, list) else []
    if any(k in _CREDENTIAL_TYPES for k in kinds):
        return True
    return "Assertion" in kinds and "badge" in document


def extract_embedded_credentials(pdf_bytes: bytes) -> list[dict[str, Any]]:
    """The credentials embedded in a PDF, in the order of their attachments' names.

    An attachment counts when it holds a JSON object that looks like a credential; an
    attachment named ``*.json`` that is not valid JSON raises UnreadableInput, since a
    damaged credential must not pass for a missing one."""
    out: list[dict[str, Any]] = []
    for name, data in sorted(embedded_files(pdf_bytes).items()):
        try:
            document = json.loads(data.decode("utf-8"))
        except (ValueError, RecursionError):  # not UTF-8, not JSON, a 5000-digit number ...
            if name.lower().endswith((".json", ".jsonld")):
                raise UnreadableInput(f"the attachment {name!r} is not valid JSON") from None
            continue
        if is_credential(document):
            out.append(document)
    return out


def looks_like_pdf(raw: bytes) -> bool:
    """Whether ``raw`` is a PDF (its header may follow up to 1 KiB of junk, as readers allow)."""
    return b"%PDF-" in raw[:1024]


def credential_in_pdf(raw: bytes) -> tuple[str, int] | None:
    """For ``apprenance verify``: None when ``raw`` is no PDF; else the JSON text of the first
    credential attached to it and how many are attached (UnreadableInput when none is)."""
    if not looks_like_pdf(raw):
        return None
    found = extract_embedded_credentials(raw)
    if not found:
        raise UnreadableInput("no credential is attached to this PDF")
    return json.dumps(found[0], ensure_ascii=False), len(found)


def pdf_title(raw: bytes) -> str | None:
    """The title a PDF's metadata gives (a certificate's: "pathway — holder"), if any."""
    try:
        with _inflate_limits():
            metadata = PdfReader(io.BytesIO(raw)).metadata
    except (PyPdfError, LimitReachedError, PdfReadError, ValueError, OSError):
        return None
    title = metadata.title if metadata is not None else None
    return str(title)[:300] if title else None
