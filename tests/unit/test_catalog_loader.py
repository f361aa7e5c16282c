"""Loading a whole catalog: concepts, activity types, badges with their rules in evaluation
order, a version that follows the files, a parse cache keyed by each file's sha256, and one
error listing every problem."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from apprenance.bootstrap import App
from apprenance.catalog.loader import load_catalog
from apprenance.config import load_settings
from apprenance.domain.catalog import AllOf, AnyOf, AtLeast, Catalog, Filters, Measure
from apprenance.errors import CatalogError
from conftest import REPO

DATA = REPO / "tests" / "data" / "catalog"


def _copy_catalog(tmp_path: Path) -> Path:
    root = tmp_path / "catalog"
    for kind in ("frameworks", "mappings", "badges"):
        shutil.copytree(DATA / kind, root / kind)
    return root


def _load(root: Path, cache: Path | None = None) -> Catalog:
    return load_catalog(frameworks_dirs=[root / "frameworks"], mappings_dir=root / "mappings",
                        badges_dir=root / "badges", cache_dir=cache)


def test_the_catalog_holds_concepts_schemes_and_prefixes() -> None:
    catalog = _load(DATA)
    assert sorted(catalog.schemes) == ["mini", "pilier"]
    assert catalog.schemes["mini"].title == {"fr": "Mini référentiel", "en": "Mini framework"}
    assert catalog.schemes["mini"].version == "1.0"
    m11 = catalog.concepts["mini:m1.1"]
    assert m11.uri == "https://example.org/mini/m1.1"
    assert m11.scheme == "mini"
    assert m11.notation == "m1.1"
    assert m11.label == {"fr": "Économiser l'énergie", "en": "Saving energy"}
    assert m11.broader == ("mini:m1",)
    assert m11.related == ("http://data.europa.eu/esco/skill/0037c821-2898-4919-b96e-7ed1cd89554c",)
    assert catalog.concept_by_uri("https://example.org/mini/m1.2") == catalog.concepts["mini:m1.2"]
    assert catalog.concept_by_uri("https://w3id.org/apprenance/pilier/faire") is not None


def test_activity_types_come_from_the_mapping() -> None:
    catalog = _load(DATA)
    assert catalog.mapping_version == "t1"
    chantier = catalog.activity_types["chantier"]
    assert chantier.pillars == {"faire": 0.7, "vivre-ensemble": 0.3}
    assert chantier.competences == {"mini:m1.2": 1.0, "mini:m1.1": 0.5}
    assert chantier.functions == ("habitat",)
    assert chantier.keywords == {"fr": ("chantier",), "en": ("building site",)}
    assert chantier.label == {"fr": "Chantier participatif", "en": "Participatory building site"}
    assert chantier.source == f"{DATA / 'mappings' / 'mini.yaml'}:3"
    assert catalog.activity_types["reunion"].functions == ()


def test_badges_come_in_evaluation_order_with_their_rules() -> None:
    catalog = _load(DATA)
    # a-pathway.yaml sorts first by name, but it needs b2, which needs b1
    assert list(catalog.badges) == ["b1", "b2", "a-pathway"]
    b1 = catalog.badges["b1"]
    assert b1.kind == "badge" and b1.achievement_type == "Badge"
    assert b1.alignments == ("pilier:faire", "mini:m1.1")
    assert b1.image == str((DATA / "badges" / "images" / "b1.svg").resolve())
    assert b1.rule == AllOf((
        Measure("hours", 20.0, Filters(pillar="faire")),
        Measure("distinct", 2.0, of="project"),
        Measure("attestations", 1.0, role="habitant"),
    ))
    assert catalog.badges["b2"].valid_for == "P2Y"
    assert catalog.badges["b2"].rule == AnyOf((
        Measure("badges", 1.0, ids=("b1",)),
        Measure("count", 2.0, Filters(competence="mini:m1.2", activity="chantier",
                                      since=date(2026, 1, 1), until=date(2026, 12, 31))),
    ))
    pathway = catalog.badges["a-pathway"]
    assert pathway.kind == "pathway" and pathway.achievement_type == "LearningProgram"
    assert pathway.credits == {"ects": 5.0}
    assert pathway.rule == AtLeast(2, (
        Measure("badges", 1.0, ids=("b2",)),
        Measure("span_days", 365.0),
        Measure("hours", 100.0, Filters(function="habitat")),
    ))


def test_the_version_is_a_hash_of_every_file_and_follows_them(tmp_path: Path) -> None:
    root = _copy_catalog(tmp_path)
    first = _load(root)
    assert first.version == _load(DATA).version  # the same bytes, wherever they are
    assert len(first.version) == 64
    mapping = root / "mappings" / "mini.yaml"
    mapping.write_text(mapping.read_text(encoding="utf-8").replace("0.7", "0.6").replace(
        "0.3}", "0.4}"), encoding="utf-8")
    assert _load(root).version != first.version
    image = root / "badges" / "images" / "b1.svg"
    before = _load(root).version
    image.write_text(image.read_text(encoding="utf-8") + "<!-- changed -->", encoding="utf-8")
    assert _load(root).version != before


def test_a_parsed_framework_is_cached_under_its_sha256_and_reused(tmp_path: Path) -> None:
    root = _copy_catalog(tmp_path)
    cache = tmp_path / "cache"
    framework = root / "frameworks" / "mini.ttl"
    sha = hashlib.sha256(framework.read_bytes()).hexdigest()
    _load(root, cache)
    entry = cache / "frameworks" / f"{sha}.json"
    assert entry.is_file()
    assert len(list((cache / "frameworks").glob("*.json"))) == 2  # mini.ttl and pilier.ttl
    # Prove the second load reads the cache and not the Turtle: change the cached label only.
    doc = json.loads(entry.read_text(encoding="utf-8"))
    assert doc["data"]["sha256"] == sha
    for concept in doc["data"]["concepts"]:
        if concept["uri"].endswith("/m1.1"):
            concept["labels"]["en"] = "Saving energy (from the cache)"
    entry.write_text(json.dumps(doc), encoding="utf-8")
    assert _load(root, cache).concepts["mini:m1.1"].label["en"] == "Saving energy (from the cache)"
    # Once the file changes, its new bytes are parsed and cached under their own hash.
    framework.write_text(framework.read_text(encoding="utf-8").replace(
        '"Saving energy"@en', '"Saving energy, changed"@en'), encoding="utf-8")
    assert _load(root, cache).concepts["mini:m1.1"].label["en"] == "Saving energy, changed"
    assert len(list((cache / "frameworks").glob("*.json"))) == 3


def test_a_damaged_cache_entry_is_parsed_again(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _load(DATA, cache)
    for entry in (cache / "frameworks").glob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    catalog = _load(DATA, cache)
    assert catalog.concepts["mini:m1.1"].label["en"] == "Saving energy"
    for entry in (cache / "frameworks").glob("*.json"):
        assert json.loads(entry.read_text(encoding="utf-8"))["format"]


def test_an_invalid_catalog_raises_one_error_listing_every_problem(tmp_path: Path) -> None:
    root = _copy_catalog(tmp_path)
    shutil.copy(DATA / "broken" / "mapping.yaml", root / "mappings" / "broken.yaml")
    shutil.copy(DATA / "broken" / "badges" / "texts.yaml", root / "badges" / "texts.yaml")
    with pytest.raises(CatalogError) as exc:
        _load(root)
    details = exc.value.details
    assert isinstance(details, list)
    assert len(details) == 12
    broken = root / "mappings" / "broken.yaml"
    assert f"{broken}:8: activities.bad-sum.pillars: pillar weights sum to 0.9" in exc.value.message
    assert f"{root / 'badges' / 'texts.yaml'}:9: rule: unknown badge: ghost" in exc.value.message
    assert exc.value.message.startswith("The catalog is not valid (12 error(s)):")


def test_the_same_activity_id_in_two_mapping_files_is_a_problem(tmp_path: Path) -> None:
    root = _copy_catalog(tmp_path)
    (root / "mappings" / "second.yaml").write_text(
        "activities:\n  reunion:\n    label: {fr: R, en: M}\n    pillars: {connaitre: 1}\n",
        encoding="utf-8")
    with pytest.raises(CatalogError) as exc:
        _load(root)
    assert exc.value.details == [
        f"{root / 'mappings' / 'second.yaml'}:2: activity type 'reunion' is defined twice "
        f"(first at {root / 'mappings' / 'mini.yaml'}:9)"
    ]


def test_a_framework_that_cannot_be_parsed_stops_the_catalog(tmp_path: Path) -> None:
    root = _copy_catalog(tmp_path)
    (root / "frameworks" / "zz.ttl").write_text("@prefix x: <http://x/> .\nx:a x:b\n",
                                                encoding="utf-8")
    with pytest.raises(CatalogError, match=r"zz\.ttl:2: cannot read turtle"):
        _load(root)


def test_app_catalog_reads_the_catalog_folder_and_the_imported_frameworks(tmp_path: Path) -> None:
    root = _copy_catalog(tmp_path)
    home = tmp_path / "home"
    (home / "frameworks").mkdir(parents=True)
    shutil.copy(DATA / "formats" / "soft.ttl", home / "frameworks" / "soft.ttl")
    app = App(load_settings(home=home, catalog=root))
    catalog = app.catalog()
    assert sorted(catalog.schemes) == ["mini", "pilier", "soft-skills"]
    assert "soft-skills:listen" in catalog.concepts
    assert list((home / "cache" / "frameworks").glob("*.json"))
    assert app.catalog() is catalog  # unchanged files: the same catalog, not loaded again
    (home / "frameworks" / "soft.ttl").unlink()
    assert "soft-skills" not in app.catalog().schemes
