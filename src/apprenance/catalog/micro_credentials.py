"""The ``micro_credential:`` block of a badge or pathway file -> ``MicroCredential``, with a
located problem for each text missing a language and each concept the catalog does not know,
and a warning for each Annex I element a credit-bearing badge does not declare."""

from __future__ import annotations

from collections.abc import Container

from apprenance.catalog.mapping import check_concepts, check_texts
from apprenance.catalog.problems import Problem, YamlDoc, line_at
from apprenance.contracts.catalog import MicroCredentialIn
from apprenance.domain.catalog import Badge
from apprenance.domain.micro_credential import (
    LearningOutcome,
    MicroCredential,
    missing_elements,
)

BLOCK = "micro_credential"


def read_micro_credential(
    doc: YamlDoc, entry: MicroCredentialIn, concepts: Container[str]
) -> tuple[MicroCredential, list[Problem]]:
    problems: list[Problem] = []
    outcomes = []
    for i, outcome in enumerate(entry.learning_outcomes):
        at = (BLOCK, "learning_outcomes", i)
        problems += check_texts(doc, (*at, "text"), outcome.text)
        problems += check_concepts(doc, (*at, "alignments"), outcome.alignments, concepts)
        outcomes.append(LearningOutcome(dict(outcome.text), tuple(outcome.alignments)))
    for name in ("assessment", "quality_assurance", "prerequisites"):
        value = getattr(entry, name)
        if value:
            problems += check_texts(doc, (BLOCK, name), value)
    micro = MicroCredential(
        learning_outcomes=tuple(outcomes),
        eqf_level=entry.eqf_level,
        nqf_level=entry.nqf_level,
        assessment=dict(entry.assessment),
        participation=entry.participation,
        quality_assurance=dict(entry.quality_assurance),
        prerequisites=dict(entry.prerequisites),
        volume_hours=entry.volume_hours,
    )
    return micro, problems


def missing_problems(doc: YamlDoc, badge: Badge) -> list[Problem]:
    """A warning for each mandatory element a credit-bearing badge lacks."""
    missing = missing_elements(badge)
    if not missing:
        return []
    line = line_at(doc, (BLOCK,) if badge.micro_credential else ("credits",))
    return [
        Problem("micro-credential-missing", str(doc.path), line, subject=badge.id,
                key=f"{BLOCK}.{name}", params={"element": name, "id": badge.id},
                severity="warning")
        for name in missing
    ]
