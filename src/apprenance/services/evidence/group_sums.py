"""What activity rows add to learners' evidence totals, summed as they come: the hot path of
an ingest (``GroupSums``). An ingest that reads a large file in a process of its own has that
process sum the rows it sends, per participant (``by="participant"``); the ingest then takes
those sums back (``portable``, ``from_portable``), less what it did not store (``subtract``,
``prune``), under its learners' ids (``rekeyed``)."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Protocol

from apprenance.domain import evidence_codec as codec
from apprenance.domain.catalog import ActivityType
from apprenance.domain.evidence import (
    ANY_ROLE,
    ATTESTATION,
    TOTAL,
    Key,
    Totals,
    day_of,
    month_key,
)

TOTAL_KEY: Key = (TOTAL, "")
# (sums per type, sums per other key, first and last day), each per learner: what crosses a pipe
Portable = tuple[dict[Any, dict[str, list[float]]], dict[Any, dict[Key, list[float]]],
                 dict[Any, list[date]]]


class HasActivityTypes(Protocol):
    """A catalog, or the lookups a reading process has of it."""

    @property
    def activity_types(self) -> Mapping[str, ActivityType]: ...


def totals_of_rows(
    catalog: HasActivityTypes, rows: Iterable[Mapping[str, Any]]
) -> dict[int, Totals]:
    """What ``rows`` add to each learner's totals."""
    sums = GroupSums(catalog)
    sums.add(rows)
    return sums.totals()


