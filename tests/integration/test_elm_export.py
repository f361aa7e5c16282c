"""What a registrar receives for the example territory's pathway: ``apprenance export elm``
writes Karim's one-year pathway as a Europass (ELM 3) credential, checked with the European
Commission's SHACL shapes of the EDC generic profile (pySHACL); signed, it verifies and an
altered copy does not; the command in French and English, and its refusals; the PDF
certificate's micro-credential block in both languages."""

from __future__ import annotations

import copy
import io
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from apprenance.clock import fixed_clock
from apprenance.credentials.trust.keys import KeyStore
from apprenance.credentials.verify.inputs import HostedUrls
from apprenance.services.issuing.issue import issue
from apprenance.services.issuing.issuers import init_issuer
from certificate_fixtures import ISSUED, LEA, PUBLIC, example_store, real_catalog
from conftest import CliResult
from elm_shapes import shacl_check, shapes_graph

KARIM = "karim.benali@example.org"
Cli = Callable[..., CliResult]
ESCO = "http://data.europa.eu/esco/skill/"


@pytest.fixture(scope="module")
def shapes() -> Any:
    return shapes_graph()


@pytest.fixture
def world(tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path | str]:
    """Karim completed the one-year pathway (its OB 3.0 credential issued), Léa did not."""
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
    report = issue(store, catalog, keys, urls=urls, clock=clock, out=tmp_path / "issued",
                   participant=KARIM, badge="immersion-1an", rng=random.Random(7))
    assert len(report.issued) == 1, report.problems
    store.dispose()
    return {"db": url, "home": home, "tmp": tmp_path}


def run(cli: Cli, world: dict[str, Path | str], *args: str | Path) -> CliResult:
    return cli("--home", world["home"], "--db", world["db"], *args)


def _export(cli: Cli, world: dict[str, Path | str], *args: str) -> dict[str, Any]:
    out = Path(world["tmp"]) / "karim.elm.jsonld"
    done = run(cli, world, "--lang", "en", "export", "elm", KARIM, "--out", out, *args)
    assert done.code == 0, done.err
    document: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return document


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def test_the_example_pathway_passes_the_official_elm_shapes(
    cli: Cli, world: dict[str, Path | str], shapes: Any
) -> None:
    doc = _export(cli, world)
    conforms, report = shacl_check(doc, shapes)
    assert conforms, report
    assert doc["type"] == ["VerifiableCredential", "EuropeanDigitalCredential"]
    assert doc["credentialSchema"]["id"] == "http://data.europa.eu/snb/model/ap/edc-generic-full"
    assert "proof" not in doc  # unsigned by default: the institution seals it
    issuer = doc["issuer"]
    assert issuer["legalName"] == {"fr": "Communauté de communes du Val de Serre"}
    assert issuer["location"]["address"]["countryCode"]["id"].endswith("/country/FRA")
    subject = doc["credentialSubject"]
    assert subject["identifier"]["notation"] == KARIM
    claim = subject["hasClaim"]
    assert claim["title"]["en"] == "Immersive pathway — one year in a territory"
    assert claim["awardedBy"]["awardingBody"] == issuer["id"]
    spec = claim["specifiedBy"]
    assert spec["creditPoint"]["point"] == "15"
    assert spec["creditPoint"]["framework"]["prefLabel"]["en"] == \
        "European Credit Transfer System"
    assert spec["volumeOfLearning"] == "PT400H"
    assert spec["mode"]["prefLabel"] == {"en": "Presential"}  # participation: on-site
    assert spec["learningSetting"]["prefLabel"] == {"en": "non-formal learning"}
    assert "eqfLevel" not in spec  # eqf_level: not-applicable
    assert spec["entryRequirement"]["noteLiteral"]["fr"].startswith("Aucun diplôme requis")
    outcomes = spec["learningOutcome"]
    assert len(outcomes) == 3
    esco = [s["id"] for o in outcomes for s in _as_list(o.get("relatedESCOSkill", []))]
    assert f"{ESCO}cd5efa8c-e44d-4cbc-91c6-796018dbed68" in esco  # perform project management
    assert all(s.startswith(ESCO) for s in esco)
    assert outcomes[2]["relatedSkill"][0]["id"].endswith("/facilitation/reflexivite")
    assessment = claim["provenBy"]
    assert assessment["specifiedBy"]["description"]["en"].startswith(
        "Continuous evidence-based assessment")
    assert assessment["grade"]["noteLiteral"] == {"fr": "Acquis", "en": "Passed"}
    activities = claim["influencedBy"]
    assert activities and all(a["specifiedBy"]["volumeOfLearning"].startswith("PT")
                              for a in activities)
    parts = {p["title"]["fr"] for p in claim["hasPart"]}
    assert "Apprendre à faire — niveau 2 : approfondissement" in parts \
        or any(p.startswith("Apprendre à faire — niveau 2") for p in parts)
    assert doc["identifier"]["schemeName"] == "Open Badges 3.0"


