"""What rows being ingested add to their participants' evidence, summed by column rather than
row by row (``ColumnSums``): the sums a reading process sends with each segment of a large file
(``services/ingest/read_apart``), in the form of ``GroupSums.portable``.

Each row is reduced to a few small integers (its participant, its type, what it names, its
month, its witness's role: each distinct value numbered once), kept in arrays; at the end of a
segment the sums per participant and key are one grouping of those arrays (numpy), however
many rows there are. Summing row by row cost 2.4 s of CPU for 500,000 rows, about a third of
the reading process (docs/benchmarks.md, "SQLite, fifth session").

The same rows summed by ``GroupSums.add`` give the same sums (hours up to the order of the
additions); rows that do not count (voided, of a type the catalog does not know) are left
out the same way.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import numpy as np

from apprenance.domain.evidence import ANY_ROLE, ATTESTATION, Key, day_of, month_key
from apprenance.services.evidence.group_sums import GroupSums, HasActivityTypes, Portable

_NONE = -1  # a combination that names no function, project or territory in that slot


class ColumnSums:
    """Rows' evidence sums per participant, kept as columns until ``portable``."""

    def __init__(self, catalog: HasActivityTypes) -> None:
        self._row_keys = GroupSums(catalog, by="participant")  # a row's keys, as it makes them
        self.kinds = catalog.activity_types
        self._learners: dict[Any, int] = {}
        self._keys: dict[Key, int] = {}  # every key but a type's, numbered
        self._kind_ids: dict[str, int] = {}
        # (type, function, project, territory) as written -> its number (None: unknown type),
        # and by number: (type number, function, project and territory key numbers)
        self._combos: dict[tuple[Any, ...], int | None] = {}
        self._combo_table: list[tuple[int, int, int, int]] = []
        self._days: dict[Any, tuple[int, int]] = {}  # day as written -> (ordinal, month key)
        self._witness: dict[str, tuple[int, int]] = {}  # role -> (any-role key, role key)
        self._clear_columns()

    def _clear_columns(self) -> None:
        self._learner, self._combo = array("q"), array("q")
        self._day, self._month = array("q"), array("q")
        self._hours = array("d")
        self._attested, self._any, self._role = array("q"), array("q"), array("q")

    def _key(self, key: Key) -> int:
        return self._keys.setdefault(key, len(self._keys))

    def _combo_of(self, written: tuple[Any, ...]) -> int | None:
        kind = self.kinds.get(written[0])
        found: int | None = None
        if kind is not None:
            keys = self._row_keys.combo_keys(kind, *written[1:])
            by_dimension = {key[0]: self._key(key) for key in keys}
            found = len(self._combo_table)
            self._combo_table.append((
                self._kind_ids.setdefault(kind.id, len(self._kind_ids)),
                by_dimension.get("function", _NONE), by_dimension.get("project", _NONE),
                by_dimension.get("territory", _NONE)))
        self._combos[written] = found
        return found

    def _day_of(self, on: Any) -> tuple[int, int]:
        day = day_of(on)
        found = self._days[on] = (day.toordinal(), self._key(month_key(day)))
        return found

    def _witness_of(self, role: str) -> tuple[int, int]:
        found = self._witness[role] = (self._key((ATTESTATION, ANY_ROLE)),
                                       self._key((ATTESTATION, role)) if role else _NONE)
        return found

    def add(self, rows: Iterable[Mapping[str, Any]]) -> None:
        learners, combos, days = self._learners, self._combos, self._days
        learner, combo, day, month = self._learner, self._combo, self._day, self._month
        hours, attested, any_role, role_of = self._hours, self._attested, self._any, self._role
        witnesses = self._witness
        for row in rows:
            if row.get("voided"):
                continue
            written = (row.get("assigned_type") or row["activity_type"], row.get("function"),
                       row.get("project_id"), row.get("territory_id"))
            c = combos[written] if written in combos else self._combo_of(written)
            if c is None:
                continue
            who = row["participant"]
            n = learners.get(who)
            if n is None:
                n = learners[who] = len(learners)
            on = row["occurred_on"]
            ordinal, in_month = days.get(on) or self._day_of(on)
            learner.append(n)
            combo.append(c)
            day.append(ordinal)
            month.append(in_month)
            hours.append(float(row["duration_hours"]))
            if row.get("witness"):
                role = str(row.get("witness_role") or "")
                keys = witnesses.get(role) or self._witness_of(role)
                attested.append(n)
                any_role.append(keys[0])
                role_of.append(keys[1])

    def portable(self) -> Portable:
        """The sums as ``GroupSums.portable`` makes them (per participant)."""
        people = list(self._learners)
        learner = np.frombuffer(self._learner, dtype=np.int64)
        if not len(learner):
            return {}, {}, {}
        hours = np.frombuffer(self._hours, dtype=np.float64)
        combo_table = np.array(self._combo_table, dtype=np.int64).reshape(-1, 4)
        combo = combo_table[np.frombuffer(self._combo, dtype=np.int64)]
        kinds = sorted(self._kind_ids, key=self._kind_ids.__getitem__)
        keys = sorted(self._keys, key=self._keys.__getitem__)
        width = max(len(keys), 1)

        by_type: dict[Any, dict[str, list[float]]] = {who: {} for who in people}
        for (n, k), h, c in _grouped(learner, combo[:, 0], len(kinds), hours):
            by_type[people[n]][kinds[k]] = [h, c]

        # every other key a row adds to: its month, what it names, its witness's roles
        owners, which = [learner], [np.frombuffer(self._month, dtype=np.int64)]
        weights = [hours]
        for slot in (1, 2, 3):
            named = combo[:, slot] != _NONE
            owners.append(learner[named])
            which.append(combo[named, slot])
            weights.append(hours[named])
        attested = np.frombuffer(self._attested, dtype=np.int64)
        role = np.frombuffer(self._role, dtype=np.int64)
        known = role != _NONE  # a witness of unknown role counts for any role only
        owners += [attested, attested[known]]
        which += [np.frombuffer(self._any, dtype=np.int64), role[known]]
        weights += [np.zeros(len(attested)), np.zeros(int(known.sum()))]
        plain: dict[Any, dict[Key, list[float]]] = {who: {} for who in people}
        for (n, k), h, c in _grouped(np.concatenate(owners), np.concatenate(which), width,
                                     np.concatenate(weights)):
            plain[people[n]][keys[k]] = [h, c]

        day = np.frombuffer(self._day, dtype=np.int64)
        first = np.full(len(people), np.iinfo(np.int64).max, dtype=np.int64)
        last = np.full(len(people), np.iinfo(np.int64).min, dtype=np.int64)
        np.minimum.at(first, learner, day)
        np.maximum.at(last, learner, day)
        spans = {who: [date.fromordinal(int(f)), date.fromordinal(int(t))]
                 for who, f, t in zip(people, first.tolist(), last.tolist(), strict=True)}
        return by_type, plain, spans

    def clear(self) -> None:
        """Forget the rows summed (the numbering of values stays: it is the same next time)."""
        self._learners = {}
        self._clear_columns()


def _grouped(owner: Any, key: Any, width: int, hours: Any
             ) -> Iterable[tuple[tuple[int, int], float, int]]:
    """((owner, key), hours, rows) for each distinct pair, summed."""
    codes = owner * width + key
    distinct, inverse = np.unique(codes, return_inverse=True)
    sums = np.bincount(inverse, weights=hours, minlength=len(distinct))
    counts = np.bincount(inverse, minlength=len(distinct))
    pairs = zip((distinct // width).tolist(), (distinct % width).tolist(), strict=True)
    return zip(pairs, sums.tolist(), counts.tolist(), strict=True)
