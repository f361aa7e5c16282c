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
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError
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


def embedded_files(pdf_bytes: bytes) -> dict[str, bytes]:
    """Every file embedded in the PDF, by name (UnreadableInput when it is no readable PDF)."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(pdf_bytes), strict=False)
        found = reader.attachments
        return {name: data[0] for name, data in found.items() if data}
    except (
        PdfReadError,
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
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
