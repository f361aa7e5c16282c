"""Loading the whole catalog from its folders: frameworks (with ``prefixes.yaml``), the activity
mapping and the badges, checked together.

Each framework file, once parsed, is cached as JSON in ``cache_dir`` under the sha256 of its
bytes, so rdflib reads a framework again only when it changed."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from apprenance.catalog.assemble import assemble
from apprenance.catalog.badges import order_badges, read_badge
from apprenance.catalog.checks import check_frameworks
from apprenance.catalog.framework_data import RDF_FORMATS, FrameworkData, file_sha256
from apprenance.catalog.mapping import merge_mappings, read_mapping
from apprenance.catalog.problems import (
    Problem,
    in_reading_order,
    line_at,
    raise_if_errors,
    read_yaml_doc,
)
from apprenance.contracts.catalog import PrefixesFile
from apprenance.domain.catalog import Catalog
from apprenance.errors import InputError

CACHE_FORMAT = "apprenance-framework-cache/1"
PREFIXES_FILE = "prefixes.yaml"
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class FrameworkSet:
    frameworks: list[FrameworkData] = field(default_factory=list)
    declared: dict[str, str] = field(default_factory=dict)  # prefixes.yaml
    hashes: list[str] = field(default_factory=list)  # "kind/name sha256" of every file read
    problems: list[Problem] = field(default_factory=list)


def framework_files(dirs: list[Path]) -> list[Path]:
    """The SKOS files of ``dirs`` (not recursive), in order: folder by folder, by name."""
    files: list[Path] = []
    for folder in dirs:
        if folder.is_dir():
            files += sorted(p for p in folder.iterdir()
                            if p.is_file() and p.suffix.lower() in RDF_FORMATS)
    return files


def yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in YAML_SUFFIXES)


def input_files(frameworks_dirs: list[Path], mappings_dir: Path, badges_dir: Path) -> list[Path]:
    """Every file a catalog load reads (to tell cheaply whether anything changed)."""
    files = framework_files(frameworks_dirs)
    files += [d / PREFIXES_FILE for d in frameworks_dirs if (d / PREFIXES_FILE).is_file()]
    files += yaml_files(mappings_dir)
    if badges_dir.is_dir():
        files += sorted(p for p in badges_dir.rglob("*") if p.is_file())
    return files


def read_prefixes(path: Path) -> tuple[dict[str, str], list[Problem]]:
    try:
        doc = read_yaml_doc(path)
        return PrefixesFile.model_validate(doc.data).prefixes, []
    except InputError as exc:
        return {}, [Problem("unreadable", str(path), params={"reason": exc.message})]
    except ValidationError as exc:
        return {}, [
            Problem("invalid-field", str(path), line_at(doc, tuple(map(str, e["loc"]))),
                    key=".".join(map(str, e["loc"])), params={"reason": e["msg"]})
            for e in exc.errors()
        ]


def read_framework(path: Path, cache_dir: Path | None) -> FrameworkData:
    """One framework file, from the cache when its bytes are unchanged. Raises InputError."""
    sha = file_sha256(path)
    cached = _cache_path(cache_dir, sha)
    if cached is not None and cached.is_file():
        try:
            doc = json.loads(cached.read_text(encoding="utf-8"))
            if doc.get("format") == CACHE_FORMAT:
                data = FrameworkData.from_json(doc["data"])
                data.file = str(path)
                return data
        except (OSError, ValueError, KeyError, TypeError):
            pass  # a damaged cache entry is parsed again and rewritten
    from apprenance.catalog.frameworks import parse_rdf

    data = parse_rdf(path)
    store_in_cache(cache_dir, data)
    return data


def _cache_path(cache_dir: Path | None, sha: str) -> Path | None:
    return None if cache_dir is None else cache_dir / "frameworks" / f"{sha}.json"


def store_in_cache(cache_dir: Path | None, data: FrameworkData) -> None:
    """Write ``data`` as the cache entry of the file whose sha256 is ``data.sha256``."""
    target = _cache_path(cache_dir, data.sha256)
    if target is None:
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"format": CACHE_FORMAT, "data": data.to_json()}, ensure_ascii=False)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except OSError:
        pass  # no cache (read-only folder): still correct, only slower


def load_frameworks(dirs: list[Path], cache_dir: Path | None) -> FrameworkSet:
    out = FrameworkSet()
    for folder in dirs:
        prefixes_file = folder / PREFIXES_FILE
        if prefixes_file.is_file():
            declared, problems = read_prefixes(prefixes_file)
            out.problems += problems
            for prefix, ns in declared.items():
                out.declared.setdefault(prefix, ns)
            out.hashes.append(f"frameworks/{PREFIXES_FILE} {file_sha256(prefixes_file)}")
    for path in framework_files(dirs):
        try:
            data = read_framework(path, cache_dir)
        except InputError as exc:
            out.problems.append(Problem("unreadable", str(path), params={"reason": exc.message}))
            continue
        out.frameworks.append(data)
        out.hashes.append(f"frameworks/{path.name} {data.sha256}")
    return out


def build_catalog(
    *, frameworks_dirs: list[Path], mappings_dir: Path, badges_dir: Path, cache_dir: Path | None
) -> tuple[Catalog, list[Problem]]:
    """The catalog and every problem found on the way (errors and warnings); never raises for
    what the files say."""
    enabled = gc.isenabled()
    gc.disable()  # tens of thousands of small objects, none cyclic: collecting is wasted work
    try:
        return _build(frameworks_dirs, mappings_dir, badges_dir, cache_dir)
    finally:
        if enabled:
            gc.enable()


def _build(
    frameworks_dirs: list[Path], mappings_dir: Path, badges_dir: Path, cache_dir: Path | None
) -> tuple[Catalog, list[Problem]]:
    fset = load_frameworks(frameworks_dirs, cache_dir)
    problems = list(fset.problems)
    problems += check_frameworks(fset.frameworks)
    parts = assemble(fset.frameworks, fset.declared)
    hashes = list(fset.hashes)
    reads = [read_mapping(path, concepts=parts.concepts) for path in yaml_files(mappings_dir)]
    for read in reads:
        problems += read.problems
        hashes.append(f"mappings/{read.path.name} {file_sha256(read.path)}")
    activities, more = merge_mappings(reads)
    problems += more
    declared = {a for read in reads for a in read.declared}  # a wrong entry: one error, not two
    badge_reads = [read_badge(path, concepts=parts.concepts, activities=declared)
                   for path in yaml_files(badges_dir)]
    images: set[str] = set()
    for badge_read in badge_reads:
        problems += badge_read.problems
        hashes.append(f"badges/{badge_read.path.name} {file_sha256(badge_read.path)}")
        if badge_read.badge is not None and badge_read.badge.image:
            images.add(badge_read.badge.image)
            images.update(badge_read.badge.images.values())
    badges, more = order_badges(badge_reads)
    problems += more
    for image in sorted(images):
        if Path(image).is_file():
            hashes.append(f"badges/images/{Path(image).name} {file_sha256(Path(image))}")
    catalog = Catalog(
        version=hashlib.sha256("\n".join(sorted(hashes)).encode()).hexdigest(),
        schemes=parts.schemes,
        prefixes=parts.prefixes,
        concepts=parts.concepts,
        activity_types=activities,
        badges=badges,
        mapping_version="+".join(dict.fromkeys(r.version for r in reads if r.version)),
    )
    return catalog, in_reading_order(problems)


def load_catalog(
    *, frameworks_dirs: list[Path], mappings_dir: Path, badges_dir: Path, cache_dir: Path | None
) -> Catalog:
    """The catalog; raises ``CatalogError`` listing every error when a file is invalid."""
    catalog, problems = build_catalog(frameworks_dirs=frameworks_dirs, mappings_dir=mappings_dir,
                                      badges_dir=badges_dir, cache_dir=cache_dir)
    raise_if_errors(problems)
    return catalog
