"""``apprenance frameworks ...`` through the real entry point: JSON documents, human output in
French and English, exit codes (0 ok, 1 problem found, 2 bad input), and a fast ``--help``."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import REPO, CliResult

DATA = REPO / "tests" / "data" / "catalog"
Cli = Callable[..., CliResult]


@pytest.fixture
def run(cli: Cli, home: Path) -> Callable[..., CliResult]:
    """The command line on the test catalog and a fresh home folder."""

    def go(*args: str | Path) -> CliResult:
        return cli("--home", home, "--catalog", DATA, *args)

    return go


def test_list(run: Callable[..., CliResult]) -> None:
    result = run("frameworks", "list", "--json")
    assert result.code == 0
    assert result.json() == [
        {"prefix": "mini", "uri": "https://example.org/mini",
         "title": {"fr": "Mini référentiel", "en": "Mini framework"}, "concepts": 3,
         "version": "1.0", "source": ""},
        {"prefix": "pilier", "uri": "https://w3id.org/apprenance/pilier",
         "title": {"fr": "Piliers", "en": "Pillars"}, "concepts": 4, "version": "",
         "source": ""},
    ]
    human = run("--lang", "fr", "frameworks", "list")
    assert human.out.splitlines()[0] == "2 référentiels, 7 concepts\u00a0:"
    assert "mini" in human.out and "Mini référentiel" in human.out


def test_show(run: Callable[..., CliResult]) -> None:
    result = run("frameworks", "show", "mini:m1.1", "--json")
    assert result.code == 0
    shown = result.json()
    assert isinstance(shown, dict)
    assert shown["uri"] == "https://example.org/mini/m1.1"
    assert shown["broader"] == ["mini:m1"] and shown["narrower"] == []
    assert shown["activities"] == ["chantier"] and shown["badges"] == ["b1"]
    human = run("frameworks", "show", "https://example.org/mini/m1")
    assert human.out.splitlines()[0] == "mini:m1  Energy and climate"
    assert "Narrower: mini:m1.1 Saving energy; mini:m1.2 Repairing things" in human.out
    missing = run("--lang", "fr", "frameworks", "show", "mini:zz")
    assert missing.code == 2
    assert "Aucun concept «\u00a0mini:zz\u00a0» dans le catalogue." in missing.err
    assert "Traceback" not in missing.err


def test_search(run: Callable[..., CliResult]) -> None:
    result = run("frameworks", "search", "energie", "--json")
    assert result.code == 0
    found = result.json()
    assert isinstance(found, list)
    assert [c["curie"] for c in found] == ["mini:m1", "mini:m1.1"]
    human = run("frameworks", "search", "réparer")
    assert human.out.splitlines() == ["1 concept(s) match 'réparer':",
                                      "  mini:m1.2  Repairing things"]
    assert run("frameworks", "search", "zzz").out.strip() == "No concept matches 'zzz'."


def test_import_a_framework_then_use_it(run: Callable[..., CliResult], home: Path) -> None:
    result = run("frameworks", "import", DATA / "formats" / "soft.rdf", "--json")
    assert result.code == 0, result.err
    report = result.json()
    assert isinstance(report, dict)
    assert report["concepts"] == 2
    assert report["schemes"] == [{"prefix": "soft-skills", "uri": "http://example.net/fw/soft-skills",
                                  "title": {"fr": "Savoir-être", "en": "Soft skills"},
                                  "concepts": 2}]
    assert report["written"] == [str(home / "frameworks" / "soft-skills.ttl")]
    assert report["warnings"] == []
    text = (home / "frameworks" / "soft-skills.ttl").read_text(encoding="utf-8")
    assert 'vann:preferredNamespacePrefix "soft-skills"' in text
    shown = run("frameworks", "show", "soft-skills:listen-actively", "--json").json()
    assert isinstance(shown, dict)
    assert shown["related"] == ["https://example.org/mini/m1.2"]
    assert shown["broader"] == ["soft-skills:listen"]
    # the same framework in another syntax: the same file, nothing new
    again = run("frameworks", "import", DATA / "formats" / "soft.ttl", "--json").json()
    assert isinstance(again, dict)
    assert again["written"] == report["written"]
    assert (home / "frameworks" / "soft-skills.ttl").read_text(encoding="utf-8") == text
    assert len(list((home / "frameworks").iterdir())) == 1
    human = run("frameworks", "import", DATA / "formats" / "soft.nt")
    assert human.out.startswith("Imported 2 concepts (soft-skills: 2) from 1 file(s)")


def test_import_refuses_broken_input_with_exit_2(run: Callable[..., CliResult], home: Path) -> None:
    remote = run("frameworks", "import", DATA / "formats" / "remote-context.jsonld")
    assert remote.code == 2
    assert "https://example.net/remote-context.jsonld" in remote.err
    broken = run("frameworks", "import", DATA / "broken" / "frameworks.ttl", "--json")
    assert broken.code == 2
    assert broken.out == ""
    assert "Nothing imported (5 error(s)):" in broken.err
    assert "frameworks.ttl:9: concept without a skos:prefLabel" in broken.err
    missing = run("frameworks", "import", DATA / "nope.ttl")
    assert missing.code == 2 and "no such file" in missing.err
    yaml_file = run("frameworks", "import", DATA / "mappings" / "mini.yaml")
    assert yaml_file.code == 2 and "not a framework" in yaml_file.err
    assert not (home / "frameworks").exists() or not list((home / "frameworks").iterdir())


def test_export(run: Callable[..., CliResult], tmp_path: Path,
                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("APPRENANCE_FAKE_NOW", "2026-09-15T10:00:00+00:00")
    case = run("frameworks", "export", "--format", "case", "--scheme", "mini")
    assert case.code == 0
    package = json.loads(case.out)
    assert package["CFDocument"]["lastChangeDateTime"] == "2026-09-15T10:00:00+00:00"
    assert len(package["CFItems"]) == 3
    out = tmp_path / "out" / "catalog.ttl"
    written = run("frameworks", "export", "--format", "turtle", "--out", out, "--json")
    assert written.code == 0
    assert written.json() == {"format": "turtle", "out": str(out),
                              "bytes": len(out.read_bytes())}
    assert "skos:Concept" in out.read_text(encoding="utf-8")
    wrapped = run("frameworks", "export", "--format", "turtle", "--json").json()
    assert isinstance(wrapped, dict) and "skos:prefLabel" in wrapped["document"]
    jsonld = run("frameworks", "export", "--format", "jsonld")
    assert isinstance(json.loads(jsonld.out)["@context"], dict)
    bad = run("frameworks", "export", "--format", "xml")
    assert bad.code == 2


def test_an_invalid_catalog_is_an_error_with_every_problem(cli: Cli, home: Path,
                                                           tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    (catalog / "mappings").mkdir(parents=True)
    (catalog / "mappings" / "broken.yaml").write_text(
        (DATA / "broken" / "mapping.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("--home", home, "--catalog", catalog, "--lang", "en", "frameworks", "list")
    assert result.code == 2
    assert "[catalog]" in result.err and "pillar weights sum to 0.9" in result.err
    assert "unknown vital function: cuisine" in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize(("lang", "said"), [
    ("fr", ("Erreur [catalog]\u00a0: Le catalogue n'est pas valide (11 erreur(s))\u00a0:",
            "broken.yaml:8: activities.bad-sum.pillars: les poids des piliers font 0.9 au "
            "lieu de 1 (à 0,001 près)",
            "broken.yaml:19: activities.unknown-things.functions: fonction vitale inconnue\u00a0: "
            "cuisine")),
    ("en", ("Error [catalog]: The catalog is not valid (11 error(s)):",
            "broken.yaml:8: activities.bad-sum.pillars: pillar weights sum to 0.9, not 1 "
            "(within 0.001)",
            "broken.yaml:19: activities.unknown-things.functions: unknown vital function: "
            "cuisine")),
])
def test_an_invalid_catalog_is_told_in_the_language_asked(
        cli: Cli, home: Path, tmp_path: Path, lang: str, said: tuple[str, ...]) -> None:
    """``--lang`` chooses the language of the whole error: its header and each problem,
    which names the file, the line and the field."""
    catalog = tmp_path / "catalog"
    (catalog / "mappings").mkdir(parents=True)
    (catalog / "mappings" / "broken.yaml").write_text(
        (DATA / "broken" / "mapping.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("--home", home, "--catalog", catalog, "--lang", lang, "frameworks", "list")
    assert result.code == 2
    lines = result.err.splitlines()
    assert lines[0] == said[0]
    for line in said[1:]:
        assert any(x.startswith(f"{catalog / 'mappings'}/{line}") for x in lines), line
    other = {"fr": "pillar weights", "en": "les poids des piliers"}[lang]
    assert other not in result.err and "Traceback" not in result.err


def test_help_stays_light() -> None:
    """``apprenance --help`` imports neither rdflib nor the catalog (nor any command module)."""
    code = (
        "import sys\n"
        "from apprenance.cli.main import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('rdflib', 'apprenance.catalog.loader', 'apprenance.cli.catalog_cmds')"
        " if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert "frameworks" in done.stdout
    assert done.stdout.strip().endswith("HEAVY []")


def test_without_lang_the_error_speaks_like_the_commands_from_the_environment(
        cli: Cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``APPRENANCE_LANG`` (what ``--lang`` defaults to) chooses the error's language too;
    ``--lang=en`` is ``--lang en``."""
    catalog = tmp_path / "catalog"
    (catalog / "mappings").mkdir(parents=True)
    (catalog / "mappings" / "broken.yaml").write_text(
        (DATA / "broken" / "mapping.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("APPRENANCE_LANG", "fr")
    french = cli("--home", home, "--catalog", catalog, "frameworks", "list")
    assert french.code == 2 and "les poids des piliers font 0.9" in french.err
    english = cli("--home", home, "--catalog", catalog, "--lang=en", "frameworks", "list")
    assert english.code == 2 and "pillar weights sum to 0.9" in english.err