class GroupSums:
    """What activity rows add to learners' totals, summed as they come (the hot path of ingest).

    Pillar and competence weights depend on the activity type only, so hours are summed per
    learner and type and weighed once per pair when the sums are added to totals; the other
    dimensions are summed per learner and (dimension, key) directly. Sums are kept per learner,
    so that each learner's are added straight into their stored totals (``add_packed``)."""

    def __init__(self, catalog: HasActivityTypes, by: str = "learner_id") -> None:
        self.kinds = catalog.activity_types
        self._by = by  # the row's field the sums are kept under
        # per learner id (or participant: ``by``)
        self.by_type: dict[Any, dict[str, list[float]]] = {}
        self.plain: dict[Any, dict[Key, list[float]]] = {}
        self.spans: dict[Any, list[date]] = {}
        self._months: dict[Any, tuple[date, Key]] = {}
        self._keys: dict[tuple[str, str], Key] = {}  # one tuple per (dimension, key)
        # (type, function, project, territory) as a row writes them -> their keys
        self._combos: dict[tuple[str, str | None, str | None, str | None], tuple[Key, ...]] = {}
        self._weights: dict[str, list[tuple[Key, float]]] = {}

    def __bool__(self) -> bool:
        return bool(self.by_type)

    def add(self, rows: Iterable[Mapping[str, Any]]) -> None:
        kinds, by_type, plain, spans = self.kinds, self.by_type, self.plain, self.spans
        months, keys_of, combos = self._months, self._keys, self._combos
        by, as_id = self._by, self._by == "learner_id"
        for row in rows:
            if row.get("voided"):
                continue
            kind = kinds.get(row.get("assigned_type") or row["activity_type"])
            if kind is None:
                continue
            learner = int(row[by]) if as_id else row[by]
            hours = float(row["duration_hours"])
            on = row["occurred_on"]
            found = months.get(on)
            if found is None:
                day = day_of(on)
                found = months[on] = (day, month_key(day))
            day, month = found
            mine = by_type.get(learner)
            if mine is None:
                mine = by_type[learner] = {}
                keyed = plain[learner] = {}
            else:
                keyed = plain[learner]
            acc = mine.get(kind.id)
            if acc is None:
                mine[kind.id] = [hours, 1]
            else:
                acc[0] += hours
                acc[1] += 1
            written = (kind.id, row.get("function"), row.get("project_id"),
                       row.get("territory_id"))
            keys = combos.get(written)
            if keys is None:
                keys = combos[written] = self.combo_keys(kind, *written[1:])
            for key in (month, *keys):
                acc = keyed.get(key)
                if acc is None:
                    keyed[key] = [hours, 1]
                else:
                    acc[0] += hours
                    acc[1] += 1
            roles = row.get("witness_roles")  # stored rows: every attestation's role
            if roles is None:  # rows being ingested: at most one witness
                roles = (str(row.get("witness_role") or ""),) if row.get("witness") else ()
            if roles:
                for role in {ANY_ROLE, *roles}:
                    if not role:
                        continue  # a witness of unknown role counts for any role only
                    key = keys_of.get((ATTESTATION, role)) or self._key(ATTESTATION, role)
                    acc = keyed.get(key)
                    if acc is None:
                        keyed[key] = [0.0, 1]
                    else:
                        acc[1] += 1
            span = spans.get(learner)
            if span is None:
                spans[learner] = [day, day]
            elif day < span[0]:
                span[0] = day
            elif day > span[1]:
                span[1] = day

    def combo_keys(self, kind: ActivityType, function: str | None, project: str | None,
               territory: str | None) -> tuple[Key, ...]:
        """The keys other than the month that a row of ``kind`` adds to, with the function,
        project and territory it names (the kind's first function when it names none)."""
        function = function or (kind.functions[0] if kind.functions else None)
        named = (("function", function), ("project", project), ("territory", territory))
        return tuple(self._keys.get((dimension, name)) or self._key(dimension, name)
                     for dimension, name in named if name)

    def _key(self, dimension: str, name: str) -> Key:
        key = self._keys[(dimension, name)] = (dimension, name)
        return key

    def learners(self) -> list[int]:
        """The learners with sums, in id order."""
        return sorted(self.by_type)

    def add_packed(self, learner: int, into: codec.Packed) -> None:
        """Add the learner's sums to ``into`` (in place); first and last days apart
        (``span``)."""
        slot, index, h, c = into.slot, into.index.get, into.hours, into.counts
        for kind_id, (hours, n) in self.by_type.get(learner, {}).items():
            weighted = self._weights.get(kind_id)
            if weighted is None:
                weighted = self._weighted(kind_id)
            count = int(n)
            for key, weight in weighted:
                i = index(key)
                if i is None:
                    i = slot(key)
                h[i] += hours * weight
                c[i] += count
        for key, (hours, n) in self.plain.get(learner, {}).items():
            i = index(key)
            if i is None:
                i = slot(key)
            if key[0] != ATTESTATION:
                h[i] += hours
            c[i] += int(n)

    def span(self, learner: int) -> tuple[date, date] | None:
        """The first and last day of the learner's sums."""
        found = self.spans.get(learner)
        return None if found is None else (found[0], found[1])

    def _weighted(self, kind_id: str) -> list[tuple[Key, float]]:
        kind = self.kinds[kind_id]
        weighted = self._weights[kind_id] = [
            (TOTAL_KEY, 1.0), (("activity", kind_id), 1.0),
            *((("pillar", p), w) for p, w in kind.pillars.items()),
            *((("competence", k), w) for k, w in kind.competences.items())]
        return weighted

    def totals(self) -> dict[int, Totals]:
        """The sums as each learner's totals (as they would be stored, with their span)."""
        out: dict[int, Totals] = {}
        for learner, (first, last) in self.spans.items():
            packed = codec.Packed()
            self.add_packed(learner, packed)
            totals = out[learner] = packed.totals()
            totals.first, totals.last = first, last
        return out

    def clear(self) -> None:
        self.by_type, self.plain, self.spans = {}, {}, {}

    # --- sums made elsewhere ---------------------------------------------------------------

    def portable(self) -> Portable:
        """The sums as plain dicts and lists (to pickle)."""
        return self.by_type, self.plain, self.spans

    @classmethod
    def from_portable(cls, catalog: HasActivityTypes, data: Portable, by: str) -> GroupSums:
        sums = cls(catalog, by)
        sums.by_type, sums.plain, sums.spans = data
        return sums

    def subtract(self, other: GroupSums) -> None:
        """Take out what ``other`` (rows these sums counted) adds; entries whose count falls to
        zero stay, at zero, until ``prune``."""
        for learner, kinds in other.by_type.items():
            mine, keyed = self.by_type[learner], self.plain[learner]
            for kind_id, (hours, n) in kinds.items():
                acc = mine[kind_id]
                acc[0] -= hours
                acc[1] -= n
            for key, (hours, n) in other.plain[learner].items():
                acc = keyed[key]
                acc[0] -= hours
                acc[1] -= n

    def prune(self) -> None:
        """Forget entries counting no row (after ``subtract``), and learners left with none."""
        for learner in list(self.by_type):
            kinds, keyed = self.by_type[learner], self.plain[learner]
            lists: tuple[dict[Any, list[float]], ...] = (kinds, keyed)
            for entries in lists:
                for key in [k for k, (_hours, n) in entries.items() if n <= 0]:
                    if entries[key][1] < 0:
                        raise ValueError(f"more rows taken out of {key} than it counted")
                    del entries[key]
            if not kinds:
                del self.by_type[learner], self.plain[learner], self.spans[learner]

    def rekeyed(self, ids: Mapping[Any, int]) -> GroupSums:
        """The same sums kept under ``ids[key]`` (a participant's learner id)."""
        sums = copy.copy(self)  # the same caches of keys and weights
        sums._by = "learner_id"
        sums.by_type = {ids[k]: v for k, v in self.by_type.items()}
        sums.plain = {ids[k]: v for k, v in self.plain.items()}
        sums.spans = {ids[k]: v for k, v in self.spans.items()}
        return sums

    def set_span(self, learner: int, first: date, last: date) -> None:
        """Set the learner's first and last day (``first`` <= ``last``)."""
        self.spans[learner] = [first, last]

    def take(self, other: GroupSums) -> None:
        """Hold ``other``'s sums (kept under the same keys) in place of these, which are
        empty: sums made elsewhere for a transaction the writer summed nothing of."""
        if self.by_type:
            raise ValueError("sums taken over sums that hold some")
        self.by_type, self.plain, self.spans = other.by_type, other.plain, other.spans
