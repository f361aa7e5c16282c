"""The elements of a micro-credential (EU Council Recommendation 2022/C 243/02, Annex I), as a
badge or pathway of the catalog declares them, and what is derived from the catalog: the
pathways a badge stacks into, the badges a pathway is made of, the elements a credit-bearing
badge lacks.

Annex I, mandatory: identification of the learner, title, country of the issuer, awarding
body, date of issuing, learning outcomes, notional workload (ECTS), level (EQF/NQF) if
applicable, type of assessment, form of participation, type of quality assurance. Optional:
prerequisites, integration/stackability. The learner, the date, the awarding body and its
country come with each award and the issuer; the title is the badge's name, the workload its
``credits``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from apprenance.domain.catalog import Badge, Catalog, Rule

Text = dict[str, str]
Participation = Literal["on-site", "online", "blended"]
NOT_APPLICABLE = "not-applicable"
# the elements a credit-bearing badge must declare (Annex I, mandatory, not derived)
REQUIRED: tuple[str, ...] = (
    "learning_outcomes", "eqf_level", "assessment", "participation", "quality_assurance"
)
OPTIONAL: tuple[str, ...] = ("prerequisites",)


@dataclass(frozen=True)
class LearningOutcome:
    text: Text
    alignments: tuple[str, ...] = ()  # curies (esco:<uuid>, greencomp:2.3 ...)


@dataclass(frozen=True)
class MicroCredential:
    learning_outcomes: tuple[LearningOutcome, ...] = ()
    eqf_level: int | str | None = None  # 1..8, "not-applicable", or not said (None)
    nqf_level: str | None = None
    assessment: Text = field(default_factory=dict)
    participation: Participation | None = None
    quality_assurance: Text = field(default_factory=dict)
    prerequisites: Text = field(default_factory=dict)
    volume_hours: float | None = None  # notional hours of learning

    @property
    def eqf(self) -> int | None:
        """The EQF level when one applies."""
        return self.eqf_level if isinstance(self.eqf_level, int) else None


def is_credit_bearing(badge: Badge) -> bool:
    return bool(badge.credits.get("ects"))


def missing_elements(badge: Badge) -> list[str]:
    """The mandatory elements ``badge`` does not declare (empty for a badge without credits:
    the Recommendation is about credit-bearing learning)."""
    if not is_credit_bearing(badge):
        return []
    mc = badge.micro_credential or MicroCredential()
    values = {
        "learning_outcomes": mc.learning_outcomes,
        "eqf_level": mc.eqf_level,
        "assessment": mc.assessment,
        "participation": mc.participation,
        "quality_assurance": mc.quality_assurance,
    }
    return [name for name in REQUIRED if not values[name]]


def rule_badges(rule: Rule) -> tuple[str, ...]:
    """The badge ids a rule names (``measure: badges``), in order, once each."""
    from apprenance.domain.catalog import Measure

    found: list[str] = []
    stack: list[Rule] = [rule]
    while stack:
        node = stack.pop(0)
        if isinstance(node, Measure):
            found += [i for i in node.ids if node.kind == "badges" and i not in found]
        else:
            stack[0:0] = list(node.items)
    return tuple(found)


def stacks_into(badge_id: str, catalog: Catalog) -> tuple[Badge, ...]:
    """The pathways whose rule names ``badge_id``: what this credential stacks into."""
    return tuple(b for b in catalog.badges.values()
                 if b.kind == "pathway" and b.id != badge_id and badge_id in rule_badges(b.rule))


def made_of(badge: Badge, catalog: Catalog) -> tuple[Badge, ...]:
    """The badges and pathways a pathway's rule names (known to the catalog)."""
    return tuple(catalog.badges[i] for i in rule_badges(badge.rule) if i in catalog.badges)
