"""A certificate written with ``--lang en`` is English throughout (pdftotext against the words
only the French messages and labels use; names of places and projects aside), and the PDF
carries the PDF/UA basics reportlab allows: its language, its title shown, ``/MarkInfo``, and
the charts as ``Figure`` structure elements with their alternative text, each pointing at the
marked content drawn on its page."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from apprenance.clock import fixed_clock
from apprenance.credentials.pdf.certificate import render_certificate
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.services.certificates.gather import CertificateOptions, gather_certificate
from apprenance.services.issuing.clr_records import build_clr
from apprenance.services.issuing.issue import issue
from apprenance.services.issuing.issuers import init_issuer
from certificate_fixtures import ISSUED, LEA, PUBLIC, example_store, real_catalog
from conftest import CliResult
from french_words import french_only_words, french_words_in

CLOCK = fixed_clock(ISSUED)
PROPER_NAMES = ("Communauté de communes du Val de Serre", "Val de Serre", "L'Établi",
                "Saint-Aubin", "Léa Marchand")


def pdftotext(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: `make system-deps` installs poppler-utils",
                    pytrace=False)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    return " ".join(out.split())


@pytest.fixture
def lea_store(tmp_path: Path, home: Path) -> tuple[str, object]:
    """Léa's whole log on the real catalog (she completes the pathway), her credentials
    issued and her CLR signed by a did:key issuer."""
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    catalog = real_catalog(home)
    store = example_store(url, catalog, participants={LEA})
    keys, urls = KeyStore(tmp_path / "keys"), HostedUrls(PUBLIC)
    init_issuer(store, keys, slug="collectif", name="Collectif des Ressourceurs", urls=urls,
                clock=CLOCK, did_method="key", email="contact@example.org")
    issue(store, catalog, keys, urls=urls, clock=CLOCK)
    build_clr(store, catalog, keys, LEA, pathway=None, urls=urls, clock=CLOCK)
    store.dispose()
    return url, catalog


def test_english_certificate_has_no_french_left(
        lea_store: tuple[str, object], cli: Callable[..., CliResult], home: Path,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url, catalog = lea_store
    monkeypatch.setenv("APPRENANCE_FAKE_NOW", ISSUED.isoformat())
    out = tmp_path / "lea-en.pdf"
    done = cli("--home", home, "--db", url, "--public-url", PUBLIC, "certificate", LEA,
               "--lang", "en", "--out", out)
    assert done.code == 0, done.err
    text = pdftotext(out)
    for expected in ("CERTIFICATE OF LEARNING", "Competences", "Badges and pathways earned",
                     "recommended ECTS", "Collectif des Ressourceurs"):
        assert expected in text, expected
    for name in PROPER_NAMES:
        text = text.replace(name, " ")
    words = french_only_words(("cert.", "mc."), catalog)  # type: ignore[arg-type]
    assert len(words) > 100  # the list is a real one
    assert french_words_in(text, words) == set()
    french = out.with_name("lea-fr.pdf")
    assert cli("--home", home, "--db", url, "--public-url", PUBLIC, "certificate", LEA,
               "--lang", "fr", "--out", french).code == 0
    assert len(french_words_in(pdftotext(french), words)) > 20  # the check can fail


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_pdf_ua_basics_read_back(lea_store: tuple[str, object], lang: str) -> None:
    from apprenance.db.store import Store

    url, catalog = lea_store
    store = Store.open(url)
    data = gather_certificate(store, catalog, LEA, clock=CLOCK,  # type: ignore[arg-type]
                              options=CertificateOptions(lang=lang, public_url=PUBLIC))
    store.dispose()
    reader = PdfReader(io.BytesIO(render_certificate(data, created=ISSUED)))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]) is True
    assert reader.metadata is not None and data.name in str(reader.metadata.title)
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    tree = root["/StructTreeRoot"].get_object()
    assert tree["/Type"] == "/StructTreeRoot"
    document = tree["/K"].get_object()
    assert document["/S"] == "/Document"
    figures = [kid.get_object() for kid in document["/K"]]
    assert [f["/S"] for f in figures] == ["/Figure", "/Figure"]
    pillars = "Heures par pilier de l'UNESCO" if lang == "fr" else "Hours per UNESCO pillar"
    assert str(figures[0]["/Alt"]).startswith(pillars)
    for line in data.pillars:  # every bar is in the alternative text
        assert line.label in str(figures[0]["/Alt"])
    assert data.functions[0].label in str(figures[1]["/Alt"])
    nums = tree["/ParentTree"]["/Nums"]
    page_of = {p.indirect_reference.idnum: p for p in reader.pages}
    for figure in figures:
        page = page_of[figure.raw_get("/Pg").idnum]
        index = page["/StructParents"]
        assert nums[nums.index(index) + 1][figure["/K"]].get_object() == figure
        contents = page.get_contents()
        assert contents is not None
        content = contents.get_data()
        assert re.search(rb"/Figure <</MCID %d>> BDC" % figure["/K"], content)
    assert content.count(b" BDC") == content.count(b"EMC")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_verify_of_a_certificate_names_what_it_checked(
        lea_store: tuple[str, object], cli: Callable[..., CliResult], home: Path,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    url, _ = lea_store
    monkeypatch.setenv("APPRENANCE_FAKE_NOW", ISSUED.isoformat())
    out = tmp_path / "lea.pdf"
    assert cli("--home", home, "--db", url, "--public-url", PUBLIC, "certificate", LEA,
               "--lang", lang, "--out", out).code == 0
    done = cli("--home", home, "--lang", lang, "verify", "--offline", "--json", out)
    facts = done.json()["results"][0]["vouches_for"]
    assert facts["document"].endswith("— Léa Marchand")  # the PDF's title: what it shows
    assert facts["holder"]["identifiers"][0]["type"] == "emailAddress"
    assert facts["issuer"]["name"] == "Collectif des Ressourceurs"
    assert facts["achievements"] and all(a["name"] for a in facts["achievements"])
    assert facts["issued"].startswith("2026-09-15")
    human = cli("--home", home, "--lang", lang, "verify", "--offline", out).out
    words = {"fr": ("attestation", "titulaire", "émetteur", "délivré le"),
             "en": ("certificate", "holder", "issuer", "issued 2026-09-15")}[lang]
    for word in words:
        assert f"· {word}" in human or word in human, word
    assert "Collectif des Ressourceurs" in human and "Léa Marchand" in human
