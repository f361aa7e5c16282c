"""ESCO's CSV export (skills and skill groups in one language per file, and the broader
relations) -> one ``FrameworkData``: the ESCO skills scheme, every language side by side.

The files are streamed with the csv module; the language of a file comes from its name
(``skills_fr.csv``, ``el_skills_en-us.csv``), its kind from its header."""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from apprenance.catalog.framework_data import FrameworkData, RawConcept, RawScheme, file_sha256
from apprenance.errors import InputError, UnreadableInput

ESCO_NAMESPACE = "http://data.europa.eu/esco/skill/"
ESCO_SKILLS_SCHEME = "http://data.europa.eu/esco/concept-scheme/skills"
ESCO_PREFIX = "esco"

_CONCEPT_COLUMNS = {"conceptType", "conceptUri", "preferredLabel"}
_BROADER_COLUMNS = {"conceptUri", "broaderUri"}
_LANG = re.compile(r"_([a-z]{2,3})(?:-[a-z]{2,4})?$", re.IGNORECASE)
_VERSION = re.compile(r"^v\d+(?:\.\d+)*$")


def csv_kind(path: Path) -> str | None:
    """``"concepts"`` or ``"broader"`` when ``path`` looks like an ESCO CSV file, else None."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            header = next(csv.reader(fh), [])
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    columns = set(header)
    if columns >= _BROADER_COLUMNS:
        return "broader"
    if columns >= _CONCEPT_COLUMNS:
        return "concepts"
    return None


def _lang_of(path: Path) -> str:
    match = _LANG.search(path.stem)
    if match is None:
        raise InputError(
            f"{path}: cannot tell the language of this ESCO file from its name "
            "(expected a name ending in _<lang>.csv, such as skills_fr.csv)"
        )
    return match.group(1).lower()


def _rows(path: Path) -> Iterable[tuple[int, dict[str, str]]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            for row in reader:
                yield reader.line_num, row
    except FileNotFoundError:
        raise UnreadableInput(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise UnreadableInput(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except csv.Error as exc:
        raise InputError(f"{path}: invalid CSV: {exc}") from None


def read_esco_csv(paths: list[Path]) -> FrameworkData:
    """Read the ESCO CSV files ``paths`` (any order) as one framework."""
    concepts: dict[str, RawConcept] = {}
    kinds: dict[str, str] = {}  # uri -> ESCO conceptType
    broader_files: list[Path] = []
    for path in sorted(paths):
        kind = csv_kind(path)
        if kind is None:
            raise InputError(f"{path}: not an ESCO CSV export (no conceptUri/preferredLabel "
                             "or conceptUri/broaderUri columns)")
        if kind == "broader":
            broader_files.append(path)
            continue
        lang = _lang_of(path)
        for line, row in _rows(path):
            uri = (row.get("conceptUri") or "").strip()
            if not uri:
                continue
            concept = concepts.get(uri)
            if concept is None:
                local = uri[len(ESCO_NAMESPACE):] if uri.startswith(ESCO_NAMESPACE) else ""
                concept = RawConcept(uri=uri, notation=local, schemes=[ESCO_SKILLS_SCHEME],
                                     line=line, file=str(path))
                concepts[uri] = concept
                kinds[uri] = row.get("conceptType") or ""
            label = (row.get("preferredLabel") or "").strip()
            if label:
                concept.labels.setdefault(lang, label)
            description = (row.get("description") or "").strip()
            if description:
                concept.definitions.setdefault(lang, description)
    links = 0
    for path in broader_files:
        for _, row in _rows(path):
            child = concepts.get((row.get("conceptUri") or "").strip())
            parent = (row.get("broaderUri") or "").strip()
            if child is not None and parent and parent not in child.broader:
                child.broader.append(parent)
                links += 1
    ordered = sorted(concepts.values(), key=lambda c: c.uri)
    for concept in ordered:
        concept.broader.sort()
    skills = sum(1 for uri in concepts if kinds[uri] != "SkillGroup")
    versions = {p.parent.name for p in paths if _VERSION.match(p.parent.name)}
    scheme = RawScheme(
        uri=ESCO_SKILLS_SCHEME,
        title={"fr": "ESCO : aptitudes et compétences", "en": "ESCO: skills and competences"},
        description={
            "fr": "Les aptitudes, compétences et savoirs de la classification européenne ESCO, "
            "importés de son export CSV.",
            "en": "The skills, competences and knowledge concepts of the European ESCO "
            "classification, imported from its CSV export.",
        },
        source="ESCO – European Skills, Competences, Qualifications and Occupations, European "
        "Commission (https://esco.ec.europa.eu/). This service uses the ESCO classification "
        "of the European Commission.",
        version=sorted(versions)[0] if len(versions) == 1 else "",
        notation=ESCO_PREFIX,
        prefix=ESCO_PREFIX,
        namespace=ESCO_NAMESPACE,
    )
    return FrameworkData(
        file=_common_folder(paths),
        sha256=_combined_sha256(paths),
        fmt="esco-csv",
        schemes=[scheme],
        concepts=ordered,
        bindings={ESCO_PREFIX: ESCO_NAMESPACE},
        stats={"skills": skills, "skill_groups": len(concepts) - skills, "broader_links": links},
    )


def _common_folder(paths: list[Path]) -> str:
    folders = {str(p.parent) for p in paths}
    return folders.pop() if len(folders) == 1 else ", ".join(str(p) for p in sorted(paths))


def _combined_sha256(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(file_sha256(path).encode())
    return digest.hexdigest()