def test_the_shapes_refuse_what_europass_would_refuse(
    cli: Cli, world: dict[str, Path | str], shapes: Any
) -> None:
    doc = _export(cli, world)
    nameless = copy.deepcopy(doc)
    del nameless["issuer"]["legalName"]
    conforms, report = shacl_check(nameless, shapes)
    assert not conforms and "legalName" in report
    wrong_list = copy.deepcopy(doc)  # a learning setting from another controlled vocabulary
    wrong_list["credentialSubject"]["hasClaim"]["specifiedBy"]["learningSetting"] = {
        "id": "http://data.europa.eu/snb/learning-assessment/9191af2ed9", "type": "Concept",
        "inScheme": {"id": "http://data.europa.eu/snb/learning-assessment/25831c2",
                     "type": "ConceptScheme"}, "prefLabel": {"en": "Presential"}}
    conforms, report = shacl_check(wrong_list, shapes)
    assert not conforms and "learning-setting" in report
    no_display = copy.deepcopy(doc)
    del no_display["displayParameter"]
    assert not shacl_check(no_display, shapes)[0]


def test_a_signed_export_verifies_and_an_altered_one_does_not(
    cli: Cli, world: dict[str, Path | str], shapes: Any
) -> None:
    doc = _export(cli, world, "--sign", "--legal-id", "NTRFR-200069999")
    assert doc["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert doc["issuer"]["eIDASIdentifier"]["notation"] == "NTRFR-200069999"
    assert shacl_check(doc, shapes)[0]
    path = Path(world["tmp"]) / "karim.elm.jsonld"
    assert run(cli, world, "verify", path).code == 0
    doc["credentialSubject"]["hasClaim"]["specifiedBy"]["creditPoint"]["point"] = "60"
    altered = Path(world["tmp"]) / "altered.jsonld"
    altered.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert run(cli, world, "verify", altered).code == 1


def test_the_command_speaks_french_and_english_and_refuses_clearly(
    cli: Cli, world: dict[str, Path | str]
) -> None:
    out = Path(world["tmp"]) / "k.jsonld"
    fr = run(cli, world, "--lang", "fr", "export", "elm", KARIM, "--out", out)
    assert fr.code == 0, fr.err
    assert "Attestation Europass (ELM 3)" in fr.out and "cachet eIDAS" in fr.out
    en = run(cli, world, "--lang", "en", "export", "elm", KARIM, "--out", out,
             "--pathway", "immersion-1an")
    assert en.code == 0 and "Europass credential (ELM 3)" in en.out and "eIDAS seal" in en.out
    printed = run(cli, world, "export", "elm", KARIM)  # no --out: the document on stdout
    assert json.loads(printed.out)["type"][1] == "EuropeanDigitalCredential"
    wrapped = run(cli, world, "export", "elm", KARIM, "--uploadable", "--out", out)
    assert wrapped.code == 0
    assert json.loads(out.read_text())["credential"]["type"][1] == "EuropeanDigitalCredential"
    as_json = run(cli, world, "export", "elm", KARIM, "--json").json()
    assert as_json["pathway"] == "immersion-1an" and as_json["signed"] is False
    none_fr = run(cli, world, "--lang", "fr", "export", "elm", LEA)
    assert none_fr.code == 2 and "n'a obtenu aucun parcours" in none_fr.err
    none_en = run(cli, world, "--lang", "en", "export", "elm", LEA)
    assert none_en.code == 2 and "has earned no pathway" in none_en.err
    other = run(cli, world, "--lang", "en", "export", "elm", KARIM, "--pathway", "immersion-3ans")
    assert other.code == 2 and "immersion-3ans" in other.err
    unknown = run(cli, world, "export", "elm", KARIM, "--pathway", "nope")
    assert unknown.code == 2 and "nope" in unknown.err
    assert "Traceback" not in unknown.err + other.err + none_en.err


def test_the_certificate_has_a_micro_credential_block_in_both_languages(
    cli: Cli, world: dict[str, Path | str]
) -> None:
    for lang, words in (
        ("fr", ("Micro-certification", "Pays de l'émetteur", "France", "Type d'évaluation",
                "Forme de participation", "sur place", "15 ECTS (recommandation), 400 heures",
                "Assurance qualité", "Prérequis", "Se compose de")),
        ("en", ("Micro-credential", "Country of the issuer", "France", "Type of assessment",
                "Form of participation", "on site", "15 ECTS (recommendation), 400 hours",
                "Quality assurance", "Prerequisites", "Made of")),
    ):
        out = Path(world["tmp"]) / f"karim-{lang}.pdf"
        done = run(cli, world, "certificate", KARIM, "--lang", lang, "--out", out)
        assert done.code == 0, done.err
        reader = PdfReader(io.BytesIO(out.read_bytes()))
        content = " ".join((page.extract_text() or "") for page in reader.pages)
        content = " ".join(content.split())
        for word in words:
            assert word in content, (lang, word)


def test_the_issuer_country_is_kept_and_checked(cli: Cli, world: dict[str, Path | str]) -> None:
    from apprenance.db.store import Store
    from apprenance.services.issuing.issuers import issuer_profile

    bad = run(cli, world, "--lang", "en", "issuer", "init", "--id", "wallonie", "--name",
              "Collectif wallon", "--country", "BEL", "--no-passphrase")
    assert bad.code == 2 and "ISO 3166-1" in bad.err and "Traceback" not in bad.err
    done = run(cli, world, "issuer", "init", "--id", "wallonie", "--name", "Collectif wallon",
               "--country", "be", "--no-passphrase")
    assert done.code == 0, done.err
    store = Store.open(str(world["db"]))
    try:
        profile = issuer_profile(store, "wallonie")
        assert profile.country == "BE"
        assert profile.ob3()["address"] == {"type": ["Address"], "addressCountryCode": "BE",
                                            "addressCountry": "Belgique"}
        assert issuer_profile(store, "val-de-serre").country == "FR"  # the default
    finally:
        store.dispose()


def test_the_clr_carries_the_elements_and_the_stacking(
    cli: Cli, world: dict[str, Path | str]
) -> None:
    issued = run(cli, world, "issue", "--learner", KARIM, "--badge", "faire-2", "--out",
                 Path(world["tmp"]) / "all")
    assert issued.code == 0, issued.err  # one of the badges the pathway is made of
    out = Path(world["tmp"]) / "karim.clr.json"
    done = run(cli, world, "clr", KARIM, "--pathway", "immersion-1an", "--out", out)
    assert done.code == 0, done.err
    clr = json.loads(out.read_text(encoding="utf-8"))
    assert clr["issuer"]["address"]["addressCountryCode"] == "FR"
    pathway = next(a for a in clr["credentialSubject"]["achievement"]
                   if a["id"].endswith("/achievements/immersion-1an.fr.json"))
    assert pathway["tag"] == ["micro-credential"]
    assert "Type d'évaluation" in pathway["criteria"]["narrative"]
    assert next(a["targetName"] for a in pathway["alignment"]
            if a["targetType"] == "ext:LearningOutcome").startswith("Conduire avec")
    children = {a["targetId"] for a in clr["credentialSubject"].get("association", [])
                if a["associationType"] == "isParentOf" and a["sourceId"] == pathway["id"]}
    faire_2 = next(a["id"] for a in clr["credentialSubject"]["achievement"]
                   if a["id"].endswith("/achievements/faire-2.fr.json"))
    assert children == {faire_2}  # the badge it stacks, held by Karim and issued
