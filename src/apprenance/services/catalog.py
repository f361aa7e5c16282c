"""Catalog use cases: the catalog in force (``catalog_in_force``), importing a framework,
checking files, listing, showing and searching concepts, exporting the frameworks. Where the
files are is a ``Sources``, built by the composition root (``bootstrap.App.catalog_sources``)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from apprenance.catalog.assemble import assemble
from apprenance.catalog.checks import check_frameworks
from apprenance.catalog.framework_data import FrameworkData, RawScheme, file_sha256, to_turtle
from apprenance.catalog.loader import (
    build_catalog,
    input_files,
    load_catalog,
    load_frameworks,
    store_in_cache,
)
from apprenance.catalog.problems import Problem, errors_of, raise_if_errors
from apprenance.catalog.validate import read_frameworks, sort_inputs, validate_paths
from apprenance.clock import Clock
from apprenance.domain.catalog import Catalog, Concept, Scheme
from apprenance.domain.roles import fold
from apprenance.errors import CatalogError, InputError, NotFound, UnknownFormat, UnreadableInput

_MEMO: dict[tuple[Any, ...], Catalog] = {}


@dataclass(frozen=True)
class Sources:
    """Where the catalog comes from: the frameworks folders (the bundled or ``--catalog``
    ones, then those imported into the home folder), the mappings, the badges; the parse cache
    lives in the home folder, created private (as ``init`` would) when first used."""

    frameworks_dirs: list[Path]
    mappings_dir: Path
    badges_dir: Path
    home: Path

    @property
    def cache_dir(self) -> Path:
        return self.home / "cache"


def _ready(src: Sources) -> Sources:
    """``src``, its home folder created (private) when it does not exist yet."""
    if not src.home.exists():
        src.home.mkdir(mode=0o700, parents=True, exist_ok=True)
    return src


def catalog_in_force(src: Sources) -> Catalog:
    """The catalog read from ``src``; raises ``CatalogError`` listing every error.

    Loaded once per process while its files stay unchanged."""
    _ready(src)
    files = input_files(src.frameworks_dirs, src.mappings_dir, src.badges_dir)
    key = (tuple(src.frameworks_dirs), src.mappings_dir, src.badges_dir,
           tuple((str(p), *_stamp(p)) for p in files))
    catalog = _MEMO.get(key)
    if catalog is None:
        catalog = load_catalog(frameworks_dirs=src.frameworks_dirs, mappings_dir=src.mappings_dir,
                               badges_dir=src.badges_dir, cache_dir=src.cache_dir)
        _MEMO.clear()
        _MEMO[key] = catalog
    return catalog


def _stamp(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_mtime_ns, info.st_size


def _base_catalog(src: Sources) -> Catalog:
    """The catalog in force, even when some of its files are invalid (what could be read)."""
    try:
        return catalog_in_force(src)
    except CatalogError:
        _ready(src)
        catalog, _ = build_catalog(frameworks_dirs=src.frameworks_dirs,
                                   mappings_dir=src.mappings_dir, badges_dir=src.badges_dir,
                                   cache_dir=src.cache_dir)
        return catalog


# --- import ---------------------------------------------------------------------------------


@dataclass
class ImportReport:
    files: list[str]
    written: list[str]
    schemes: list[dict[str, Any]]
    concepts: int
    stats: dict[str, int] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"concepts": self.concepts, "schemes": self.schemes, "files": self.files,
                "written": self.written, **self.stats,
                "warnings": [w.to_dict(lang) for w in self.warnings]}


def import_frameworks(src: Sources, files: list[Path], *, lang: str) -> ImportReport:
    """Import SKOS files (or ESCO's CSV export, read as one framework) into the home folder,
    as Turtle, so that every later load includes them. Importing again is harmless.

    Raises ``CatalogError`` (nothing written) when a file has an error."""
    for path in files:
        if not path.exists():
            raise UnreadableInput(f"{path}: no such file")
    inputs = sort_inputs(files)
    if inputs.problems:
        raise UnknownFormat("\n".join(p.message() for p in inputs.problems))
    if inputs.yaml:
        raise UnknownFormat(f"{inputs.yaml[0]}: a YAML file is not a framework; mappings and "
                            "badges go in the catalog folder (--catalog)")
    frameworks, problems = read_frameworks(inputs)
    if problems:  # a file could not be parsed: say why, with its line
        raise InputError("\n".join(p.message() for p in problems))
    base = load_frameworks(_ready(src).frameworks_dirs, src.cache_dir)
    known_schemes = {s.uri for d in base.frameworks for s in d.schemes}
    known_concepts = {c.uri for d in base.frameworks for c in d.concepts}
    problems = check_frameworks(frameworks, known_schemes=known_schemes,
                                known_concepts=known_concepts)
    raise_if_errors(problems, lang=lang, header="catalog.import.invalid")
    for data in frameworks:
        if not data.schemes:
            raise InputError(f"{data.file}: no skos:ConceptScheme: nothing to import")
    parts = assemble([*base.frameworks, *frameworks], base.declared)
    target_dir = src.home / "frameworks"
    target_dir.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    schemes: list[dict[str, Any]] = []
    for data in frameworks:
        recorded = replace(data, schemes=[_with_prefix(s, data, parts.curies, parts.prefixes)
                                          for s in data.schemes])
        target = target_dir / f"{parts.scheme_keys[data.schemes[0].uri]}.ttl"
        if target.resolve().parent != target_dir.resolve():  # a key is a plain name: never
            raise InputError(f"{data.file}: refusing to write outside {target_dir}: {target}")
        text, lines, declared = to_turtle(recorded, parts.prefixes)
        _write_atomically(target, text)
        written.append(str(target))
        stored = FrameworkData(
            file=str(target), sha256=file_sha256(target), fmt="turtle",
            schemes=[replace(s, line=lines.get(s.uri)) for s in recorded.schemes],
            concepts=[replace(c, line=lines.get(c.uri), file="") for c in recorded.concepts],
            bindings=declared, stats=data.stats,
        )
        store_in_cache(src.cache_dir, stored)  # the next load need not parse it with rdflib
        for scheme in data.schemes:
            members = sum(1 for c in data.concepts if scheme.uri in c.schemes)
            schemes.append({"prefix": parts.scheme_keys[scheme.uri], "uri": scheme.uri,
                            "title": scheme.title, "concepts": members})
    stats: dict[str, int] = {}
    for data in frameworks:
        for name, value in data.stats.items():
            stats[name] = stats.get(name, 0) + value
    return ImportReport(
        files=[str(p) for p in [*inputs.esco, *inputs.rdf]],
        written=written,
        schemes=schemes,
        concepts=sum(len(d.concepts) for d in frameworks),
        stats=stats,
        warnings=problems,
    )


def _with_prefix(
    scheme: RawScheme, data: FrameworkData, curies: dict[str, str], prefixes: dict[str, str]
) -> RawScheme:
    """``scheme`` recording the prefix of its concepts (``vann:preferredNamespacePrefix``)."""
    if scheme.prefix:
        return scheme
    used = [curies[c.uri].split(":", 1)[0] for c in data.concepts
            if scheme.uri in c.schemes and c.uri in curies]
    if not used:
        return scheme
    prefix = max(set(used), key=used.count)
    return replace(scheme, prefix=prefix, namespace=prefixes.get(prefix, ""))


def _write_atomically(target: Path, text: str) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, target)


# --- validate, list, show, search, export -----------------------------------------------------


@dataclass
class ValidationReport:
    files: int
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return errors_of(self.problems)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"files": self.files, "errors": len(self.errors),
                "warnings": len(self.problems) - len(self.errors),
                "problems": [p.to_dict(lang) for p in self.problems]}


def validate_files(src: Sources, files: list[Path]) -> ValidationReport:
    """Check ``files`` (frameworks, ESCO CSV, prefixes, mappings, badges) against the catalog
    in force; with no file, check the catalog in force itself."""
    if not files:
        _ready(src)
        _, problems = build_catalog(frameworks_dirs=src.frameworks_dirs,
                                    mappings_dir=src.mappings_dir, badges_dir=src.badges_dir,
                                    cache_dir=src.cache_dir)
        count = len(input_files(src.frameworks_dirs, src.mappings_dir, src.badges_dir))
        return ValidationReport(count, problems)
    count, problems = validate_paths(files, base=_base_catalog(src))
    return ValidationReport(count, problems)


def list_schemes(catalog: Catalog) -> list[tuple[Scheme, int]]:
    """Every scheme with its number of concepts."""
    counts: dict[str, int] = {}
    for concept in catalog.concepts.values():
        counts[concept.scheme] = counts.get(concept.scheme, 0) + 1
    return [(scheme, counts.get(key, 0)) for key, scheme in sorted(catalog.schemes.items())]


@dataclass
class ConceptView:
    concept: Concept
    scheme: Scheme | None
    broader: list[Concept]
    narrower: list[Concept]
    related: list[str]  # curies when the catalog knows the concept, else URIs
    activities: list[str]  # activity types mapped to it
    badges: list[str]  # badges aligned to it


def find_concept(catalog: Catalog, ref: str) -> Concept:
    concept = catalog.concepts.get(ref) or catalog.concept_by_uri(ref)
    if concept is None:
        concept = next((c for c in catalog.concepts.values() if c.uri == ref), None)
    if concept is None:
        raise NotFound(f"no concept {ref} in the catalog", details={"ref": ref})
    return concept


def show_concept(catalog: Catalog, ref: str) -> ConceptView:
    """The concept named ``ref`` (curie or URI), its neighbours and what uses it."""
    concept = find_concept(catalog, ref)
    return ConceptView(
        concept=concept,
        scheme=catalog.schemes.get(concept.scheme),
        broader=[catalog.concepts[b] for b in concept.broader if b in catalog.concepts],
        narrower=[c for c in catalog.concepts.values() if concept.curie in c.broader],
        related=[known.curie if (known := catalog.concept_by_uri(uri)) else uri
                 for uri in concept.related],
        activities=[a.id for a in catalog.activity_types.values()
                    if concept.curie in a.competences],
        badges=[b.id for b in catalog.badges.values() if concept.curie in b.alignments],
    )


def search_concepts(catalog: Catalog, text: str, *, limit: int = 50) -> list[Concept]:
    """Concepts whose notation, label or definition (French or English) contains every word of
    ``text``, ignoring case and accents; best matches (notation, then label) first."""
    words = fold(text).split()
    if not words:
        return []
    scored: list[tuple[int, str, Concept]] = []
    for concept in catalog.concepts.values():
        labels = fold(" ".join(concept.label.values()))
        notation = fold(f"{concept.curie} {concept.notation}")
        if all(w in labels or w in notation for w in words):
            query = " ".join(words)
            exact = query in (fold(v) for v in concept.label.values()) or query == fold(
                concept.notation)
            scored.append((0 if exact else 1, concept.curie, concept))
        elif all(w in labels or w in notation or w in fold(" ".join(concept.definition.values()))
                 for w in words):
            scored.append((2, concept.curie, concept))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [concept for _, _, concept in scored[:limit]]


def export_catalog(
    src: Sources, fmt: str, *, lang: str, clock: Clock, scheme: str | None = None
) -> str:
    """The frameworks as ``case`` (CASE 1.0 JSON), ``jsonld`` or ``turtle`` text."""
    from apprenance.catalog.export import FORMATS, case_packages

    if fmt not in FORMATS:
        raise UnknownFormat(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    catalog = catalog_in_force(src)
    if scheme is not None and scheme not in catalog.schemes:
        raise NotFound(f"no scheme {scheme!r} in the catalog (one of "
                       f"{', '.join(sorted(catalog.schemes))})")
    frameworks = load_frameworks(_ready(src).frameworks_dirs, src.cache_dir).frameworks
    if fmt == "case":
        document = case_packages(catalog, frameworks, lang=lang, now=clock(), scheme=scheme)
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    from apprenance.catalog.frameworks import serialize

    if scheme is not None:
        uri = catalog.schemes[scheme].uri
        frameworks = [
            replace(d, schemes=[s for s in d.schemes if s.uri == uri],
                    concepts=[c for c in d.concepts if uri in c.schemes])
            for d in frameworks
        ]
    return serialize(frameworks, catalog.prefixes, "json-ld" if fmt == "jsonld" else "turtle")
