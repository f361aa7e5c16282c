"""Checks on frameworks as read from their files: every concept has a label in French and in
English and belongs to a known scheme, notations are unique in a scheme, ``skos:broader``
has no cycle and names known concepts."""

from __future__ import annotations

from collections.abc import Collection

from apprenance.catalog.framework_data import FrameworkData, RawConcept, RawScheme
from apprenance.catalog.problems import Problem
from apprenance.i18n import LANGS


def check_frameworks(
    frameworks: list[FrameworkData],
    *,
    known_schemes: Collection[str] = (),
    known_concepts: Collection[str] = (),
) -> list[Problem]:
    """Every problem of ``frameworks`` (read together); ``known_schemes`` and
    ``known_concepts`` are URIs defined elsewhere (the catalog in force)."""
    problems: list[Problem] = []
    schemes = {s.uri for data in frameworks for s in data.schemes} | set(known_schemes)
    concepts = {c.uri for data in frameworks for c in data.concepts} | set(known_concepts)
    notations: dict[tuple[str, str], str] = {}
    for data in frameworks:
        for scheme in data.schemes:
            for lang in LANGS:
                if not scheme.title.get(lang):
                    problems.append(_at(data, scheme, "scheme-missing-title",
                                        "warning", language=lang))
        for concept in data.concepts:
            problems += _check_concept(data, concept, schemes, concepts)
            if not concept.notation:
                continue
            for scheme_uri in concept.schemes:
                other = notations.setdefault((scheme_uri, concept.notation), concept.uri)
                if other != concept.uri:
                    problems.append(_at(data, concept, "duplicate-notation",
                                        notation=concept.notation, other=other))
    problems += _cycles(frameworks)
    return problems


def _at(
    data: FrameworkData, item: RawConcept | RawScheme, code: str, severity: str = "error",
    **params: object,
) -> Problem:
    file = getattr(item, "file", "") or data.file
    return Problem(code, file, item.line, subject=item.uri, params=params, severity=severity)


def _check_concept(
    data: FrameworkData, concept: RawConcept, schemes: set[str], concepts: set[str]
) -> list[Problem]:
    out: list[Problem] = []
    if not concept.labels:
        out.append(_at(data, concept, "no-label"))
    else:
        for lang in LANGS:
            if not concept.labels.get(lang):
                out.append(_at(data, concept, "missing-label-lang", "warning",
                               language=lang))
    if not concept.schemes:
        out.append(_at(data, concept, "no-scheme"))
    for scheme_uri in concept.schemes:
        if scheme_uri not in schemes:
            out.append(_at(data, concept, "unknown-scheme", scheme=scheme_uri))
    for parent in concept.broader:
        if parent not in concepts:
            out.append(_at(data, concept, "unknown-broader", "warning",
                           parent=parent))
    return out


def _cycles(frameworks: list[FrameworkData]) -> list[Problem]:
    """One problem per cycle of ``skos:broader`` (iterative depth-first search)."""
    parents: dict[str, list[str]] = {}
    where: dict[str, tuple[str, int | None]] = {}
    for data in frameworks:
        for concept in data.concepts:
            parents.setdefault(concept.uri, []).extend(concept.broader)
            where.setdefault(concept.uri, (concept.file or data.file, concept.line))
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    problems: list[Problem] = []
    for start in parents:
        if start in state:
            continue
        path: list[str] = [start]
        stack = [iter(parents.get(start, ()))]
        state[start] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                cycle = path[path.index(nxt):]
                file, line = where[cycle[0]]
                problems.append(Problem("broader-cycle", file, line, subject=cycle[0],
                                        params={"cycle": " → ".join([*cycle, cycle[0]])}))
            elif nxt not in state and nxt in parents:
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(parents[nxt]))
    return problems
