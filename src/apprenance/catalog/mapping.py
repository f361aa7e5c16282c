"""The activity mapping (``frameworks/mappings/*.yaml``) -> ``ActivityType``s, with a problem,
located at its file and line, for every entry that names something unknown or weighs wrong."""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from apprenance.catalog.problems import Problem, YamlDoc, line_at, read_yaml_doc, split_source
from apprenance.contracts.catalog import ID_PATTERN, ActivityIn, MappingFile
from apprenance.domain.catalog import FUNCTIONS, PILLARS, ActivityType
from apprenance.errors import InputError
from apprenance.i18n import LANGS

WEIGHT_TOLERANCE = 0.001


@dataclass
class MappingRead:
    path: Path
    version: str = ""
    activities: list[ActivityType] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    declared: list[str] = field(default_factory=list)  # every id, read or not (no cascades)


def is_mapping_doc(data: Any) -> bool:
    return isinstance(data, dict) and "activities" in data


def read_mapping(path: Path, *, concepts: Container[str]) -> MappingRead:
    """Read one mapping file; ``concepts`` holds the curies the competences may name."""
    out = MappingRead(path)
    try:
        doc = read_yaml_doc(path)
    except InputError as exc:
        out.problems.append(Problem("unreadable", str(path), params={"reason": exc.message}))
        return out
    return read_mapping_doc(doc, concepts=concepts)


def read_mapping_doc(doc: YamlDoc, *, concepts: Container[str]) -> MappingRead:
    out = MappingRead(doc.path)
    file = str(doc.path)
    for parent, key, line, first in doc.duplicates:
        code = "duplicate-activity" if parent == ("activities",) else "duplicate-key"
        out.problems.append(Problem(code, file, line, subject=key, key=".".join(parent),
                                    params={"name": key, "first": f"{file}:{first}"}))
    try:
        header = MappingFile.model_validate(doc.data)
    except ValidationError as exc:
        out.problems += _field_problems(doc, exc, ())
        return out
    out.version = header.version
    out.declared = [str(key) for key in header.activities]
    for activity_id, raw in header.activities.items():
        where = ("activities", activity_id)
        entry_line = line_at(doc, where)
        if not _is_id(activity_id):
            out.problems.append(Problem("bad-id", file, entry_line, subject=activity_id,
                                        params={"id": activity_id}))
            continue
        try:
            entry = ActivityIn.model_validate(raw)
        except ValidationError as exc:
            out.problems += _field_problems(doc, exc, where)
            continue
        problems = _check_entry(doc, activity_id, entry, concepts)
        out.problems += problems
        if any(p.is_error for p in problems):
            continue
        out.activities.append(
            ActivityType(
                id=activity_id,
                label=dict(entry.label),
                pillars=dict(entry.pillars),
                competences=dict(entry.competences),
                functions=tuple(entry.functions),
                keywords={lang: tuple(words) for lang, words in entry.keywords.items()},
                description=dict(entry.description),
                source=f"{file}:{entry_line}" if entry_line else file,
            )
        )
    return out


def _is_id(value: str) -> bool:
    return re.match(ID_PATTERN, value) is not None


def _field_problems(doc: YamlDoc, exc: ValidationError, at: tuple[str, ...]) -> list[Problem]:
    out = []
    for err in exc.errors():
        loc = (*at, *(str(p) for p in err["loc"]))
        out.append(Problem("invalid-field", str(doc.path), line_at(doc, loc), key=".".join(loc),
                           params={"reason": err["msg"]}))
    return out


def check_texts(
    doc: YamlDoc, at: tuple[str | int, ...], value: dict[str, str]
) -> list[Problem]:
    """A problem for each of French and English missing from a ``{fr:, en:}`` text."""
    return [
        Problem("missing-text", str(doc.path), line_at(doc, at), key=".".join(map(str, at)),
                params={"language": lang})
        for lang in LANGS
        if not (value.get(lang) or "").strip()
    ]


def check_concepts(
    doc: YamlDoc, at: tuple[str | int, ...], refs: Iterable[str], concepts: Container[str]
) -> list[Problem]:
    """A problem for each reference in ``refs`` that names no known concept."""
    return [
        Problem("unknown-concept", str(doc.path), line_at(doc, (*at, ref)) or line_at(doc, at),
                key=".".join(map(str, at)), params={"ref": ref})
        for ref in refs
        if ref not in concepts
    ]


def _check_entry(
    doc: YamlDoc, activity_id: str, entry: ActivityIn, concepts: Container[str]
) -> list[Problem]:
    at = ("activities", activity_id)
    file = str(doc.path)
    problems = check_texts(doc, (*at, "label"), entry.label)
    for pillar, weight in entry.pillars.items():
        where = line_at(doc, (*at, "pillars", pillar))
        if pillar not in PILLARS:
            problems.append(Problem("unknown-pillar", file, where, key=".".join((*at, "pillars")),
                                    params={"pillar": pillar, "known": ", ".join(PILLARS)}))
        elif not 0 < weight <= 1:
            problems.append(Problem("weight-range", file, where, key=".".join((*at, "pillars")),
                                    params={"ref": pillar, "weight": weight}))
    total = sum(entry.pillars.values())
    if abs(total - 1) > WEIGHT_TOLERANCE:
        problems.append(Problem("pillar-sum", file, line_at(doc, (*at, "pillars")),
                                key=".".join((*at, "pillars")),
                                params={"total": round(total, 6)}))
    problems += check_concepts(doc, (*at, "competences"), entry.competences, concepts)
    for ref, weight in entry.competences.items():
        if not 0 < weight <= 1:
            problems.append(Problem("weight-range", file, line_at(doc, (*at, "competences", ref)),
                                    key=".".join((*at, "competences")),
                                    params={"ref": ref, "weight": weight}))
    for i, function in enumerate(entry.functions):
        if function not in FUNCTIONS:
            problems.append(Problem("unknown-function", file, line_at(doc, (*at, "functions", i)),
                                    key=".".join((*at, "functions")),
                                    params={"function": function, "known": ", ".join(FUNCTIONS)}))
    return problems


def merge_mappings(reads: list[MappingRead]) -> tuple[dict[str, ActivityType], list[Problem]]:
    """Every activity type of every file; an id defined twice is a problem."""
    activities: dict[str, ActivityType] = {}
    problems: list[Problem] = []
    for read in reads:
        for activity in read.activities:
            if activity.id in activities:
                file, line = split_source(activity.source)
                problems.append(Problem("duplicate-activity", file, line, subject=activity.id,
                                        params={"name": activity.id,
                                                "first": activities[activity.id].source}))
                continue
            activities[activity.id] = activity
    return activities, problems
