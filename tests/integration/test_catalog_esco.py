"""The real ESCO CSV export (../shared/reference/esco/v1.0) imports as one framework: 13,485
skills with their French and English labels and their hierarchy."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from apprenance.bootstrap import App
from apprenance.catalog.esco_csv import ESCO_SKILLS_SCHEME, read_esco_csv
from apprenance.catalog.framework_data import FrameworkData, RawConcept
from apprenance.config import load_settings
from conftest import REPO, SHARED, CliResult

ESCO = SHARED / "reference" / "esco" / "v1.0"
SKILL = "http://data.europa.eu/esco/skill/"
MUSIC = f"{SKILL}0005c151-5b5a-4a66-8aac-60e734beb1ab"  # "manage musical staff"


def _rows(name: str) -> list[dict[str, str]]:
    with (ESCO / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def esco() -> FrameworkData:
    return read_esco_csv(sorted(ESCO.glob("*.csv")))


@pytest.fixture(scope="module")
def by_uri(esco: FrameworkData) -> dict[str, RawConcept]:
    return {c.uri: c for c in esco.concepts}


def test_the_export_is_one_framework_of_13485_skills(esco: FrameworkData) -> None:
    assert [s.uri for s in esco.schemes] == [ESCO_SKILLS_SCHEME]
    assert esco.schemes[0].prefix == "esco" and esco.schemes[0].version == "v1.0"
    assert esco.stats["skills"] == 13_485
    assert esco.stats["skill_groups"] == 17
    assert len(esco.concepts) == 13_485 + 17
    assert all(c.schemes == [ESCO_SKILLS_SCHEME] for c in esco.concepts)


def test_every_skill_has_its_french_and_english_labels(
    esco: FrameworkData, by_uri: dict[str, RawConcept]
) -> None:
    french = {r["conceptUri"]: r["preferredLabel"] for r in _rows("el_skills_fr.csv")}
    english = {r["conceptUri"]: r["preferredLabel"] for r in _rows("el_skills_en-us.csv")}
    assert len(french) == len(english) == 13_485
    assert all(by_uri[uri].labels["fr"] == label for uri, label in french.items())
    with_english = {uri for uri, label in english.items() if label}
    assert all(by_uri[uri].labels["en"] == english[uri] for uri in with_english)
    # The source file itself gives no English label for 13 skills: they keep their French one,
    # and the import reports each of them (see the import test below).
    missing = set(english) - with_english
    assert len(missing) == 13
    assert all("en" not in by_uri[uri].labels for uri in missing)
    assert by_uri[MUSIC].labels == {"fr": "gérer le personnel musical",
                                    "en": "manage musical staff"}
    assert by_uri[MUSIC].definitions["en"].startswith("Assign and manage staff tasks")


def test_the_hierarchy_comes_from_the_broader_relations(by_uri: dict[str, RawConcept]) -> None:
    rows = _rows("el_broaderRelationsSkillPillar.csv")
    pairs = {(r["conceptUri"], r["broaderUri"]) for r in rows}
    assert len(pairs) == 7_006
    assert {(uri, parent) for uri, c in by_uri.items() for parent in c.broader} == pairs
    assert by_uri[MUSIC].broader == [f"{SKILL}339ac029-066a-4985-9f9d-b3d7c8fea0bb",
                                     f"{SKILL}75d8e5d9-bef3-418b-9011-01bff9f27207"]
    groups = {r["conceptUri"]: r["preferredLabel"] for r in _rows("el_skillGroups_fr.csv")}
    some_group = next(iter(groups))
    assert by_uri[some_group].labels["fr"] == groups[some_group]


def test_importing_esco_adds_it_to_the_catalog_in_force(
    cli: Callable[..., CliResult], home: Path
) -> None:
    result = cli("--home", home, "frameworks", "import", ESCO, "--json")
    assert result.code == 0, result.err
    report = result.json()
    assert isinstance(report, dict)
    assert report["concepts"] == 13_502 and report["skills"] == 13_485
    assert report["broader_links"] == 7_006
    assert report["schemes"] == [{
        "prefix": "esco-skills", "uri": ESCO_SKILLS_SCHEME,
        "title": {"fr": "ESCO : aptitudes et compétences", "en": "ESCO: skills and competences"},
        "concepts": 13_502,
    }]
    assert len(report["files"]) == 5
    written = Path(report["written"][0])
    assert written == home / "frameworks" / "esco-skills.ttl"
    warnings = report["warnings"]
    assert len(warnings) == 13
    assert {w["code"] for w in warnings} == {"missing-label-lang"}
    assert all(w["file"].endswith("el_skills_en-us.csv") and w["line"] for w in warnings)

    catalog = App(load_settings(home=home)).catalog()
    music = catalog.concepts["esco:0005c151-5b5a-4a66-8aac-60e734beb1ab"]
    assert music.label == {"fr": "gérer le personnel musical", "en": "manage musical staff"}
    assert music.scheme == "esco-skills"
    assert music.broader == ("esco:339ac029-066a-4985-9f9d-b3d7c8fea0bb",
                             "esco:75d8e5d9-bef3-418b-9011-01bff9f27207")
    assert sum(1 for c in catalog.concepts.values() if c.scheme == "esco-skills") > 13_400
    # the bundled ESCO selection keeps its own scheme; the mappings still resolve
    assert catalog.concepts["esco:60c78287-22eb-4103-9c8c-28deaa460da0"].scheme == "esco"

    # importing again changes nothing: same file, same catalog version
    version, text = catalog.version, written.read_bytes()
    again = cli("--home", home, "frameworks", "import", *sorted(ESCO.glob("*.csv")), "--json")
    assert again.code == 0
    assert written.read_bytes() == text
    assert App(load_settings(home=home)).catalog().version == version


def test_after_an_import_the_catalog_loads_without_rdflib(home: Path, tmp_path: Path) -> None:
    """The importer leaves the parsed framework in the cache: no framework is parsed again."""
    subprocess.run([sys.executable, "-m", "apprenance", "--home", str(home), "frameworks",
                    "import", str(ESCO / "el_skills_fr.csv"), str(ESCO / "el_skills_en-us.csv")],
                   check=True, capture_output=True)
    warm = tmp_path / "warm.py"
    warm.write_text(
        "import sys\n"
        "from apprenance.bootstrap import App\n"
        "from apprenance.config import load_settings\n"
        f"catalog = App(load_settings(home={str(home)!r})).catalog()\n"
        "print(len(catalog.concepts), 'rdflib' in sys.modules)\n",
        encoding="utf-8",
    )
    # the bundled frameworks are parsed (and cached) by this first run, the imported one is not
    first = subprocess.run([sys.executable, str(warm)], check=True, capture_output=True,
                           text=True, cwd=REPO)
    assert int(first.stdout.split()[0]) > 13_485
    second = subprocess.run([sys.executable, str(warm)], check=True, capture_output=True,
                            text=True, cwd=REPO)
    assert second.stdout.split() == [first.stdout.split()[0], "False"]


@pytest.mark.slow
def test_the_cached_import_is_what_rdflib_reads_from_the_written_turtle(home: Path) -> None:
    from apprenance.catalog.frameworks import parse_rdf
    from apprenance.catalog.loader import read_framework

    subprocess.run([sys.executable, "-m", "apprenance", "--home", str(home), "frameworks",
                    "import", str(ESCO)], check=True, capture_output=True)
    written = home / "frameworks" / "esco-skills.ttl"
    cached = read_framework(written, home / "cache")
    parsed = parse_rdf(written)
    assert json.dumps(cached.to_json(), sort_keys=True) == json.dumps(
        {**parsed.to_json(), "stats": cached.stats}, sort_keys=True)
