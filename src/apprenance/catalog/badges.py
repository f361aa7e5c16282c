"""Badge and pathway definitions (``badges/*.yaml``) -> ``Badge``s with their rule as an AST,
checked (measures, filters, concepts, images, the badges a rule needs) and put in evaluation
order: a badge always comes after every badge its rule needs, pathways after badges."""

from __future__ import annotations

import heapq
from collections.abc import Container
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from apprenance.catalog.mapping import check_concepts, check_texts
from apprenance.catalog.micro_credentials import missing_problems, read_micro_credential
from apprenance.catalog.problems import Problem, YamlDoc, line_at, read_yaml_doc, split_source
from apprenance.contracts.catalog import BadgeIn
from apprenance.credentials.images.image_safety import MAX_IMAGE_BYTES, check_image
from apprenance.domain.catalog import (
    FUNCTIONS,
    MEASURE_KINDS,
    NO_RULE,
    PILLARS,
    AllOf,
    AnyOf,
    AtLeast,
    Badge,
    Filters,
    Measure,
    MeasureKind,
    Rule,
)
from apprenance.domain.roles import ROLES, parse_role
from apprenance.errors import InputError, UnsafeImage
from apprenance.i18n import LANGS

DEFAULT_ART_LANG = "fr"  # the language of a badge's ``image``; others: ``name.{lang}.svg``
MEASURES: tuple[MeasureKind, ...] = MEASURE_KINDS  # what badge files may say
FILTERS: tuple[str, ...] = (
    "pillar", "competence", "function", "project", "territory", "activity", "since", "until"
)
DISTINCT_OF: tuple[str, ...] = ("project", "function", "territory", "activity", "month")
_EXTRA_KEYS: dict[str, tuple[str, ...]] = {
    "distinct": ("of",),
    "attestations": ("role",),
    "badges": ("ids",),
}


@dataclass
class BadgeRead:
    path: Path
    id: str = ""  # as declared, even when the badge could not be read
    badge: Badge | None = None
    needs: list[tuple[str, int | None]] = field(default_factory=list)  # (badge id, line)
    problems: list[Problem] = field(default_factory=list)


def is_badge_doc(data: Any) -> bool:
    return isinstance(data, dict) and "id" in data and (
        "rule" in data or data.get("kind") == "declared")


def read_badge(
    path: Path, *, concepts: Container[str], activities: Container[str] | None = None
) -> BadgeRead:
    """Read one badge file. ``concepts`` holds the known curies, ``activities`` the known
    activity types (None: not checked)."""
    try:
        doc = read_yaml_doc(path)
    except InputError as exc:
        return BadgeRead(path, problems=[Problem("unreadable", str(path),
                                                 params={"reason": exc.message})])
    return read_badge_doc(doc, concepts=concepts, activities=activities)


