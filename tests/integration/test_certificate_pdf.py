"""The PDF certificate as people and programs see it: pages compared with reference images
(pdftoppm), text extracted (pdftotext, pypdf), fonts, metadata, the attached credential.

Regenerate the reference images after a deliberate change of layout with
``APPRENANCE_UPDATE_REFERENCES=1 .venv/bin/pytest tests/integration/test_certificate_pdf.py``
and look at them before committing."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from apprenance.clock import fixed_clock
from apprenance.credentials.pdf.attach import (
    embedded_files,
    extract_embedded_credentials,
    looks_like_pdf,
)
from apprenance.credentials.pdf.certificate import render_certificate
from apprenance.credentials.pdf.style import number_text, qr_drawing
from apprenance.domain.certificate import CertificateData
from apprenance.errors import UnreadableInput
from apprenance.services.certificates.gather import CertificateOptions, gather_certificate
from certificate_fixtures import CAMILLE, ISSUED, PUBLIC, tiny_world
from conftest import REPO

REFS = REPO / "tests" / "data" / "certificates"
UPDATE = os.environ.get("APPRENANCE_UPDATE_REFERENCES") == "1"
DPI = 60
TOLERANCE = 0.004  # share of pixels that may differ visibly (anti-aliasing, poppler versions)


def tools() -> None:
    for tool in ("pdftoppm", "pdftotext"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing: `make system-deps` installs poppler-utils",
                        pytrace=False)


def data_for(tmp_path: Path, lang: str, *, with_credential: bool = True) -> CertificateData:
    store, catalog = tiny_world(f"sqlite:///{tmp_path / 'store.sqlite3'}",
                                with_credential=with_credential)
    return gather_certificate(store, catalog, CAMILLE, clock=fixed_clock(ISSUED),
                              options=CertificateOptions(lang=lang, public_url=PUBLIC))


def pages(pdf: bytes, folder: Path) -> list[Path]:
    tools()
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "doc.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(source), str(folder / "page")],
                   check=True)
    return sorted(folder.glob("page-*.png"))


def difference(a: Path, b: Path) -> float:
    """The share of pixels whose colour differs by more than 48 in some channel."""
    left, right = Image.open(a).convert("RGB"), Image.open(b).convert("RGB")
    if left.size != right.size:
        return 1.0
    diff = ImageChops.difference(left, right).convert("L").point(lambda v: 255 if v > 48 else 0)
    return diff.histogram()[255] / (left.size[0] * left.size[1])


def text_of(pdf: bytes, folder: Path) -> str:
    tools()
    source = folder / "text.pdf"
    source.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(source), "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    return " ".join(out.split())


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_pages_look_like_the_reference_images(tmp_path: Path, lang: str) -> None:
    pdf = render_certificate(data_for(tmp_path, lang), created=ISSUED)
    rendered = pages(pdf, tmp_path / "pages")
    if UPDATE:
        REFS.mkdir(parents=True, exist_ok=True)
        for old in REFS.glob(f"certificate-{lang}-*.png"):
            old.unlink()
        for page in rendered:
            shutil.copy(page, REFS / f"certificate-{lang}-{page.stem.split('-')[-1]}.png")
    refs = sorted(REFS.glob(f"certificate-{lang}-*.png"))
    assert len(rendered) == len(refs) >= 2
    for page, ref in zip(rendered, refs, strict=True):
        assert difference(page, ref) < TOLERANCE, f"{page.name} differs from {ref.name}"


def test_the_comparison_sees_a_changed_name(tmp_path: Path) -> None:
    data = data_for(tmp_path, "fr")
    changed = CertificateData(**{**data.__dict__, "name": "Dominique Martin"})
    rendered = pages(render_certificate(changed, created=ISSUED), tmp_path / "pages")
    assert difference(rendered[0], REFS / "certificate-fr-1.png") > TOLERANCE


def test_same_data_same_bytes(tmp_path: Path) -> None:
    data = data_for(tmp_path, "fr")
    first = render_certificate(data, created=ISSUED)
    assert render_certificate(data, created=ISSUED) == first
    assert looks_like_pdf(first) and first.rstrip().endswith(b"%%EOF")


def test_text_is_real_and_french_survives(tmp_path: Path) -> None:
    data = data_for(tmp_path, "fr")
    pdf = render_certificate(data, created=ISSUED)
    text = text_of(pdf, tmp_path)
    for expected in (
        "ATTESTATION DE PARCOURS", "Parcours", "Camille Lefèvre-Œuvray",
        "Communauté de communes du Val de Serre", "Légumerie « Ça mijote » et cantines",
        "Fête de la rivière au cœur d'Œuilly", "du 3 mars 2025 au 20 mai 2025 (79 jours)",
        "Parcours achevé le 2 avril 2025", "crédits ECTS recommandés",
        "arrondi à la demi-unité inférieure", "seul un établissement d'enseignement supérieur",
        "Collectif des Combes", "Fait le 15 septembre 2026", "page 1 sur 2",
        f"{number_text(data.ects, 'fr')} crédits ECTS recommandés",
        "verify?credential=urn%3Auuid%3A",
    ):
        assert expected in text, expected
    extracted = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "\u202f%" in extracted  # the narrow no-break space is text, not a gap
    assert all(ch in extracted for ch in "éèêçœ«»Œ")


def test_english_certificate(tmp_path: Path) -> None:
    pdf = render_certificate(data_for(tmp_path, "en", with_credential=False), created=ISSUED)
    text = text_of(pdf, tmp_path)
    for expected in ("CERTIFICATE OF LEARNING", "from 3 March 2025 to 20 May 2025 (79 days)",
                     "No ECTS credits are recommended: no signed credential",
                     "cannot be verified online", "The “Ça mijote” vegetable hub"):
        assert expected in text, expected
    assert "rounded down to the half credit" not in text  # no credential: no credits
    assert embedded_files(pdf) == {}


def _fonts(reader: PdfReader) -> dict[str, Any]:
    fonts: dict[str, Any] = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    return fonts


def test_fonts_are_embedded_and_metadata_set(tmp_path: Path) -> None:
    pdf = render_certificate(data_for(tmp_path, "fr"), created=ISSUED)
    reader = PdfReader(io.BytesIO(pdf))
    fonts = _fonts(reader)
    assert fonts and all("DejaVu" in name for name in fonts)
    for font in fonts.values():
        assert "/FontFile2" in font["/FontDescriptor"].get_object()  # embedded TrueType
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Parcours — Camille Lefèvre-Œuvray"
    assert meta.author == "Collectif des Combes"
    assert meta.subject == "Attestation de parcours et recommandation de crédits ECTS"
    assert meta.creation_date is not None and meta.creation_date.year == 2026
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "fr"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert [str(o.title) for o in reader.outline][:2] == ["Heures par pilier de l'UNESCO",
                                                          "Heures par fonction vitale"]
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # A4


def test_the_credential_is_attached_and_found_again(tmp_path: Path) -> None:
    data = data_for(tmp_path, "fr")
    pdf = render_certificate(data, created=ISSUED)
    assert extract_embedded_credentials(pdf) == [data.credential]
    files = embedded_files(pdf)
    assert list(files) == ["credential.json"]
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    spec = root["/AF"][0].get_object()
    assert spec["/AFRelationship"] == "/Source"
    stream = spec["/EF"]["/F"].get_object()
    assert stream["/Subtype"] == "/application/json"
    params = stream["/Params"]
    assert params["/Size"] == len(files["credential.json"])
    checksum = params["/CheckSum"]
    assert getattr(checksum, "original_bytes", checksum) == hashlib.md5(
        files["credential.json"]).digest()


def _replace_attachment(pdf: bytes, content: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    root = writer._root_object
    del root[NameObject("/Names")]
    del root[NameObject("/AF")]
    writer.add_attachment("credential.json", content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_extraction_refuses_what_is_not_a_credential(tmp_path: Path) -> None:
    pdf = render_certificate(data_for(tmp_path, "fr"), created=ISSUED)
    with pytest.raises(UnreadableInput, match="not a readable PDF"):
        extract_embedded_credentials(b"%PDF-1.7\nnot really")
    with pytest.raises(UnreadableInput, match="not valid JSON"):
        extract_embedded_credentials(_replace_attachment(pdf, b'{"type": ["Verifiab'))
    assert extract_embedded_credentials(_replace_attachment(pdf, b'{"hello": 1}')) == []


def test_qr_code_holds_the_verification_url() -> None:
    url = PUBLIC + "/verify?credential=urn%3Auuid%3A1"
    drawing = qr_drawing(url, 80)
    assert drawing.contents[0].value == url
    assert drawing.width == drawing.height == 80
