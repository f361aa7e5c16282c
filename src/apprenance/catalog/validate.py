"""Checking files before they join the catalog: SKOS frameworks (any RDF syntax), ESCO CSV
exports, ``prefixes.yaml``, activity mappings and badge definitions, each problem with where
it is. Concepts, activity types and badges may be named from the catalog in force or from
any of the files checked together."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from apprenance.catalog.assemble import assemble
from apprenance.catalog.badges import BadgeRead, is_badge_doc, order_badges, read_badge_doc
from apprenance.catalog.checks import check_frameworks
from apprenance.catalog.esco_csv import csv_kind, read_esco_csv
from apprenance.catalog.framework_data import FrameworkData
from apprenance.catalog.loader import PREFIXES_FILE, YAML_SUFFIXES, read_prefixes
from apprenance.catalog.mapping import (
    MappingRead,
    is_mapping_doc,
    merge_mappings,
    read_mapping_doc,
)
from apprenance.catalog.problems import Problem, YamlDoc, in_reading_order, read_yaml_doc
from apprenance.domain.catalog import Catalog
from apprenance.errors import InputError


@dataclass
class Inputs:
    """Files sorted by kind."""

    rdf: list[Path] = field(default_factory=list)
    esco: list[Path] = field(default_factory=list)
    yaml: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.rdf) + len(self.esco) + len(self.yaml) + len(
            {p.file for p in self.problems})


def sort_inputs(paths: list[Path]) -> Inputs:
    """Each file by kind; a folder stands for the files it holds (not its subfolders)."""
    out = Inputs()
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.is_file())
        else:
            files.append(path)
    for path in files:
        if not path.exists():
            out.problems.append(Problem("unreadable", str(path),
                                        params={"reason": f"{path}: no such file"}))
        elif path.suffix.lower() in YAML_SUFFIXES:
            out.yaml.append(path)
        elif path.suffix.lower() == ".csv":
            if csv_kind(path) is None:
                out.problems.append(Problem("unreadable", str(path), params={
                    "reason": f"{path}: a CSV file that is not an ESCO export"}))
            else:
                out.esco.append(path)
        else:
            out.rdf.append(path)
    return out


def read_frameworks(inputs: Inputs) -> tuple[list[FrameworkData], list[Problem]]:
    """Parse the framework files of ``inputs`` (the ESCO CSV files as one framework)."""
    from apprenance.catalog.frameworks import parse_rdf  # rdflib: only when a file is parsed

    frameworks: list[FrameworkData] = []
    problems: list[Problem] = []
    if inputs.esco:
        try:
            frameworks.append(read_esco_csv(inputs.esco))
        except InputError as exc:
            problems.append(Problem("unreadable", str(inputs.esco[0]),
                                    params={"reason": exc.message}))
    for path in inputs.rdf:
        try:
            frameworks.append(parse_rdf(path))
        except InputError as exc:
            problems.append(Problem("unreadable", str(path), params={"reason": exc.message}))
    return frameworks, problems


def validate_paths(paths: list[Path], *, base: Catalog | None) -> tuple[int, list[Problem]]:
    """How many files were checked, and every problem found in them."""
    inputs = sort_inputs(paths)
    problems = list(inputs.problems)
    frameworks, more = read_frameworks(inputs)
    problems += more
    docs: list[YamlDoc] = []
    declared = dict(base.prefixes) if base else {}
    for path in inputs.yaml:
        try:
            doc = read_yaml_doc(path)
        except InputError as exc:
            problems.append(Problem("unreadable", str(path), params={"reason": exc.message}))
            continue
        if path.name == PREFIXES_FILE or (isinstance(doc.data, dict) and "prefixes" in doc.data):
            prefixes, more = read_prefixes(path)
            problems += more
            declared.update(prefixes)
        else:
            docs.append(doc)
    base_schemes = {s.uri for s in base.schemes.values()} if base else set()
    base_uris = {c.uri for c in base.concepts.values()} if base else set()
    problems += check_frameworks(frameworks, known_schemes=base_schemes,
                                 known_concepts=base_uris)
    concepts = set(base.concepts) if base else set()
    concepts |= set(assemble(frameworks, declared).concepts)
    mapping_reads: list[MappingRead] = []
    badge_docs: list[YamlDoc] = []
    for doc in docs:
        if is_mapping_doc(doc.data):
            mapping_reads.append(read_mapping_doc(doc, concepts=concepts))
        elif is_badge_doc(doc.data):
            badge_docs.append(doc)
        else:
            problems.append(Problem("unknown-kind", str(doc.path)))
    _, more = merge_mappings(mapping_reads)
    problems += [p for read in mapping_reads for p in read.problems] + more
    known_activities = {a for read in mapping_reads for a in read.declared}
    known_activities |= set(base.activity_types) if base else set()
    badge_reads: list[BadgeRead] = [
        read_badge_doc(doc, concepts=concepts,
                       activities=known_activities if (base or mapping_reads) else None)
        for doc in badge_docs
    ]
    problems += [p for read in badge_reads for p in read.problems]
    _, more = order_badges(badge_reads, known=set(base.badges) if base else set(),
                           declared={b.id for b in base.badges.values()
                                     if b.kind == "declared"} if base else set())
    problems += more
    return inputs.count, in_reading_order(problems)