def read_badge_doc(
    doc: YamlDoc, *, concepts: Container[str], activities: Container[str] | None = None
) -> BadgeRead:
    file = str(doc.path)
    declared = doc.data.get("id") if isinstance(doc.data, dict) else None
    out = BadgeRead(doc.path, id=declared if isinstance(declared, str) else "")
    for parent, key, line, first in doc.duplicates:
        out.problems.append(Problem("duplicate-key", file, line, subject=key,
                                    key=".".join(parent),
                                    params={"name": key, "first": f"{file}:{first}"}))
    try:
        entry = BadgeIn.model_validate(doc.data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(str(p) for p in err["loc"])
            out.problems.append(Problem("invalid-field", file, line_at(doc, loc),
                                        key=".".join(loc), params={"reason": err["msg"]}))
        return out
    for name in ("name", "description", "criteria"):
        out.problems += check_texts(doc, (name,), getattr(entry, name))
    out.problems += check_concepts(doc, ("alignments",), entry.alignments, concepts)
    micro = None
    if entry.micro_credential is not None:
        micro, more = read_micro_credential(doc, entry.micro_credential, concepts)
        out.problems += more
    image = None
    images: dict[str, str] = {}
    if entry.image:
        resolved = (doc.path.parent / entry.image).resolve()
        out.problems += _image_problems(doc, entry.image, resolved)
        image = str(resolved)
        for lang, found in language_artwork(resolved).items():
            written = str(Path(entry.image).with_name(found.name))
            out.problems += _image_problems(doc, written, found)
            images[lang] = str(found)
    rule = _rule_of(doc, entry, concepts, activities, out)
    if rule is None or any(p.is_error for p in out.problems):
        return out
    start = line_at(doc, ())
    out.badge = Badge(
        id=entry.id,
        kind=entry.badge_kind,
        name=dict(entry.name),
        description=dict(entry.description),
        criteria=dict(entry.criteria),
        achievement_type=entry.achievement_type,
        rule=rule,
        alignments=tuple(entry.alignments),
        image=image,
        valid_for=entry.valid_for,
        credits=dict(entry.credits),
        source=f"{file}:{start}" if start else file,
        micro_credential=micro,
        images=images,
    )
    out.problems += missing_problems(doc, out.badge)
    return out


def _rule_of(doc: YamlDoc, entry: BadgeIn, concepts: Container[str],
             activities: Container[str] | None, out: BadgeRead) -> Rule | None:
    """The badge's rule, read; a declared badge needs none (and any it has is never used)."""
    declared = entry.badge_kind == "declared"
    if entry.rule is None:
        if not declared:
            out.problems.append(Problem("rule-missing", str(doc.path), line_at(doc, ()),
                                        subject=entry.id, key="rule",
                                        params={"id": entry.id}))
        return NO_RULE if declared else None
    parser = _RuleParser(doc, concepts, activities)
    rule = parser.parse(entry.rule, ("rule",))
    out.problems += parser.problems
    out.needs = parser.needs
    if declared:
        out.problems.append(Problem("declared-rule-unused", str(doc.path),
                                    line_at(doc, ("rule",)), subject=entry.id, key="rule",
                                    params={"id": entry.id}, severity="warning"))
    return rule


def language_artwork(image: Path) -> dict[str, Path]:
    """The artwork in other languages next to ``image``: ``faire-1.en.svg`` is the English
    one of ``faire-1.svg`` (French, the default, has no language in its name)."""
    out: dict[str, Path] = {}
    for lang in LANGS:
        candidate = image.with_name(f"{image.stem}.{lang}{image.suffix}")
        if lang != DEFAULT_ART_LANG and candidate.is_file():
            out[lang] = candidate
    return out


class _RuleParser:
    """Rule YAML -> Rule AST, collecting a located problem for everything it cannot read."""

    def __init__(
        self, doc: YamlDoc, concepts: Container[str], activities: Container[str] | None
    ) -> None:
        self.doc = doc
        self.concepts = concepts
        self.activities = activities
        self.problems: list[Problem] = []
        self.needs: list[tuple[str, int | None]] = []

    def _problem(self, code: str, at: tuple[Any, ...], **params: Any) -> None:
        self.problems.append(Problem(code, str(self.doc.path), line_at(self.doc, at),
                                     key=".".join(str(p) for p in at), params=params))

    def parse(self, raw: Any, at: tuple[Any, ...]) -> Rule | None:
        if not isinstance(raw, dict):
            self._problem("rule-shape", at, found=type(raw).__name__)
            return None
        if "measure" in raw:
            return self._measure(raw, at)
        if len(raw) != 1 or next(iter(raw)) not in ("all", "any", "at_least"):
            self._problem("rule-shape", at, found=", ".join(map(str, raw)) or "{}")
            return None
        key, value = next(iter(raw.items()))
        n = 1
        if key == "at_least":
            if not isinstance(value, dict) or set(value) != {"n", "of"}:
                self._problem("at-least-shape", (*at, key))
                return None
            n, value = value["n"], value["of"]
            at = (*at, key, "of")
        else:
            at = (*at, key)
        if not isinstance(value, list) or not value:
            self._problem("rule-list", at)
            return None
        items = [self.parse(item, (*at, i)) for i, item in enumerate(value)]
        if any(item is None for item in items):
            return None
        rules = tuple(item for item in items if item is not None)
        if key == "all":
            return AllOf(rules)
        if key == "any":
            return AnyOf(rules)
        if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= len(rules):
            self._problem("at-least-n", at[:-1], n=n, max=len(rules))
            return None
        return AtLeast(n, rules)

    def _measure(self, raw: dict[str, Any], at: tuple[Any, ...]) -> Measure | None:
        kind = raw["measure"]
        if kind not in MEASURES:
            self._problem("unknown-measure", (*at, "measure"), measure=kind,
                          known=", ".join(MEASURES))
            return None
        allowed = ("measure", "min", *FILTERS, *_EXTRA_KEYS.get(kind, ()))
        ok = True
        for key in raw:
            if key not in allowed:
                self._problem("unknown-filter", (*at, key), name=key, measure=kind,
                              known=", ".join(k for k in allowed if k != "measure"))
                ok = False
        minimum = raw.get("min")
        if not isinstance(minimum, int | float) or isinstance(minimum, bool) or minimum < 0:
            self._problem("bad-min", at, value=minimum)
            ok = False
            minimum = 0
        filters = self._filters(raw, at)
        of = raw.get("of")
        if kind == "distinct" and of is not None and of not in DISTINCT_OF:
            self._problem("distinct-of", (*at, "of"), of=of, known=", ".join(DISTINCT_OF))
            ok = False
        role = raw.get("role")
        if role is not None:
            role = parse_role(str(role))
            if role is None:
                self._problem("unknown-role", (*at, "role"), role=raw["role"],
                              known=", ".join(ROLES))
                ok = False
        ids: tuple[str, ...] = ()
        if kind == "badges":
            value = raw.get("ids")
            if not isinstance(value, list) or not value or not all(isinstance(i, str)
                                                                    for i in value):
                self._problem("badges-ids", at)
                ok = False
            else:
                ids = tuple(value)
                self.needs += [(i, line_at(self.doc, (*at, "ids", n))) for n, i in enumerate(ids)]
        if not ok or filters is None:
            return None
        return Measure(kind=kind, min=float(minimum), filters=filters, of=of, role=role, ids=ids)

    def _filters(self, raw: dict[str, Any], at: tuple[Any, ...]) -> Filters | None:
        values: dict[str, Any] = {}
        ok = True
        for key in FILTERS:
            if key not in raw:
                continue
            value = raw[key]
            where = (*at, key)
            if key in ("since", "until"):
                parsed = _date(value)
                if parsed is None:
                    self._problem("bad-date", where, value=value)
                    ok = False
                values[key] = parsed
                continue
            value = str(value)
            if key == "pillar" and value not in PILLARS:
                self._problem("unknown-pillar", where, pillar=value, known=", ".join(PILLARS))
                ok = False
            elif key == "function" and value not in FUNCTIONS:
                self._problem("unknown-function", where, function=value,
                              known=", ".join(FUNCTIONS))
                ok = False
            elif key == "competence" and value not in self.concepts:
                self._problem("unknown-concept", where, ref=value)
                ok = False
            elif key == "activity" and self.activities is not None and (
                value not in self.activities
            ):
                self._problem("unknown-activity", where, activity=value)
                ok = False
            values[key] = value
        return Filters(**values) if ok else None


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _image_problems(doc: YamlDoc, written: str, resolved: Path) -> list[Problem]:
    """The artwork must be a file next to the badge file (or below it), and a safe image: it
    is served as it is and baked into every credential (``credentials.image_safety``)."""
    where = (str(doc.path), line_at(doc, ("image",)))
    if Path(written).is_absolute() or not resolved.is_relative_to(doc.path.parent.resolve()):
        return [Problem("image-outside", *where, key="image", params={"path": written})]
    if not resolved.is_file():
        return [Problem("image-not-found", *where, key="image", params={"path": written})]
    try:
        size = resolved.stat().st_size
        if size > MAX_IMAGE_BYTES:  # not even read
            raise UnsafeImage(f"{written} is too large: {size} bytes (at most {MAX_IMAGE_BYTES})")
        check_image(resolved.read_bytes(), where=written)
    except UnsafeImage as exc:
        return [Problem("image-unsafe", *where, key="image", params={"reason": exc.message})]
    except OSError as exc:
        return [Problem("image-unsafe", *where, key="image",
                        params={"reason": f"{written}: {exc.strerror or exc}"})]
    return []


def order_badges(
    reads: list[BadgeRead], *, known: Container[str] = (), declared: Container[str] = ()
) -> tuple[dict[str, Badge], list[Problem]]:
    """The badges in evaluation order, with a problem for every duplicate id, unknown badge,
    declared badge a rule counts on and cycle between badges. ``known``: ids defined
    elsewhere, which a rule may name (``declared``: those of them that are declared)."""
    problems: list[Problem] = []
    badges: dict[str, Badge] = {}
    needs: dict[str, set[str]] = {}
    defined = {r.id for r in reads} - {""}
    on_word = {r.id for r in reads if r.badge is not None and r.badge.kind == "declared"}
    for read in reads:
        for badge_id, line in read.needs:
            if badge_id not in defined and badge_id not in known:
                problems.append(Problem("unknown-badge", str(read.path), line, key="rule",
                                        params={"id": badge_id}))
            elif badge_id in on_word or (badge_id not in defined and badge_id in declared):
                # on the learner's word only: never toward a pathway, so never toward ECTS
                problems.append(Problem("declared-in-rule", str(read.path), line, key="rule",
                                        subject=read.id, params={"id": badge_id}))
        if read.badge is None:
            continue
        badge = read.badge
        if badge.id in badges:
            problems.append(Problem("duplicate-badge", str(read.path), None, subject=badge.id,
                                    params={"id": badge.id, "first": badges[badge.id].source}))
            continue
        badges[badge.id] = badge
        needs[badge.id] = {i for i, _ in read.needs if i in defined}
    order: list[str] = []
    waiting = {b: {n for n in deps if n in badges} for b, deps in needs.items()}
    rank = {b: (badges[b].kind == "pathway", i) for i, b in enumerate(badges)}
    ready = [(rank[b], b) for b, deps in waiting.items() if not deps]
    heapq.heapify(ready)
    while ready:
        _, current = heapq.heappop(ready)
        order.append(current)
        for other, deps in waiting.items():
            if current in deps:
                deps.discard(current)
                if not deps:
                    heapq.heappush(ready, (rank[other], other))
    for cycle in _cycles({b: deps for b, deps in waiting.items() if deps}):
        file, line = split_source(badges[cycle[0]].source)
        problems.append(Problem("badge-cycle", file, line, subject=cycle[0],
                                params={"cycle": " → ".join([*cycle, cycle[0]])}))
    return {b: badges[b] for b in order}, problems


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each strongly tangled group of ``graph`` (deterministic)."""
    found: list[list[str]] = []
    seen: set[str] = set()
    for start in sorted(graph):
        if start in seen:
            continue
        path: list[str] = []
        node: str | None = start
        while node is not None and node not in path:
            path.append(node)
            nxt = sorted(n for n in graph.get(node, ()) if n in graph)
            node = nxt[0] if nxt else None
        seen.update(path)
        if node is not None and node in path:
            cycle = path[path.index(node):]
            if not any(set(cycle) == set(c) for c in found):
                found.append(cycle)
    return found
