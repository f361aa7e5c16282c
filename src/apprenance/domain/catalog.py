"""The catalog as plain data: concepts of the frameworks, activity types of the mapping, badges
and pathways with their rules. Built by ``apprenance.catalog`` from the files; used everywhere.

A concept is named by ``prefix:notation`` (``pilier:faire``, ``greencomp:4.2``,
``esco:<uuid>``); its URI is the prefix's namespace followed by the notation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal, get_args

from apprenance.domain.micro_credential import MicroCredential

PILLARS: tuple[str, ...] = ("connaitre", "faire", "vivre-ensemble", "etre")
FUNCTIONS: tuple[str, ...] = (
    "alimentation",
    "habitat",
    "apprendre",
    "soigner",
    "produire-consommer",
    "epanouir",
)

Text = dict[str, str]  # {"fr": ..., "en": ...}


def text(value: Text, lang: str) -> str:
    """``value`` in ``lang``, else French, else any language."""
    return value.get(lang) or value.get("fr") or next(iter(value.values()), "")


@dataclass(frozen=True)
class Concept:
    """One concept of a framework (SKOS)."""

    curie: str  # prefix:notation
    uri: str
    scheme: str  # the scheme's prefix (pilier, greencomp, esco, ...)
    notation: str
    label: Text
    definition: Text = field(default_factory=dict)
    broader: tuple[str, ...] = ()  # curies
    related: tuple[str, ...] = ()  # uris of matches and related concepts, any scheme


@dataclass(frozen=True)
class Scheme:
    prefix: str
    uri: str
    title: Text
    description: Text = field(default_factory=dict)
    source: str = ""
    version: str = ""


@dataclass(frozen=True)
class ActivityType:
    """How one activity type counts (an entry of the activity mapping)."""

    id: str
    label: Text
    pillars: dict[str, float]  # pillar notation -> weight, summing to 1
    competences: dict[str, float]  # concept curie -> weight in (0, 1]
    functions: tuple[str, ...] = ()  # default vital functions
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lang -> words
    description: Text = field(default_factory=dict)
    source: str = ""  # file:line of the entry


# --- badge rules ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """Which activities a measure looks at; None means any."""

    pillar: str | None = None
    competence: str | None = None  # curie
    function: str | None = None
    project: str | None = None
    territory: str | None = None
    activity: str | None = None
    since: date | None = None
    until: date | None = None


MeasureKind = Literal["hours", "count", "distinct", "attestations", "span_days", "badges"]
MEASURE_KINDS: tuple[MeasureKind, ...] = get_args(MeasureKind)


@dataclass(frozen=True)
class Measure:
    """A leaf of a rule: ``measure`` of the learner's evidence must reach ``min``.

    kinds: hours (weighted), count, distinct (``of``), attestations (``role``), span_days,
    badges (``ids``)."""

    kind: MeasureKind
    min: float
    filters: Filters = field(default_factory=Filters)
    of: str | None = None
    role: str | None = None
    ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class AllOf:
    items: tuple[Rule, ...]


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Rule, ...]


@dataclass(frozen=True)
class AtLeast:
    n: int
    items: tuple[Rule, ...]


Rule = Measure | AllOf | AnyOf | AtLeast

# The rule of a declared badge written without one: no evidence ever meets it (a declared
# badge is issued on the learner's own declaration, never by evaluation).
NO_RULE: Rule = AnyOf(())


@dataclass(frozen=True)
class Badge:
    """A badge or a pathway of the catalog."""

    id: str
    kind: str  # "badge" | "pathway" | "declared" (on the learner's declaration, no rule)
    name: Text
    description: Text
    criteria: Text
    achievement_type: str
    rule: Rule
    alignments: tuple[str, ...] = ()  # curies
    image: str | None = None  # path of the image file, resolved
    valid_for: str | None = None  # ISO 8601 period
    credits: dict[str, float] = field(default_factory=dict)  # {"ects": 1}
    source: str = ""
    micro_credential: MicroCredential | None = None  # Annex I elements (EU 2022)
    # the artwork in another language (lang -> path): ``faire-1.en.svg`` beside ``faire-1.svg``
    images: dict[str, str] = field(default_factory=dict)

    def image_for(self, lang: str) -> str | None:
        """The path of the artwork in ``lang``: its own when it has one, else the default."""
        return self.images.get(lang, self.image)


@dataclass
class Catalog:
    """Everything the engine knows: frameworks, the activity mapping, badges and pathways."""

    version: str  # a hash of every file the catalog was built from
    schemes: dict[str, Scheme]  # prefix -> scheme
    prefixes: dict[str, str]  # prefix -> namespace
    concepts: dict[str, Concept]  # curie -> concept
    activity_types: dict[str, ActivityType]
    badges: dict[str, Badge]  # in evaluation order: badges before the pathways that need them
    mapping_version: str = ""

    def concept_by_uri(self, uri: str) -> Concept | None:
        for prefix, ns in self.prefixes.items():
            if uri.startswith(ns):
                return self.concepts.get(f"{prefix}:{uri[len(ns):]}")
        return None
