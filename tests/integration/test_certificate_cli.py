"""``apprenance certificate`` end to end on the example territory: a real signed credential
attached, ``apprenance verify FILE.pdf`` accepting it and refusing an altered attachment;
batches with a report; usage errors."""

from __future__ import annotations

import io
import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from apprenance.clock import fixed_clock
from apprenance.credentials.pdf.attach import extract_embedded_credentials
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.services.issuing.issue import issue
from apprenance.services.issuing.issuers import init_issuer
from certificate_fixtures import ISSUED, LEA, PUBLIC, example_store, real_catalog
from conftest import CliResult

KARIM = "karim.benali@example.org"
Cli = Callable[..., CliResult]


@pytest.fixture
def world(tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path | str]:
    """The example territory for Karim (who completed the one-year pathway) and Léa (who did
    not), Karim's pathway issued as a signed OB 3.0 credential under PUBLIC."""
    monkeypatch.setenv("APPRENANCE_PUBLIC_URL", PUBLIC)
    monkeypatch.setenv("APPRENANCE_FAKE_NOW", ISSUED.isoformat())
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    catalog = real_catalog(home)
    store = example_store(url, catalog, participants={KARIM, LEA})
    keys = KeyStore(home / "keys")
    urls = HostedUrls(PUBLIC)
    clock = fixed_clock(ISSUED)
    init_issuer(store, keys, slug="val-de-serre", name="Communauté de communes du Val de Serre",
                urls=urls, clock=clock, territory="val-de-serre",
                url="https://val-de-serre.example.org", email="contact@val-de-serre.example.org")
    out = tmp_path / "issued"
    report = issue(store, catalog, keys, urls=urls, clock=clock, out=out, participant=KARIM,
                   badge="immersion-1an", rng=random.Random(7))
    assert len(report.issued) == 1, report.problems
    resolve = tmp_path / "resolve.json"
    resolve.write_text(json.dumps({PUBLIC + "/": str(out / "public")}), encoding="utf-8")
    return {"db": url, "home": home, "resolve": resolve, "tmp": tmp_path}


def run(cli: Cli, world: dict[str, Path | str], *args: str | Path) -> CliResult:
    return cli("--home", world["home"], "--db", world["db"], *args)


def _altered(pdf: bytes, change: Callable[[dict[str, object]], None]) -> bytes:
    credential = extract_embedded_credentials(pdf)[0]
    change(credential)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    del writer._root_object[NameObject("/Names")]
    del writer._root_object[NameObject("/AF")]
    writer.add_attachment("credential.json", json.dumps(credential).encode())
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_certificate_verifies_and_an_altered_attachment_fails(
        cli: Cli, world: dict[str, Path | str]) -> None:
    tmp = Path(world["tmp"])
    pdf_path = tmp / "karim.pdf"
    done = run(cli, world, "certificate", KARIM, "--pathway", "immersion-1an",
               "--out", pdf_path, "--json")
    assert done.code == 0, done.err
    report = done.json()
    assert isinstance(report, dict)
    assert report["pathway"] == "immersion-1an"
    assert report["verify_url"].startswith(PUBLIC + "/verify?credential=urn%3Auuid%3A")
    assert report["ects"] > 0
    pdf = pdf_path.read_bytes()
    [credential] = extract_embedded_credentials(pdf)
    assert credential["id"] == report["credential"]

    checked = run(cli, world, "verify", pdf_path, "--resolve", world["resolve"], "--json")
    assert checked.code == 0, checked.out
    result = checked.json()["results"][0]  # type: ignore[index]
    assert (result["format"], result["verdict"]) == ("pdf", "valid")

    def rename(doc: dict[str, object]) -> None:
        doc["name"] = "Diplôme d'ingénieur"

    altered = tmp / "altered.pdf"
    altered.write_bytes(_altered(pdf, rename))
    failed = run(cli, world, "verify", altered, "--resolve", world["resolve"], "--json")
    assert failed.code == 1, failed.out
    assert failed.json()["results"][0]["verdict"] == "invalid"  # type: ignore[index]

    broken = tmp / "broken.pdf"
    broken.write_bytes(pdf.replace(b"/EmbeddedFiles", b"/EmbeddedFilez"))
    unreadable = run(cli, world, "verify", broken, "--resolve", world["resolve"])
    assert unreadable.code == 2
    assert "no credential is attached to this PDF" in unreadable.out


def test_single_certificate_in_english_without_credential(
        cli: Cli, world: dict[str, Path | str]) -> None:
    out = Path(world["tmp"]) / "lea.pdf"
    done = run(cli, world, "certificate", LEA, "--lang", "en", "--out", out)
    assert done.code == 0, done.err
    assert str(out) in done.out
    assert extract_embedded_credentials(out.read_bytes()) == []
    assert b"/Lang (en)" in out.read_bytes()


def test_batch_for_a_territory_and_for_a_pathway(cli: Cli, world: dict[str, Path | str]) -> None:
    folder = Path(world["tmp"]) / "batch"
    done = run(cli, world, "certificate", "--territory", "val-de-serre", "--out", folder,
               "--json")
    assert done.code == 0, done.err
    report = done.json()
    assert isinstance(report, dict)
    files = sorted(Path(w["file"]).name for w in report["written"])
    assert len(files) == len(list(folder.glob("*.pdf"))) >= 2
    assert "karim.benali_example.org.pdf" in files
    assert report["skipped"] == []
    assert report["per_second"] > 0

    pathway = Path(world["tmp"]) / "pathway"
    human = run(cli, world, "certificate", "--all", "--pathway", "immersion-1an",
                "--out", pathway)
    assert human.code == 0, human.err
    names = sorted(p.name for p in pathway.glob("*.pdf"))
    assert "karim.benali_example.org.pdf" in names
    assert "lea.marchand_example.org.pdf" not in names
    assert "certificate(s) written" in human.out

    forked = Path(world["tmp"]) / "forked"
    shown = run(cli, world, "certificate", "--territory", "val-de-serre", "--out", forked,
                "--workers", "2")  # forked workers beside the progress bar's thread
    assert shown.code == 0, shown.err
    assert sorted(p.name for p in forked.glob("*.pdf")) == files


def test_usage_and_refusals(cli: Cli, world: dict[str, Path | str]) -> None:
    out = Path(world["tmp"]) / "x.pdf"
    both = run(cli, world, "certificate", LEA, "--all", "--out", out)
    assert both.code == 2 and "exactly one" in both.err
    neither = run(cli, world, "certificate", "--out", out)
    assert neither.code == 2
    not_done = run(cli, world, "certificate", LEA, "--pathway", "immersion-1an", "--out", out)
    assert not_done.code == 2 and "has not completed the pathway" in not_done.err
    assert not out.exists()
    unknown = run(cli, world, "certificate", LEA, "--pathway", "faire-1", "--out", out)
    assert unknown.code == 2 and "no pathway 'faire-1'" in unknown.err
    rule = run(cli, world, "certificate", LEA, "--hours-per-credit", "40", "--out", out)
    assert rule.code == 2 and "between 25 and 30" in rule.err
    nowhere = run(cli, world, "certificate", "--territory", "atlantide", "--out", out)
    assert nowhere.code == 2 and "no territory" in nowhere.err
